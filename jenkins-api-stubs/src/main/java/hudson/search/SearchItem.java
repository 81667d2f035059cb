// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/search/SearchItem.java (Jenkins 2.479.3). Declared because AbstractModelObject and
// Item have it through SearchableModelObject; its members (getSearchName, getSearchUrl, getSearchIndex) are
// omitted (the plugin uses no search).
package hudson.search;

/** Something that the Jenkins search box can find. */
public interface SearchItem {
}
