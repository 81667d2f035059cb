package io.dataos.upgrade.plan;

/** What an action does, in the runbook's words. */
public enum ActionKind {
    // upgrade runbook
    REVIEW_RELEASE_NOTES,
    ANNOUNCE,
    APPROVE_WINDOW,
    PRE_CHECKS,
    BACKUP,
    RESTORE_CHECK,
    UPDATE_MANAGER_TAG,
    HELM_UPGRADE,
    VALIDATE,
    /**
     * A gate, in either plan type: a component changes the wrong way (an upgrade that downgrades it,
     * a rollback that upgrades it), which its approvers confirm before anything changes.
     */
    CONFIRM_WRONG_WAY,
    // pre-rollback preparation
    CHECK_COMPATIBILITY,
    ASSESS_RISK,
    // rollback: user space
    REMOVE_STACK,
    REINSTALL_STACK,
    REVERT_CLUSTER_IMAGE,
    // rollback: core kernel
    OWNER_APPROVAL,
    ROLLBACK_COMPONENT,
    /** A component the target release does not have (introduced by the release being rolled back). */
    REMOVE_COMPONENT,
    // rollback: cloud kernel
    IAC_ROLLBACK,
    NEW_CLUSTER,
    RESTORE_POSTGRES,
    /**
     * A gate: no snapshot or backup kit of the target release exists, so PostgreSQL is not restored
     * and its data stays as the release being rolled back left it.
     */
    KEEP_POSTGRES_DATA,
    // rollback: manager release and post-rollback verification
    HELM_ROLLBACK,
    VERIFY_ROLLBACK
}
