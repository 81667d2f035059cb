package io.dataos.upgrade.runbook;

import java.io.IOException;
import java.util.Objects;

/** Post-upgrade validation or post-rollback verification on its own: runs a checks file and writes JSON, Markdown and JUnit XML. */
public final class VerifyRunbook {

    private final RunbookPorts ports;

    public VerifyRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs the operation.
     *
     * @throws io.dataos.upgrade.InvalidInputException for bad input, naming the file and field; nothing ran
     */
    public VerifyResult run(VerifyRequest request) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("VerifyRunbook is being written");
    }
}
