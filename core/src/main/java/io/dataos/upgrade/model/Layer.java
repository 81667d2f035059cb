package io.dataos.upgrade.model;

/** The three DataOS layers, in the runbook's top-down rollback order. */
public enum Layer {
    USER_SPACE("User Space"),
    CORE_KERNEL("Core Kernel"),
    CLOUD_KERNEL("Cloud Kernel");

    private final String title;

    Layer(String title) {
        this.title = title;
    }

    /** The layer as the runbook writes it: {@code User Space}, {@code Core Kernel}, {@code Cloud Kernel}. */
    public String title() {
        return title;
    }
}
