package io.dataos.upgrade.sandbox;

/** The sandbox Kubernetes API could not start, answer or store something; the message says what and where. */
public class SandboxKubernetesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxKubernetesException(String message) {
        super(message);
    }

    public SandboxKubernetesException(String message, Throwable cause) {
        super(message, cause);
    }
}
