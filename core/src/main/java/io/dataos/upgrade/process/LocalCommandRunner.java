package io.dataos.upgrade.process;

import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs commands as local processes (the CLI, the sandbox and the tests): argv straight to the
 * operating system, stdout and stderr merged and streamed line by line with every secret masked,
 * and the whole process tree stopped when the timeout passes or the caller is interrupted.
 *
 * <p>A child inherits the engine's environment minus what could hand it a secret: the variables of the
 * engine's own secret names ({@code PRIME_API_KEY}, {@code POSTGRES_PASSWORD}), those of every secret
 * the engine read ({@link #withhold}), any variable whose value is such a secret or contains one of
 * {@value #CONTAINED_FROM} characters or more, and the variables the settings name. Everything else
 * stays ({@code HOME}, {@code PATH}, {@code KUBECONFIG}, {@code AWS_*}…), so kubectl's exec-credential
 * plugins and cloud CLIs keep working. The command's own {@link Command#env()} is added last.
 */
public final class LocalCommandRunner implements CommandRunner {

    /** Exit code reported for a command stopped at its timeout, as coreutils' timeout does. */
    public static final int EXIT_TIMED_OUT = 124;

    /** A variable is dropped when its value contains a secret at least this long (shorter: only when equal). */
    public static final int CONTAINED_FROM = 8;

    private static final Duration GRACE = Duration.ofSeconds(5);
    private final int tailLines;
    private final Supplier<Map<String, String>> inherited;
    private final Set<String> withheldNames = ConcurrentHashMap.newKeySet();
    private final Set<String> withheldValues = ConcurrentHashMap.newKeySet();

    public LocalCommandRunner() {
        this(200);
    }

    public LocalCommandRunner(int tailLines) {
        this(tailLines, System::getenv);
    }

    /** A runner whose children inherit {@code inherited} (filtered as described) instead of this JVM's environment. */
    public LocalCommandRunner(int tailLines, Supplier<Map<String, String>> inherited) {
        this.tailLines = tailLines;
        this.inherited = inherited;
        for (String name : SecretNames.ALL) {
            withheldNames.add(SecretNames.environmentVariable(name));
        }
    }

    @Override
    public void withhold(Secret secret) {
        withheldNames.add(SecretNames.environmentVariable(secret.name()));
        if (!secret.reveal().isEmpty()) {
            withheldValues.add(secret.reveal());
        }
    }

    @Override
    public void withholdVariables(Iterable<String> names) {
        names.forEach(withheldNames::add);
    }

    /** The environment a child gets before its command's own additions. */
    Map<String, String> childEnvironment(Command command) {
        Set<String> values = new java.util.HashSet<>(withheldValues);
        command.secrets().forEach(secret -> values.add(secret.reveal()));
        Map<String, String> env = new java.util.HashMap<>(inherited.get());
        env.entrySet().removeIf(variable -> withheldNames.contains(variable.getKey())
                || holdsSecret(variable.getValue(), values));
        return env;
    }

    private static boolean holdsSecret(String value, Set<String> secrets) {
        for (String secret : secrets) {
            if (value.equals(secret) || (secret.length() >= CONTAINED_FROM && value.contains(secret))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException {
        return run(command, output, pid -> { });
    }

    @Override
    public CommandResult run(Command command, Consumer<String> output, LongConsumer onStart)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(childEnvironment(command));
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
