// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java
// (Jenkins 2.479.3): only the nested Task interface and the one default method the plugin reaches.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.queue.SubTask;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;

/** The build queue. */
public class Queue extends ResourceController implements Saveable {

    private Queue() {
        throw new UnsupportedOperationException("stand-in: the queue is not modelled");
    }

    @Override
    public void save() {
        throw new UnsupportedOperationException("stand-in: the queue is not modelled");
    }

    /** Something that can be queued and built: a job. */
    public interface Task extends ModelObject, SubTask {

        // Queue.Task#getDefaultAuthentication2: ACL.SYSTEM2 unless the task overrides the legacy
        // getDefaultAuthentication (which this stand-in does not declare).
        default @NonNull Authentication getDefaultAuthentication2() {
            return ACL.SYSTEM2;
        }
    }
}
