package io.dataos.upgrade.runbook;

import java.io.IOException;
import java.util.Objects;

/** The run report and root-cause-analysis report of one run, from its journal and the verification results it kept. */
public final class ReportRunbook {

    private final RunbookPorts ports;

    public ReportRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs the operation.
     *
     * @throws io.dataos.upgrade.InvalidInputException for bad input, naming the file and field; nothing ran
     */
    public ReportResult run(ReportRequest request) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("ReportRunbook is being written");
    }
}
