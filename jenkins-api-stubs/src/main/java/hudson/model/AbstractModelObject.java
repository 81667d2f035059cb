// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/AbstractModelObject.java (Jenkins 2.479.3). Search support and the error
// pages are omitted.
package hudson.model;

import hudson.search.SearchableModelObject;

/** Base of model objects. */
public abstract class AbstractModelObject implements SearchableModelObject {
}
