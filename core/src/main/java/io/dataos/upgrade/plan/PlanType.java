package io.dataos.upgrade.plan;

/** Which runbook a plan follows: the five-phase upgrade or the top-down rollback. */
public enum PlanType {
    UPGRADE,
    ROLLBACK
}
