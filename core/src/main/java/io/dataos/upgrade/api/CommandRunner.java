package io.dataos.upgrade.api;

import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The one way the engine runs an external program. The CLI runs commands with a local process;
 * the Jenkins plugin runs them on the agent through its Launcher. Implementations pass argv as a
 * list, never through a shell, mask every secret of the command in what they print or return, and
 * stop the process when its timeout passes.
 */
public interface CommandRunner {

    /**
     * Runs {@code command} to completion.
     *
     * @param output receives each line of combined stdout/stderr as it arrives, already masked
     * @throws IOException when the program cannot be started
     * @throws InterruptedException when the caller is interrupted; the process is stopped first
     */
    CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException;

    /**
     * Runs {@code command} like {@link #run(Command, Consumer)} and tells {@code onStart} the
     * process id once the program has started, so a journal can record it and a resumed run can
     * find a command that outlived a killed engine. Runners whose processes are not local to this
     * JVM's host report {@code -1}, before starting.
     */
    default CommandResult run(Command command, Consumer<String> output, LongConsumer onStart)
            throws IOException, InterruptedException {
        onStart.accept(-1);
        return run(command, output);
    }

    /**
     * Tells the runner the engine read {@code secret}: from now on the programs it starts must not
     * inherit the environment variable the secret may have come from, nor any variable holding its
     * value. A command's own {@link Command#env()} still reaches it. Runners that start no local
     * processes with an inherited environment ignore this.
     */
    default void withhold(Secret secret) {
    }

    /** Keeps the variables {@code names} out of the environment of the programs this runner starts (settings). */
    default void withholdVariables(Iterable<String> names) {
    }
}
