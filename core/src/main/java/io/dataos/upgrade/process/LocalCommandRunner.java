package io.dataos.upgrade.process;

import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.secret.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Runs commands as local processes (the CLI, the sandbox and the tests): argv straight to the
 * operating system, stdout and stderr merged and streamed line by line with every secret masked,
 * and the whole process tree stopped when the timeout passes or the caller is interrupted.
 */
public final class LocalCommandRunner implements CommandRunner {

    /** Exit code reported for a command stopped at its timeout, as coreutils' timeout does. */
    public static final int EXIT_TIMED_OUT = 124;

    private static final Duration GRACE = Duration.ofSeconds(5);
    private final int tailLines;

    public LocalCommandRunner() {
        this(200);
    }

    public LocalCommandRunner(int tailLines) {
        this.tailLines = tailLines;
    }

    @Override
    public CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException {
        return run(command, output, pid -> { });
    }

    @Override
    public CommandResult run(Command command, Consumer<String> output, LongConsumer onStart)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true);
        builder.environment().putAll(command.env());
        if (command.workDir() != null) {
            builder.directory(command.workDir().toFile());
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // The JDK's message repeats the program name; say what to fix without echoing arguments.
            throw new IOException("cannot start '" + command.argv().get(0) + "': " + Secret.mask(e.getMessage(),
                    command.secrets()) + " (is it installed and on PATH?)");
        }
        process.getOutputStream().close();
        try {
            onStart.accept(process.pid());
        } catch (RuntimeException listenerFailed) {
            // Whoever wanted to record the start could not (a journal write failed): do not leave
            // an unrecorded process running.
            stop(process);
            throw listenerFailed;
        }
        OutputTail tail = new OutputTail(tailLines, 64 * 1024);
        Thread pump = new Thread(() -> pump(process, command, tail, output), "output of " + command.argv().get(0));
        pump.setDaemon(true);
        pump.start();
        boolean finished;
        try {
            finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            stop(process);
            pump.join(GRACE.toMillis());
            throw interrupted;
        }
        if (!finished) {
            stop(process);
        }
        pump.join(GRACE.toMillis());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int exit = finished ? process.exitValue() : EXIT_TIMED_OUT;
        return new CommandResult(exit, !finished, tail.toString(), elapsed);
    }

    private static void pump(Process process, Command command, OutputTail tail, Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String masked = Secret.mask(line, command.secrets());
                tail.add(masked);
                output.accept(masked);
            }
        } catch (IOException closed) {
            // the process was stopped and its pipe closed: nothing more to read
        }
    }

    /** Stops the process and its descendants: politely first, then forcibly after a grace period. */
    private static void stop(Process process) throws InterruptedException {
        // The parent goes first, so a shell cannot run its next step when its current child dies; the
        // tree is listed beforehand because orphaned children no longer show up as descendants.
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException stillRunning) {
                break; // the grace period is over: force what is left
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
