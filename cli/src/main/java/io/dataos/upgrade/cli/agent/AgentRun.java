package io.dataos.upgrade.cli.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The wrapper's work on Java 17: starts the engine with no shell, its standard output to
 * {@code result.json} and its standard error appended to {@code engine.log}, records its pid, keeps a
 * heartbeat, turns a {@code stop} file (or SIGTERM to the wrapper) into SIGTERM to the engine and,
 * after the grace period, kills the engine and every process below it, and writes {@code status}
 * last. Every file is owner-only whatever the umask, and every rewrite is written beside and renamed.
 */
public final class AgentRun {

    /**
     * The status when the engine could not start. The same value as Wrapper's, written twice on purpose:
     * Wrapper is compiled for Java 8 and must not reach into a Java 17 class, nor this one into it.
     */
    static final int CANNOT_START = 126;
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofSeconds(1);
    /**
     * How long a run folder left behind is kept: the plugin deletes a folder once it has the engine's outcome, so
     * what stays is a crash kept for diagnosis, or the folder of a step whose controller never came back.
     */
    static final Duration KEEP_FINISHED = Duration.ofDays(7);
    /** The files that make a folder a run folder: nothing else beside this run's folder is ever deleted. */
    private static final List<String> RUN_FILES = List.of("engine.log", "status", "heartbeat", "pid");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final Duration grace;
    private final List<String> command;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);

    AgentRun(Path dir, Duration grace, List<String> command) {
        this.dir = dir;
        this.grace = grace;
        this.command = List.copyOf(command);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !args[2].equals("--")) {
            System.err.println("usage: java -cp ENGINE.jar io.dataos.upgrade.cli.agent.Wrapper RUN_DIR GRACE_SECONDS"
                    + " -- COMMAND...");
            System.exit(2);
        }
        Duration grace;
        try {
            grace = Duration.ofSeconds(Long.parseLong(args[1]));
        } catch (NumberFormatException e) {
            System.err.println("GRACE_SECONDS '" + args[1] + "' is not a number of seconds");
            System.exit(2);
            return;
        }
        System.exit(new AgentRun(Path.of(args[0]), grace, Arrays.asList(args).subList(3, args.length)).run());
    }

    int run() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIR);
        Path log = ownerOnlyFile("engine.log");
        Path result = ownerOnlyFile("result.json");
        Files.deleteIfExists(dir.resolve("status"));
        List<String> pruned = pruneOldRuns(dir.getParent(), Instant.now().minus(KEEP_FINISHED));
        if (!pruned.isEmpty()) {
            appendLine(log, "removed " + pruned.size() + " run folder(s) untouched for " + KEEP_FINISHED.toDays()
                    + " days: " + String.join(", ", pruned));
        }
        Process engine;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(takeSecrets());
            engine = builder
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.to(result.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            appendLine(log, "cannot start " + command.get(0) + ": " + e.getMessage());
            replace("status", CANNOT_START + "\n");
            return CANNOT_START;
        }
        replace("pid", engine.pid() + "\n");
        replace("heartbeat", "0\n"); // at once: a plugin polling now finds the run alive
        // SIGTERM to the wrapper: stop the engine the same way, and wait until its status is written
        Thread forward = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await(grace.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dataos-upgrade-wrapper-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        long beats = 0;
        Instant nextBeat = Instant.EPOCH;
        Instant stoppedAt = null;
        boolean killed = false;
        while (!engine.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            Instant now = Instant.now();
            if (!now.isBefore(nextBeat)) {
                replace("heartbeat", ++beats + "\n");
                nextBeat = now.plus(HEARTBEAT);
            }
            if (stoppedAt == null && (stopRequested || Files.exists(dir.resolve("stop")))) {
                appendLine(log, "stop requested: SIGTERM to the engine (pid " + engine.pid() + "), killed after "
                        + grace.toSeconds() + " s");
                engine.destroy();
                stoppedAt = now;
            } else if (stoppedAt != null && !killed && Duration.between(stoppedAt, now).compareTo(grace) >= 0) {
                appendLine(log, "the engine did not stop within " + grace.toSeconds() + " s: killing it and every"
                        + " process below it");
                engine.descendants().forEach(ProcessHandle::destroyForcibly);
                engine.destroyForcibly();
                killed = true;
            }
        }
        int code = engine.exitValue();
        replace("status", code + "\n");
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(forward);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and waits for the latch counted down above
        }
        return code;
    }

    /**
     * The secrets the plugin left for the engine in {@code secrets} ({@code NAME=base64(value)} lines, in the
     * owner-only run folder), read and deleted before the engine starts: they reach the engine's environment only,
     * never an argument, and no file outlives the start.
     */
    private Map<String, String> takeSecrets() throws IOException {
        Path file = dir.resolve("secrets");
        Map<String, String> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    try {
                        secrets.put(line.substring(0, eq), new String(Base64.getDecoder()
                                .decode(line.substring(eq + 1)), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException notBase64) {
                        throw new IOException("the secrets file holds a value that is not base64 (of "
                                + line.substring(0, eq) + ")");
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
        return secrets;
    }

    private Path ownerOnlyFile(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
        // explicitly, since the umask narrows what createFile asks for and a file may be left from before
        Files.setPosixFilePermissions(file, FILE);
        return file;
    }

    /** Writes {@code name} beside, then renames it over: a reader sees the old or the new text, never half. */
    private void replace(String name, String text) throws IOException {
        Path tmp = ownerOnlyFile(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes the run folders beside this one (not this one) in which nothing changed since {@code before}: a
     * folder counts as a run's only if it holds one of {@link #RUN_FILES}; links are deleted, never followed.
     * A folder that cannot be deleted is left for the next run; a live run's heartbeat is never that old.
     */
    private List<String> pruneOldRuns(Path runs, Instant before) {
        List<String> pruned = new ArrayList<>();
        if (runs == null) {
            return pruned;
        }
        try (var siblings = Files.list(runs)) {
            for (Path run : siblings.filter(p -> !p.equals(dir)).toList()) {
                if (!Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS) || !isOldRun(run, before)) {
                    continue;
                }
                try (var tree = Files.walk(run)) { // walk does not follow links: a link is deleted as a link
                    for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                    pruned.add(run.getFileName().toString());
                } catch (IOException busy) {
                    // another wrapper pruning the same folder, or a file we may not delete: left for next time
                }
            }
        } catch (IOException unreadable) {
            // the runs folder cannot be listed: nothing is pruned, the run itself goes on
        }
        return pruned;
    }

    private static boolean isOldRun(Path run, Instant before) throws IOException {
        boolean isRun = false;
        for (String name : RUN_FILES) {
            Path file = run.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                isRun = true;
                if (!Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant()
                        .isBefore(before)) {
                    return false;
                }
            }
        }
        return isRun && Files.getLastModifiedTime(run, LinkOption.NOFOLLOW_LINKS).toInstant()
                .isBefore(before);
    }

    private static void appendLine(Path log, String line) throws IOException {
        Files.writeString(log, "dataos-upgrade: " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
