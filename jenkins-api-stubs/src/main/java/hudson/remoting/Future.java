// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/remoting
// src/main/java/hudson/remoting/Future.java (remoting bundled in Jenkins 2.479.3).
package hudson.remoting;

/** Alias of java.util.concurrent.Future that VirtualChannel#callAsync returns. */
public interface Future<V> extends java.util.concurrent.Future<V> {
}
