// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/org/jenkinsci/remoting/RoleChecker.java (remoting bundled in Jenkins 2.479.3).
package org.jenkinsci.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Collection;

/** Verifies that a callable is allowed to run on this side of a channel. */
public abstract class RoleChecker {

    public abstract void check(@NonNull RoleSensitive subject, @NonNull Collection<Role> expected)
            throws SecurityException;

    public void check(@NonNull RoleSensitive subject, @NonNull Role expected) throws SecurityException {
        throw new UnsupportedOperationException("stand-in: RoleChecker#check(RoleSensitive, Role) is not modelled");
    }

    public void check(@NonNull RoleSensitive subject, @NonNull Role... expected) throws SecurityException {
        throw new UnsupportedOperationException("stand-in: RoleChecker#check(RoleSensitive, Role...) is not modelled");
    }
}
