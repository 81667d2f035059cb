package io.dataos.upgrade.verify;

/**
 * How a check ended: it held ({@code PASSED}), the platform did not meet it ({@code FAILED}), the
 * check itself could not be carried out ({@code ERROR}: unreachable server, bad query, missing
 * secret), or it does not apply to this verification ({@code SKIPPED}).
 */
public enum CheckStatus {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED;

    /** Whether this outcome means the platform cannot be called healthy. */
    public boolean isProblem() {
        return this == FAILED || this == ERROR;
    }
}
