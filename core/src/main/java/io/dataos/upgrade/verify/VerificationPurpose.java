package io.dataos.upgrade.verify;

/** Why the platform is being verified: after an upgrade (validation) or after a rollback. */
public enum VerificationPurpose {
    /** Runbook upgrade step 5, post-upgrade validation; a failure may call for a rollback. */
    POST_UPGRADE("post-upgrade validation"),
    /** Runbook post-rollback verification: component, regression, data integrity, inter-layer. */
    POST_ROLLBACK("post-rollback verification");

    private final String title;

    VerificationPurpose(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
