// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/search/SearchableModelObject.java (Jenkins 2.479.3). getSearch() is omitted.
package hudson.search;

import hudson.model.ModelObject;

/** A model object with its own search index. */
public interface SearchableModelObject extends ModelObject, SearchItem {
}
