package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.GateWaiting;
import io.dataos.upgrade.api.RunbookResult;
import java.io.PrintWriter;

/** The exit code and the closing summary of an upgrade or rollback, the same for both commands. */
final class RunbookExit {

    /** Exit code when the run stopped at a gate nobody approved yet (approve, then run the same command again). */
    static final int WAITING_FOR_APPROVAL = 3;

    private RunbookExit() {
    }

    static int code(RunbookResult result) {
        return switch (result.status()) {
            case SUCCEEDED -> 0;
            case WAITING_FOR_APPROVAL -> WAITING_FOR_APPROVAL;
            default -> DataosUpgradeCommand.EXIT_FAILED;
        };
    }

    /** What a person needs after the run: the outcome, what to approve or fix, where the reports are. */
    static void summarize(RunbookResult result, PrintWriter out) {
        out.println();
        out.println(result.operation() + " " + result.fromVersion() + " -> " + result.toVersion() + ": "
                + result.status() + (result.dryRun() ? " (dry run: nothing was changed)" : ""));
        out.println("  run id: " + result.runId() + (result.journal() == null ? "" : "  journal: " + result.journal()));
        if (result.backup() != null) {
            out.println("  backup kit: " + result.backup());
        }
        if (result.failedAction() != null) {
            out.println("  failed: " + result.failedAction() + (result.failedCheck() == null ? ""
                    : " (check '" + result.failedCheck() + "')"));
        }
        if (result.rollbackRunId() != null) {
            out.println("  automatic rollback: run " + result.rollbackRunId() + " " + result.rollbackStatus()
                    + "  journal: " + result.rollbackJournal());
        }
        for (GateWaiting gate : result.gatesWaiting()) {
            out.println("  waiting for approval: " + gate.id() + (gate.approvers().isEmpty() ? ""
                    : " (approvers: " + String.join(", ", gate.approvers()) + ")")
                    + " -> run the same command again with --approve " + gate.id() + "=<approver>");
        }
        for (String report : result.reports()) {
            if (report.endsWith(".md") && !report.contains("/debrief/")) {
                out.println("  report: " + report);
            }
        }
        if (result.status().name().equals("INTERRUPTED")) {
            out.println("  " + resumeHint(result));
        } else if (result.status().name().equals("FAILED")) {
            out.println("  to resume: fix the cause, then run the same command again (same --run-id if you gave"
                    + " one); what succeeded is not repeated");
        }
        out.flush();
    }

    /**
     * With {@code --output json} standard output holds the result alone: an interrupted run says how to
     * resume on standard error, so a person watching a build log still reads it.
     */
    static void hintOnError(RunbookResult result, PrintWriter err) {
        if (result.status().name().equals("INTERRUPTED")) {
            err.println("dataos-upgrade: run " + result.runId() + " was interrupted; " + resumeHint(result));
            err.flush();
        }
    }

    private static String resumeHint(RunbookResult result) {
        return "to resume: run the same command again with --run-id " + result.runId()
                + " (what succeeded is not repeated; a rollback instead needs no clean-up first)";
    }
}
