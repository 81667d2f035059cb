package io.dataos.upgrade.runbook;

import java.io.IOException;
import java.time.Duration;

/** The verification took longer than its time limit; its checks were stopped and nothing was written. */
public final class VerificationTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    public VerificationTimeoutException(Duration limit) {
        super("verification did not finish within " + limit.toMinutes() + " minute(s): its checks were stopped;"
                + " raise the limit (--timeout-minutes, timeoutMinutes) or fix the check that hangs (see the log)");
    }
}
