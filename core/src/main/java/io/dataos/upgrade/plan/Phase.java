package io.dataos.upgrade.plan;

/**
 * Where an action sits in a runbook: preparation before any change, one of the three layers (top
 * down), the dataos-manager release itself, then verification. Phases run in this order.
 */
public enum Phase {
    PREPARE,
    MANAGER,
    USER_SPACE,
    CORE_KERNEL,
    CLOUD_KERNEL,
    VERIFY
}
