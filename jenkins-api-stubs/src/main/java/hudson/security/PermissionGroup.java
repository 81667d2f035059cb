// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/PermissionGroup.java (Jenkins 2.479.3). Iteration and lookup omitted.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

/** A named group of permissions owned by one class. */
public final class PermissionGroup {
    public final @NonNull Class owner;
    public final Localizable title;

    public PermissionGroup(@NonNull Class owner, Localizable title) {
        this.owner = owner;
        this.title = title;
    }
}
