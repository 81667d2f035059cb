package io.dataos.upgrade.run;

import io.dataos.upgrade.api.CommandResult;

/**
 * What one action's handler reports: success with a one-line summary, or failure with the reason
 * and the last lines of the output that explain it. Texts are already masked.
 */
public record ActionOutcome(boolean succeeded, String summary, String error, String outputTail) {

    public ActionOutcome {
        summary = summary == null ? "" : summary;
        error = error == null ? "" : error;
        outputTail = outputTail == null ? "" : outputTail;
    }

    public static ActionOutcome done(String summary) {
        return new ActionOutcome(true, summary, "", "");
    }

    public static ActionOutcome failed(String error, String outputTail) {
        return new ActionOutcome(false, "", error, outputTail);
    }

    /** The outcome of an action that is one command: success when it exited 0 within its timeout. */
    public static ActionOutcome of(CommandResult result, String display) {
        if (result.succeeded()) {
            return new ActionOutcome(true, display + " exited 0", "", result.outputTail());
        }
        String why = result.timedOut() ? "was stopped at its timeout" : "exited " + result.exitCode();
        return failed(display + " " + why, result.outputTail());
    }
}
