// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/AbstractModelObject.java (Jenkins 2.479.3). The real class implements
// SearchableModelObject (a ModelObject); search support is omitted.
package hudson.model;

/** Base of model objects. */
public abstract class AbstractModelObject implements ModelObject {
}
