package io.dataos.upgrade.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
     * a pid that was reused by another program does not count, nor does a zombie (a killed run whose
     * parent died too stays one where the container's init does not reap, e.g. an agent started without
     * {@code --init}; it runs nothing).
     */
    static boolean isAlive(long pid, String recordedStart) {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive() || isZombie(pid)) {
            return false;
        }
        String start = handle.get().info().startInstant().map(Instant::toString).orElse(null);
        return recordedStart == null || start == null || recordedStart.equals(start);
    }

    /** Whether process {@code pid} has exited and waits to be reaped (Linux, from /proc; elsewhere false). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException noProc) {
            return false;
        }
    }

    /**
     * Live processes of this user whose environment holds {@code name=value} (Linux, through
     * /proc; elsewhere none). Children inherit the environment, so this finds a command and
     * everything it started even when the journal never learnt their pids.
     */
    static List<ProcessHandle> processesWithEnv(String name, String value) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return List.of();
        }
        byte[] wanted = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : entries.toList()) {
                String pidText = entry.getFileName().toString();
                if (!pidText.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                byte[] environ;
                try {
                    environ = Files.readAllBytes(entry.resolve("environ"));
                } catch (IOException | SecurityException unreadable) {
                    continue; // gone, or another user's
                }
                if (containsEntry(environ, wanted)) {
                    ProcessHandle.of(Long.parseLong(pidText)).filter(ProcessHandle::isAlive).ifPresent(found::add);
                }
            }
        } catch (IOException unreadable) {
            return found;
        }
        return found;
    }

    private static boolean containsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
