package io.dataos.upgrade.runbook;

import java.io.IOException;
import java.util.Objects;

/** The runbook's upgrade as one operation: plan, maintenance-window check, executor with approvals and, when asked, the automatic rollback after a failed validation. */
public final class UpgradeRunbook {

    private final RunbookPorts ports;

    public UpgradeRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs the operation.
     *
     * @throws io.dataos.upgrade.InvalidInputException for bad input, naming the file and field; nothing ran
     */
    public RunbookResult run(UpgradeRequest request) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("UpgradeRunbook is being written");
    }
}
