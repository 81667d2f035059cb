// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/model/queue/Tasks.java
// (Jenkins 2.479.3).
package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

/** Helpers over queue tasks. */
public class Tasks {

    // Tasks#getAuthenticationOf2: the first QueueItemAuthenticator's answer (e.g. the Authorize Project plugin's),
    // else the task's default. No authenticator is configured here, so it is the task's default.
    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        return t.getDefaultAuthentication2();
    }
}
