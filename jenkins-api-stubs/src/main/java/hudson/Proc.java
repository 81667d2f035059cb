// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/Proc.java (Jenkins 2.479.3). The LocalProc/RemoteProc implementations are
// omitted; joinWithTimeout kills the process once the timeout passes and reports it on the listener.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An external process that was launched. */
public abstract class Proc {

    protected Proc() {
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    @CheckForNull
    public abstract InputStream getStdout();

    @CheckForNull
    public abstract InputStream getStderr();

    @CheckForNull
    public abstract OutputStream getStdin();

    public final int joinWithTimeout(final long timeout, final TimeUnit unit, final TaskListener listener)
            throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> {
            try {
                if (!done.await(timeout, unit)) {
                    listener.error("Timeout after " + timeout + " " + unit.toString().toLowerCase(Locale.ENGLISH));
                    kill();
                }
            } catch (InterruptedException | IOException e) {
                // the join finished or the watchdog was stopped: nothing to kill
            }
        }, "Proc.joinWithTimeout watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return join();
        } finally {
            done.countDown();
        }
    }
}
