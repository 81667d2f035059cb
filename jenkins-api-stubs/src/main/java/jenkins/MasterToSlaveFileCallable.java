// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/MasterToSlaveFileCallable.java as of Jenkins 2.479.3, where it implements
// FilePath.FileCallable directly (it was re-parented onto ControllerToAgentFileCallable in 2.485).
package jenkins;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

/** A FileCallable that the controller sends to an agent. */
public abstract class MasterToSlaveFileCallable<T> implements FilePath.FileCallable<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("stand-in: MasterToSlaveFileCallable#checkRoles is not modelled");
    }
}
