package io.dataos.upgrade.model;

/** The three DataOS layers, in the runbook's top-down rollback order. */
public enum Layer {
    USER_SPACE,
    CORE_KERNEL,
    CLOUD_KERNEL
}
