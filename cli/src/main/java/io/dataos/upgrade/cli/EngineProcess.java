package io.dataos.upgrade.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * The engine's process: runs one command line on a thread of its own, so that SIGTERM or SIGINT
 * (a build abort, Ctrl-C) interrupt that thread and the runbook stops at its next safe point,
 * journals it and prints its result with status {@code INTERRUPTED}. The JVM then exits with
 * 128 + the signal (143, 130), which its own signal handling sets; nothing here calls
 * {@code System.exit} during shutdown.
 */
public final class EngineProcess {

    /**
     * How long the shutdown waits for the command to reach a safe point. An interrupted command
     * stops its child process within seconds (LocalCommandRunner's grace), so this is a bound for a
     * stuck thread, kept below the agent wrapper's usual grace period so the result is still printed.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(25);

    private final CommandLine commandLine;
    private final String[] args;
    private final boolean json;
    private final AtomicInteger exit = new AtomicInteger(-1);
    private volatile boolean stopping;
    /** The signal that asked the JVM to stop ("SIGINT", "SIGTERM"), or null when none did. */
    private volatile String signal;
    private TrackedWriter out;

    private EngineProcess(CommandLine commandLine, String[] args) {
        this.commandLine = commandLine;
        this.args = args.clone();
        this.json = ResultJson.requested(args);
    }

    /**
     * Runs {@code args} and returns the exit code. When the JVM shuts down meanwhile, the command is
     * interrupted and waited for (at most {@link #STOP_WAIT}); the caller's {@code System.exit} then
     * blocks and the JVM exits with the signal's code.
     */
    public static int execute(CommandLine commandLine, String[] args) {
        return new EngineProcess(commandLine, args).run();
    }

    private int run() {
        // What reached standard output, so that a stop before any result still prints exactly one object.
        TrackedWriter out = new TrackedWriter(commandLine.getOut());
        commandLine.setOut(new PrintWriter(out, true));
        this.out = out;
        Thread command = new Thread(() -> exit.set(commandLine.execute(args)), "dataos-upgrade-command");
        Thread stop = new Thread(() -> stop(command), "dataos-upgrade-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        watchSignals();
        command.start();
        try {
            command.join();
        } catch (InterruptedException e) {
            // main is interrupted by nobody but a harness; the command thread decides the outcome
            command.interrupt();
            joinQuietly(command, STOP_WAIT);
            Thread.currentThread().interrupt();
        }
        if (!stopping) {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the JVM began to shut down after the command ended: the hook finds the thread done
            }
        }
        return exit.get();
    }

    /** The shutdown hook: interrupt the command and wait for its result, bounded. */
    private void stop(Thread command) {
        stopping = true;
        if (!command.isAlive()) {
            return;
        }
        PrintWriter err = commandLine.getErr();
        err.println("dataos-upgrade: stop requested" + (signal == null ? "" : " (" + signal + ")")
                + ": stopping at the next safe point (the running command gets a grace period; the journal records"
                + " where the run stood; run the same command again to resume)");
        err.flush();
        command.interrupt();
        joinQuietly(command, STOP_WAIT);
        if (command.isAlive()) {
            err.println("dataos-upgrade: the command did not reach a safe point within " + STOP_WAIT.toSeconds()
                    + " s; exiting anyway (the journal still says where it stood)");
            err.flush();
        }
        if (json && !out.written()) {
            // Stopped before a result existed (while reading input, or stuck): the contract still wants one object.
            ResultJson.print(commandLine.getOut(), Map.of("status", "INTERRUPTED"));
        }
    }

    /**
     * Notes which signal arrives before handing it to the JVM's own handler, which starts the shutdown
     * and exits with 128 + its number: so the stop message can name it. A signal the JVM was started
     * ignoring (a background job's SIGINT) stays ignored.
     */
    @SuppressWarnings("removal")
    private void watchSignals() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal watched = new sun.misc.Signal(name);
                sun.misc.SignalHandler[] jvms = new sun.misc.SignalHandler[1];
                jvms[0] = sun.misc.Signal.handle(watched, received -> {
                    signal = "SIG" + received.getName();
                    jvms[0].handle(received);
                });
                if (jvms[0] == sun.misc.SignalHandler.SIG_IGN || jvms[0] == sun.misc.SignalHandler.SIG_DFL) {
                    sun.misc.Signal.handle(watched, jvms[0]);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
                // -Xrs, or no such signal here: the JVM's own handling stays, the message just names no signal
            }
        }
    }

    /** A writer that remembers whether anything went through it. */
    private static final class TrackedWriter extends FilterWriter {
        private volatile boolean written;

        TrackedWriter(Writer target) {
            super(target);
        }

        boolean written() {
            return written;
        }

        @Override
        public void write(int c) throws IOException {
            written = true;
            super.write(c);
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            written |= length > 0;
            super.write(buffer, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            written |= length > 0;
            super.write(text, offset, length);
        }
    }

    private static void joinQuietly(Thread thread, Duration wait) {
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
