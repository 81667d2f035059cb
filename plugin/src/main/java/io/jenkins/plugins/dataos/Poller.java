package io.jenkins.plugins.dataos;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin's own few threads: they start engines and follow their logs. Not {@code jenkins.util.Timer}, whose
 * threads the whole controller shares: a slow agent must not delay anyone else's timers, and ours must not wait
 * for theirs.
 */
final class Poller {

    private static final AtomicInteger COUNT = new AtomicInteger();

    static final ScheduledExecutorService EXECUTOR = Executors.newScheduledThreadPool(2, daemon());

    private Poller() {
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread t = new Thread(runnable, "dataos-upgrade engine follower " + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
