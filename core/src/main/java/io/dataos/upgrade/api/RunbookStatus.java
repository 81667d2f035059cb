package io.dataos.upgrade.api;

/** How an upgrade or rollback runbook ended, as its caller acts on it. */
public enum RunbookStatus {
    /** Everything ran (or, in a dry run, was shown); also when there was nothing to do. */
    SUCCEEDED,
    /** An action failed; re-run with the same run id after fixing the cause to resume. */
    FAILED,
    /** A gate is not approved yet; approve it and re-run with the same run id. */
    WAITING_FOR_APPROVAL,
    /** An approver turned a gate down; nothing after it ran. */
    REJECTED,
    /** The run was interrupted (aborted build, Ctrl-C); re-run with the same run id to resume. */
    INTERRUPTED,
    /** The upgrade failed its validation and the automatic rollback to the recorded state succeeded. */
    ROLLED_BACK
}
