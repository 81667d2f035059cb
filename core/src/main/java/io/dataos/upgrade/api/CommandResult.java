package io.dataos.upgrade.api;

import java.time.Duration;

/**
 * What a finished command did: its exit code, whether it was stopped for running past its timeout,
 * the last lines of its combined output (already masked), and how long it took.
 */
public record CommandResult(int exitCode, boolean timedOut, String outputTail, Duration elapsed) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
