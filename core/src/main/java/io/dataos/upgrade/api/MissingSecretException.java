package io.dataos.upgrade.api;

/** A secret the run needs was not provided. */
public final class MissingSecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingSecretException(String name) {
        super("secret '" + name + "' is not configured: provide it (Jenkins: credentialsId of a Secret text"
                + " credential; CLI: --" + name + "-file FILE or the environment variable "
                + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + ")");
    }
}
