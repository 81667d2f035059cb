package io.dataos.upgrade.report;

import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.run.EventType;
import io.dataos.upgrade.run.JournalEvent;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunHistory;
import io.dataos.upgrade.verify.VerificationJson;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a {@link RunRecord} from a run's journal (the executor's JSON lines) and the verification
 * results the run kept in the workspace: timeline, versions before/after, actions with their
 * outcome, and every approval with who and when.
 */
public final class JournalRunRecords {

    static final Set<String> ROLLBACK_KINDS = Set.of("REMOVE_STACK", "REINSTALL_STACK", "REVERT_CLUSTER_IMAGE",
            "ROLLBACK_COMPONENT", "IAC_ROLLBACK", "NEW_CLUSTER", "RESTORE_POSTGRES", "KEEP_POSTGRES_DATA", "HELM_ROLLBACK",
            "VERIFY_ROLLBACK");

    /** Gates: they decide, they change no version (their from/to say what the gate is about). */
    static final Set<String> GATE_KINDS = Set.of("OWNER_APPROVAL", "APPROVE_WINDOW", "ASSESS_RISK");

    private JournalRunRecords() {
    }

    /**
     * Reads run {@code runId}'s journal from {@code workspace} and the verification JSON files at
     * {@code verificationFiles} (workspace paths, in the order they ran; missing ones are skipped).
     */
    public static RunRecord read(Workspace workspace, String runId, String instance, List<String> verificationFiles,
            List<Audience> debriefAudiences) throws IOException, InterruptedException {
        RunHistory history = JournalReader.read(workspace, runId);
        List<VerificationReport> verifications = new ArrayList<>();
        for (String file : verificationFiles) {
            if (workspace.exists(file)) {
                verifications.add(VerificationJson.parse(file,
                        new String(workspace.read(file), StandardCharsets.UTF_8)));
            }
        }
        return from(history, instance, verifications, debriefAudiences);
    }

