package io.dataos.upgrade.run;

/** Where one action of a run stands, as the journal records it. */
public enum ActionState {
    /** Planned and not yet started. */
    PENDING,
    /** Started and not known to have finished: a resumed run re-checks it before retrying. */
    STARTED,
    SUCCEEDED,
    FAILED,
    /** Not started in the last attempt (an upstream action failed, was not approved, or the run stopped). */
    SKIPPED,
    /** A gate whose approval has not been given yet. */
    WAITING_FOR_APPROVAL,
    /** A gate an approver turned down. */
    REJECTED,
    /** Stopped because the run was interrupted while it ran: re-checked before retrying, like STARTED. */
    INTERRUPTED
}
