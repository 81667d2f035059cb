package io.jenkins.plugins.dataos;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.util.ArgumentListBuilder;
import io.dataos.upgrade.process.Command;
import io.dataos.upgrade.process.CommandResult;
import io.dataos.upgrade.process.CommandRunner;
import io.dataos.upgrade.process.OutputTail;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The engine's {@link CommandRunner} on a Jenkins agent: each command starts through the build's
 * {@link Launcher} (so it runs where the workspace is, never on the controller), as an argv list with every
 * argument that holds a secret masked in the echoed command line, with the build's environment plus the
 * command's, in the command's directory (or the workspace), its output masked line by line, and killed when
 * its timeout passes.
 */
public final class LauncherCommandRunner implements CommandRunner {

    /** Exit code reported for a command stopped at its timeout, as coreutils' timeout does. */
    public static final int EXIT_TIMED_OUT = 124;

    private final Launcher launcher;
    private final FilePath workspace;
    private final EnvVars buildEnv;
    private final TaskListener listener;
    private final SecretMasker masker;
    private final int tailLines;

    public LauncherCommandRunner(Launcher launcher, FilePath workspace, EnvVars buildEnv, TaskListener listener,
            SecretMasker masker) {
        this(launcher, workspace, buildEnv, listener, masker, 200);
    }

    LauncherCommandRunner(Launcher launcher, FilePath workspace, EnvVars buildEnv, TaskListener listener,
            SecretMasker masker, int tailLines) {
        this.launcher = launcher;
        this.workspace = workspace;
        this.buildEnv = buildEnv == null ? new EnvVars() : buildEnv;
        this.listener = listener;
        this.masker = masker;
        this.tailLines = tailLines;
    }

    @Override
    public CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException {
        ArgumentListBuilder argv = new ArgumentListBuilder();
        for (String arg : command.argv()) {
            argv.add(arg, masker.reveals(arg, command.secrets()));
        }
        EnvVars env = new EnvVars(buildEnv);
        env.putAll(command.env());
        FilePath dir = command.workDir() == null ? workspace
                : new FilePath(launcher.getChannel(), command.workDir().toString());

        OutputTail tail = new OutputTail(tailLines, 64 * 1024);
        MaskingOutputStream out = new MaskingOutputStream(masker, command.secrets(), line -> {
            String text = stripLineEnd(line);
            tail.add(text);
            output.accept(text);
        });
        long started = System.nanoTime();
        Proc proc;
        try {
            proc = launcher.launch().cmds(argv).envs(env).pwd(dir).stdout(out).start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + command.argv().get(0) + "' on the agent: "
                    + masker.mask(String.valueOf(e.getMessage()), command.secrets())
                    + " (is it installed and on the agent's PATH?)");
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog = watchdog(proc, command.timeout(), timedOut);
        int exit;
        try {
            exit = proc.join();
        } catch (InterruptedException interrupted) {
            proc.kill();
            throw interrupted;
        } finally {
            watchdog.interrupt();
            out.close();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (timedOut.get()) {
            listener.getLogger().println(masker.mask("Stopped after the timeout of " + command.timeout() + ": "
                    + command.display(), command.secrets()));
            exit = EXIT_TIMED_OUT;
        }
        return new CommandResult(exit, timedOut.get(), tail.toString(), elapsed);
    }

    private static Thread watchdog(Proc proc, Duration timeout, AtomicBoolean timedOut) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                timedOut.set(true);
                proc.kill();
            } catch (InterruptedException finished) {
                // the process ended first
            } catch (IOException e) {
                // the process is already gone
            }
        }, "dataos-upgrade command timeout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }
}
