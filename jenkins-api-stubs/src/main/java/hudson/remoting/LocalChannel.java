// Compile-time stand-in, never shipped: jenkinsci/remoting src/main/java/hudson/remoting/LocalChannel.java
// (remoting 3261.v9c670a_4748a_9, the version Jenkins 2.479.3 bundles). FilePath.localChannel is one: the channel
// of the controller's own JVM, on which a callable simply runs in place.
package hudson.remoting;

import java.util.concurrent.ExecutorService;

/** The channel to this JVM itself. */
public class LocalChannel implements VirtualChannel {

    private final ExecutorService executor;

    public LocalChannel(ExecutorService executor) {
        this.executor = executor;
    }

    // LocalChannel#call: runs the callable on the calling thread.
    @Override
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws T {
        return callable.call();
    }

    @Override
    public <V, T extends Throwable> Future<V> callAsync(Callable<V, T> callable) {
        throw new UnsupportedOperationException("stand-in: LocalChannel.callAsync is not used by the plugin");
    }

    // LocalChannel#close: nothing to close.
    @Override
    public void close() {
    }

    @Override
    public void join() throws InterruptedException {
    }

    @Override
    public void join(long timeout) throws InterruptedException {
    }

    // LocalChannel#export: the instance itself, nothing crosses a wire.
    @Override
    public <T> T export(Class<T> intf, T instance) {
        return instance;
    }

    @Override
    public void syncLocalIO() throws InterruptedException {
    }
}
