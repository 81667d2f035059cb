// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/security/Roles.java (Jenkins 2.479.3).
package jenkins.security;

import org.jenkinsci.remoting.Role;

/** The two roles of a Jenkins channel. */
public class Roles {
    public static final Role MASTER = new Role("master");
    public static final Role SLAVE = new Role("slave");

    private Roles() {
    }
}
