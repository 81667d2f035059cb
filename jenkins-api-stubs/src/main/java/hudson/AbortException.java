// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/AbortException.java (Jenkins 2.479.3).
package hudson;

import java.io.IOException;

/** Fails a build or step with a message and no stack trace. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
    }

    // jenkinsci/jenkins core/src/main/java/hudson/AbortException.java, AbortException(String)
    public AbortException(String message) {
        super(message);
    }
}
