// Compile-time stand-in, never shipped: jenkinsci/jenkins core/src/main/java/jenkins/security/MasterToSlaveCallable.java
// (Jenkins 2.479.3, before 2.485 re-parented it onto ControllerToAgentCallable).
package jenkins.security;

import hudson.remoting.Callable;
import org.jenkinsci.remoting.RoleChecker;

/** A callable the controller sends to run on an agent. */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    private static final long serialVersionUID = 1L;

    // MasterToSlaveCallable#checkRoles: only an agent may run it.
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        checker.check(this, Roles.SLAVE);
    }
}
