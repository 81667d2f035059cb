// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/org/jenkinsci/remoting/Role.java (remoting bundled in Jenkins 2.479.3).
package org.jenkinsci.remoting;

/** A side of a channel (controller or agent) that a callable may be meant to run on. */
public final class Role {
    private final String name;

    // jenkinsci/remoting src/main/java/org/jenkinsci/remoting/Role.java, Role(String) (jenkins.security.Roles makes
    // its constants with it)
    public Role(String name) {
        this.name = name;
    }

    // jenkinsci/remoting src/main/java/org/jenkinsci/remoting/Role.java, Role(Class)
    public Role(Class<?> name) {
        this(name.getName());
    }

    public String getName() {
        throw new UnsupportedOperationException("stand-in: Role#getName is not modelled");
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("stand-in: Role#toString is not modelled");
    }
}
