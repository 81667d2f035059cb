package io.dataos.upgrade.sandbox;

/**
 * A Helm operation in the sandbox failed: the message names the operation, the release and Helm's
 * own error, with every known secret masked.
 */
public class SandboxHelmException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String operation;
    private final String release;

    public SandboxHelmException(String operation, String release, String message) {
        super("helm " + operation + (release == null ? "" : " of release " + release) + " failed: " + message);
        this.operation = operation;
        this.release = release;
    }

    /** The Helm operation: upgrade, history, status, rollback… */
    public String operation() {
        return operation;
    }

    /** The release it was about, or {@code null}. */
    public String release() {
        return release;
    }
}
