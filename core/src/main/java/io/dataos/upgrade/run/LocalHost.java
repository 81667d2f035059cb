package io.dataos.upgrade.run;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/** This machine's name and process facts, as recorded in journals and locks to recognise a dead holder. */
final class LocalHost {

    private static volatile String name;

    private LocalHost() {}

    static String name() {
        String known = name;
        if (known == null) {
            try {
                known = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException unresolvable) {
                String env = System.getenv("HOSTNAME");
                known = env == null || env.isBlank() ? "unknown-host" : env;
            }
            name = known;
        }
        return known;
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** When process {@code pid} started, or null when it is not running (or the system will not say). */
    static String processStart(long pid) {
        if (pid <= 0) {
            return null;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Instant::toString).orElse(null);
    }

    /**
     * Whether process {@code pid} on this host is still the one that started at {@code recordedStart}:
     * a pid that was reused by another program does not count.
     */
    static boolean isAlive(long pid, String recordedStart) {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        String start = handle.get().info().startInstant().map(Instant::toString).orElse(null);
        return recordedStart == null || start == null || recordedStart.equals(start);
    }
}
