package io.dataos.upgrade.report;

import io.dataos.upgrade.text.Gantt;
import io.dataos.upgrade.verify.VerificationReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture a report opens with: the run's actions as a Gantt chart, by layer in plan order,
 * gates as diamonds with who decided them, the rollback's actions in their own colour, and the
 * failure point (a failed validation or action) as a line across the chart.
 */
final class RunTimeline {

    private RunTimeline() {
    }

    static Gantt of(RunRecord r) {
        Map<String, RunRecord.Approval> decisions = new HashMap<>();
        r.approvals().forEach(a -> decisions.put(a.gate(), a));
        List<Gantt.Row> rows = new ArrayList<>();
        List<Gantt.Mark> marks = new ArrayList<>();
        for (RunRecord.ActionTaken a : r.actions()) {
            String lane = ReportText.lane(a.layer(), a.phase());
            String label = ReportText.kind(a.kind()) + (a.component() == null ? "" : " " + a.component());
            RunRecord.Approval decision = decisions.get(a.id());
            boolean gate = decision != null || JournalRunRecords.GATE_KINDS.contains(a.kind());
            if (gate) {
                Instant at = decision == null ? a.finished() : parse(decision.at(), a.finished());
                String note = decision == null ? ReportText.state(a.state())
                        : (decision.approved() ? "approved by " : "REJECTED by ") + decision.by();
                rows.add(new Gantt.Row(lane, label, at, at, "REJECTED".equals(a.state()) ? Gantt.Style.FAILED
                        : Gantt.Style.GATE, note));
                if ("REJECTED".equals(a.state()) && at != null) {
                    marks.add(new Gantt.Mark(at, a.id() + " rejected"));
                }
                continue;
            }
            Gantt.Style style = switch (a.state()) {
                case "FAILED", "REJECTED", "INTERRUPTED" -> Gantt.Style.FAILED;
                case "PENDING", "SKIPPED" -> Gantt.Style.NOT_RUN;
                default -> JournalRunRecords.ROLLBACK_KINDS.contains(a.kind()) ? Gantt.Style.ROLLBACK
                        : Gantt.Style.DONE;
            };
            String note = switch (style) {
                case FAILED -> ReportText.state(a.state()) + (a.result().isEmpty() ? "" : ": " + a.result());
                case NOT_RUN -> ReportText.state(a.state());
                default -> "";
            };
            rows.add(new Gantt.Row(lane, label, a.started(), a.finished() != null ? a.finished() : a.started(), style,
                    note));
            if (style == Gantt.Style.FAILED && a.finished() != null) {
                marks.add(new Gantt.Mark(a.finished(), label + " failed"));
            }
        }
        for (VerificationReport v : r.verifications()) {
            if (!v.passed() && v.finished() != null) {
                marks.add(new Gantt.Mark(v.finished(), v.purpose().title() + " failed"));
            }
        }
        String kind = r.kind() == RunRecord.Kind.UPGRADE ? "upgrade" : "rollback";
        return new Gantt("Timeline of the " + kind + " run " + r.runId() + ": " + r.actions().size()
                + " action(s) by layer, the gates and who decided them" + (marks.isEmpty() ? ""
                        : ", and where it failed") + ". Ended " + ReportText.outcome(r.outcome()) + ".", rows, marks);
    }

    private static Instant parse(String at, Instant fallback) {
        if (at == null) {
            return fallback;
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
