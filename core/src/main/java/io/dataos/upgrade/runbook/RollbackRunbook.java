package io.dataos.upgrade.runbook;

import java.io.IOException;
import java.util.Objects;

/** The runbook's top-down rollback as one operation: a reviewed plan (or one planned from the installed state and the target) run through the executor, passing only approved gates. */
public final class RollbackRunbook {

    private final RunbookPorts ports;

    public RollbackRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs the operation.
     *
     * @throws io.dataos.upgrade.InvalidInputException for bad input, naming the file and field; nothing ran
     */
    public RunbookResult run(RollbackRequest request) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("RollbackRunbook is being written");
    }
}
