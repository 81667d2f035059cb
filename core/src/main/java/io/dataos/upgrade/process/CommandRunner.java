package io.dataos.upgrade.process;

import java.io.IOException;
import java.util.function.Consumer;

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
}
