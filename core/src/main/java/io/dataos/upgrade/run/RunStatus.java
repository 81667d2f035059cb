package io.dataos.upgrade.run;

/** How a run ended. */
public enum RunStatus {
    /** Every action succeeded (or, in a dry run, every action was shown). */
    SUCCEEDED,
    /** An action failed; the run stopped scheduling after it. */
    FAILED,
    /** A gate was not approved yet; re-run with the same run id once it is. */
    WAITING_FOR_APPROVAL,
    /** An approver turned a gate down; nothing after it ran. */
    REJECTED,
    /** The run was interrupted (aborted build, Ctrl-C); re-run with the same run id to resume. */
    INTERRUPTED
}
