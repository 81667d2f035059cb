package io.dataos.upgrade.sandbox;

import java.time.Duration;

/**
 * A Helm call did not return within its time limit. The native call cannot be interrupted: it may
 * still be running on its daemon thread, and whatever it was doing may yet complete.
 */
public class HelmTimeoutException extends SandboxHelmException {

    private static final long serialVersionUID = 1L;
    private final Duration timeout;

    public HelmTimeoutException(String operation, String release, Duration timeout, String apiServer) {
        super(operation, release, "no answer within " + timeout.toSeconds() + " s; the Kubernetes API at "
                + apiServer + " may be down or hanging. The native Helm call cannot be interrupted and was left"
                + " on a daemon thread: check the release's history before retrying");
        this.timeout = timeout;
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
