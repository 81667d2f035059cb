// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/org/jenkinsci/remoting/RoleSensitive.java (remoting bundled in Jenkins 2.479.3).
package org.jenkinsci.remoting;

/** An object that says which side of a channel it expects to run on. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
