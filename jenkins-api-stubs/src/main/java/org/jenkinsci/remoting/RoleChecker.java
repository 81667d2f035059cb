// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/org/jenkinsci/remoting/RoleChecker.java (remoting bundled in Jenkins 2.479.3).
package org.jenkinsci.remoting;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;

/** Verifies that a callable is allowed to run on this side of a channel. */
public abstract class RoleChecker {

    public abstract void check(@NonNull RoleSensitive subject, @NonNull Collection<Role> expected)
            throws SecurityException;

    public void check(@NonNull RoleSensitive subject, @NonNull Role expected) throws SecurityException {
        check(subject, Collections.singleton(expected));
    }

    public void check(@NonNull RoleSensitive subject, @NonNull Role... expected) throws SecurityException {
        check(subject, Arrays.asList(expected));
    }
}
