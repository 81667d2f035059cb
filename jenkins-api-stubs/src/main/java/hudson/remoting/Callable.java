// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/hudson/remoting/Callable.java (remoting bundled in Jenkins 2.479.3). The default
// channel helpers are omitted.
package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/** A computation sent over a channel to run on the other side. */
public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}
