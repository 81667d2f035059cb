package io.dataos.upgrade.plan;

/**
 * Where an action sits in a runbook: preparation before any change, one of the three layers (top
 * down), the dataos-manager release itself, then verification. Listed in upgrade order; a rollback
 * runs MANAGER after CLOUD_KERNEL. The plan's dependsOn edges, not this order, decide what runs when.
 */
public enum Phase {
    PREPARE,
    MANAGER,
    USER_SPACE,
    CORE_KERNEL,
    CLOUD_KERNEL,
    VERIFY
}
