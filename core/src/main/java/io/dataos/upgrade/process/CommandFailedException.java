package io.dataos.upgrade.process;

/**
 * A tool the engine ran (helm, kubectl, pg_dump…) failed. The message keeps the tool's own error
 * text, masked, so an operator sees what the tool said and not a paraphrase.
 */
public class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String commandLine;
    private final int exitCode;
    private final boolean timedOut;
    private final String output;

    public CommandFailedException(String what, CapturedOutput captured) {
        super(what + " failed" + describe(captured) + ": " + captured.errorSummary()
                + "\n  command: " + captured.command().display());
        this.commandLine = captured.command().display();
        this.exitCode = captured.result().exitCode();
        this.timedOut = captured.result().timedOut();
        this.output = captured.result().outputTail();
    }

    private static String describe(CapturedOutput captured) {
        return captured.result().timedOut()
                ? " (stopped after its timeout of " + captured.command().timeout().toSeconds() + " s)"
                : " (exit code " + captured.result().exitCode() + ")";
    }

    /** The command as shown to people, secrets masked. */
    public String commandLine() {
        return commandLine;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** The last lines the tool printed, masked. */
    public String output() {
        return output;
    }
}