    /** The record of {@code history}; dry-run attempts are left out, as they changed nothing. */
    public static RunRecord from(RunHistory history, String instance, List<VerificationReport> verifications,
            List<Audience> debriefAudiences) {
        List<RunRecord.TimelineEntry> timeline = new ArrayList<>();
        Map<String, JournalEvent> planned = new LinkedHashMap<>();
        Map<String, Instant> started = new HashMap<>();
        Map<String, Instant> finished = new HashMap<>();
        Map<String, String> results = new HashMap<>();
        List<RunRecord.Approval> approvals = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        String outcome = null;
        boolean dryRun = false;
        String reason = null;
        for (JournalEvent e : history.events()) {
            EventType type = e.type();
            if (type == null) {
                continue;
            }
            if (type == EventType.RUN_STARTED) {
                dryRun = e.flag("dryRun");
                if (!dryRun && e.text("reason") != null) {
                    reason = e.text("reason");
                }
            }
            if (dryRun) {
                continue;
            }
            if (first == null) {
                first = e.time();
            }
            String id = e.actionId();
            switch (type) {
                case RUN_STARTED -> timeline.add(entry(e, "run started", "attempt " + e.number("attempt", 1) + " by "
                        + e.text("startedBy") + (e.flag("resumed") ? " (resumed)" : "")));
                case ACTION_PLANNED -> planned.putIfAbsent(id, e);
                case ACTION_APPROVED -> {
                    approvals.add(new RunRecord.Approval(id, true, e.text("approver"), e.text("approvedAt"),
                            e.text("note")));
                    timeline.add(entry(e, id + " approved", "by " + e.text("approver") + note(e)));
                }
                case ACTION_REJECTED -> {
                    approvals.add(new RunRecord.Approval(id, false, e.text("rejectedBy"), e.text("rejectedAt"),
                            e.text("note")));
                    timeline.add(entry(e, id + " rejected", "by " + e.text("rejectedBy") + note(e)));
                    results.put(id, "rejected by " + e.text("rejectedBy") + note(e));
                }
                case ACTION_WAITING_FOR_APPROVAL -> timeline.add(entry(e, id + " waiting for approval",
                        String.join(", ", e.texts("approvers"))));
                case ACTION_STARTED -> {
                    started.putIfAbsent(id, e.time());
                    timeline.add(entry(e, id + " started", ReportText.kind(e.text("kind"))));
                }
                case ACTION_SUCCEEDED -> {
                    finished.put(id, e.time());
                    results.put(id, nz(e.text("summary")));
                    timeline.add(entry(e, id + " succeeded", nz(e.text("summary"))));
                }
                case ACTION_FAILED -> {
                    finished.put(id, e.time());
                    results.put(id, nz(e.text("error")));
                    timeline.add(entry(e, id + " FAILED", nz(e.text("error"))));
                }
                case ACTION_SKIPPED -> timeline.add(entry(e, id + " skipped", nz(e.text("reason"))));
                case ACTION_INTERRUPTED -> timeline.add(entry(e, id + " interrupted", ""));
                case COMMAND_STARTED -> timeline.add(entry(e, "command", nz(e.text("command"))));
                case COMMAND_FINISHED -> timeline.add(entry(e, "command finished", e.flag("interrupted")
                        ? "interrupted" : e.text("error") != null ? "could not start: " + e.text("error")
                        : "exit " + e.number("exitCode", -1) + (e.flag("timedOut") ? " (timed out)" : "")));
                case RUN_FINISHED -> {
                    outcome = e.text("status");
                    last = e.time();
                    timeline.add(entry(e, "run finished", ReportText.outcome(outcome)
                            + (e.text("failedAction") == null ? "" : ": " + e.text("failedAction") + " failed")));
                }
                default -> { }
            }
        }
        for (VerificationReport v : verifications) {
            timeline.add(new RunRecord.TimelineEntry(v.finished(), v.purpose().title() + (v.passed() ? " passed"
                    : " NOT PASSED"), v.problems().size() + " check(s) failed" + v.rollbackReason().map(r -> "; "
                    + "rollback recommended").orElse("")));
        }
        timeline.sort((a, b) -> a.at() == null || b.at() == null ? 0 : a.at().compareTo(b.at()));
        List<RunRecord.ActionTaken> actions = new ArrayList<>();
        Map<String, RunRecord.VersionChange> versions = new LinkedHashMap<>();
        boolean rollback = false;
        for (Map.Entry<String, JournalEvent> p : planned.entrySet()) {
            String id = p.getKey();
            JournalEvent e = p.getValue();
            Layer layer = layer(e.text("layer"));
            String state = history.state(id).name();
            actions.add(new RunRecord.ActionTaken(id, e.text("kind"), layer, e.text("component"), state,
                    started.get(id), finished.get(id), results.getOrDefault(id, ""), e.text("phase")));
            if ((e.text("from") != null || e.text("to") != null) && !GATE_KINDS.contains(e.text("kind"))) {
                // one row per component: a component two actions change shows its first "before" and last "after"
                String component = e.text("component") != null ? e.text("component")
                        : "IAC_ROLLBACK".equals(e.text("kind")) ? "infrastructure (IaC)"
                        : ReportText.kind(e.text("kind"));
                RunRecord.VersionChange change = new RunRecord.VersionChange(component, layer, e.text("from"),
                        e.text("to"), "SUCCEEDED".equals(state));
                versions.merge(component + "\u0000" + layer, change, (a, b) -> new RunRecord.VersionChange(
                        a.component(), a.layer(), a.before() != null ? a.before() : b.before(), b.after(),
                        a.applied() && b.applied()));
            }
            rollback |= ROLLBACK_KINDS.contains(e.text("kind"));
        }
        return new RunRecord(history.runId(), rollback ? RunRecord.Kind.ROLLBACK : RunRecord.Kind.UPGRADE, instance,
                first, last, outcome == null ? "unfinished" : outcome, new ArrayList<>(versions.values()), timeline,
                actions, approvals, verifications, debriefAudiences, reason);
    }

    private static RunRecord.TimelineEntry entry(JournalEvent e, String event, String detail) {
        return new RunRecord.TimelineEntry(e.time(), event, detail);
    }

    private static String note(JournalEvent e) {
        String note = e.text("note");
        return note == null || note.isBlank() ? "" : " (" + note + ")";
    }

    private static Layer layer(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Layer.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
