// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins core/src/main/java/hudson/model/Action.java
// (Jenkins 2.479.3).
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Something attached to a model object: a link in its side panel, or data kept with it. */
public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
