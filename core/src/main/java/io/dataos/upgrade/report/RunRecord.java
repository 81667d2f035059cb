package io.dataos.upgrade.report;

import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the run and root-cause reports say about one run, as plain data: filled from the
 * run's journal (see {@link JournalRunRecords}) and the verification results kept in the workspace,
 * or built directly by a caller. Texts are already masked.
 */
public record RunRecord(
        String runId,
        Kind kind,
        String instance,
        Instant started,
        Instant finished,
        String outcome,
        List<VersionChange> versions,
        List<TimelineEntry> timeline,
        List<ActionTaken> actions,
        List<Approval> approvals,
        List<VerificationReport> verifications,
        List<Audience> debriefAudiences,
        String reason) {

    /** A record without a reason given for the run. */
    public RunRecord(String runId, Kind kind, String instance, Instant started, Instant finished, String outcome,
            List<VersionChange> versions, List<TimelineEntry> timeline, List<ActionTaken> actions,
            List<Approval> approvals, List<VerificationReport> verifications, List<Audience> debriefAudiences) {
        this(runId, kind, instance, started, finished, outcome, versions, timeline, actions, approvals, verifications,
                debriefAudiences, null);
    }

    /** What the run was for. */
    public enum Kind {
        UPGRADE,
        ROLLBACK
    }

    /** A component's version before the run and the version the run was to bring; {@code applied} says if it did. */
    public record VersionChange(String component, Layer layer, String before, String after, boolean applied) {
    }

    /** One moment of the run. */
    public record TimelineEntry(Instant at, String event, String detail) {
        public TimelineEntry {
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * One plan action and how it ended; {@code phase} is the plan's phase name ({@code PREPARE},
     * {@code MANAGER}, {@code VERIFY}, a layer), or null when unknown.
     */
    public record ActionTaken(String id, String kind, Layer layer, String component, String state, Instant started,
            Instant finished, String result, String phase) {
        public ActionTaken {
            result = result == null ? "" : result;
        }

        public ActionTaken(String id, String kind, Layer layer, String component, String state, Instant started,
                Instant finished, String result) {
            this(id, kind, layer, component, state, started, finished, result, null);
        }
    }

    /** A gate's decision: who approved or rejected it, when, and their note. */
    public record Approval(String gate, boolean approved, String by, String at, String note) {
        public Approval {
            note = note == null ? "" : note;
        }
    }

    /** A check that did not pass, with the verification it belonged to. */
    public record FailedCheck(VerificationPurpose purpose, CheckResult result) {
    }

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        instance = instance == null ? "" : instance;
        outcome = outcome == null ? "unfinished" : outcome;
        versions = List.copyOf(versions == null ? List.of() : versions);
        timeline = List.copyOf(timeline == null ? List.of() : timeline);
        actions = List.copyOf(actions == null ? List.of() : actions);
        approvals = List.copyOf(approvals == null ? List.of() : approvals);
        verifications = List.copyOf(verifications == null ? List.of() : verifications);
        debriefAudiences = List.copyOf(debriefAudiences == null || debriefAudiences.isEmpty()
                ? List.of(Audience.values()) : debriefAudiences);
    }

    /** Every failed or errored check of every verification, in order. */
    public List<FailedCheck> failedChecks() {
        List<FailedCheck> failed = new ArrayList<>();
        for (VerificationReport report : verifications) {
            report.problems().forEach(r -> failed.add(new FailedCheck(report.purpose(), r)));
        }
        return failed;
    }

    public Duration duration() {
        return started == null || finished == null ? null : Duration.between(started, finished);
    }
}
