package io.dataos.upgrade.report;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.notify.StakeholderDebrief;
import io.dataos.upgrade.text.TextDocument;
import io.dataos.upgrade.verify.CheckStatus;
import io.dataos.upgrade.verify.DurationText;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run report (what a run did) and the root-cause-analysis report (runbook: issue investigation,
 * documentation of lessons learned, process enhancements, stakeholder debrief), both from a
 * {@link RunRecord}, as Markdown and as self-contained HTML.
 */
public final class RunReports {

    public static final String RUN_REPORT = "run-report";
    public static final String RCA_REPORT = "rca-report";
    static final String TO_FILL = "To be filled in: ";

    private RunReports() {
    }

    /** Writes {@code run-report.md/.html} and {@code rca-report.md/.html} under {@code dir}; returns the paths. */
    public static List<String> write(Workspace workspace, String dir, RunRecord record)
            throws IOException, InterruptedException {
        String base = dir.endsWith("/") ? dir : dir + "/";
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, TextDocument> doc : Map.of(RUN_REPORT, runReport(record), RCA_REPORT,
                rootCauseReport(record)).entrySet()) {
            workspace.write(base + doc.getKey() + ".md", doc.getValue().toMarkdown().getBytes(StandardCharsets.UTF_8));
            workspace.write(base + doc.getKey() + ".html", doc.getValue().toHtml().getBytes(StandardCharsets.UTF_8));
            files.add(base + doc.getKey() + ".md");
            files.add(base + doc.getKey() + ".html");
        }
        files.sort(null);
        return files;
    }

    /** What the run did: summary, versions, timeline, actions, approvals, verifications and failed checks. */
    public static TextDocument runReport(RunRecord r) {
        TextDocument doc = new TextDocument("DataOS " + kind(r) + " run " + r.runId());
        doc.picture(RunTimeline.of(r));
        doc.facts(summary(r));
        versions(doc, r);
        doc.heading("Timeline");
        timeline(doc, r);
        doc.heading("Actions taken");
        actions(doc, r);
        doc.heading("Approvals");
        approvals(doc, r);
        doc.heading("Verification");
        if (r.verifications().isEmpty()) {
            doc.paragraph("No verification ran in this run.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (VerificationReport v : r.verifications()) {
                rows.add(List.of(v.purpose().title(), time(v.started()), v.passed() ? "passed" : "NOT PASSED",
                        v.count(CheckStatus.PASSED) + " passed, " + v.count(CheckStatus.FAILED) + " failed, "
                                + v.count(CheckStatus.ERROR) + " error(s), " + v.count(CheckStatus.SKIPPED)
                                + " skipped", v.rollbackReason().isPresent() ? "recommended" : "—"));
            }
            doc.table(List.of("Verification", "Started", "Result", "Checks", "Rollback"), rows);
        }
        failedChecks(doc, r);
        return doc;
    }

    /** The root-cause analysis: the facts of the run, then the sections the team fills in after the review. */
    public static TextDocument rootCauseReport(RunRecord r) {
        TextDocument doc = new TextDocument("Root cause analysis: DataOS " + kind(r) + " run " + r.runId());
        doc.picture(RunTimeline.of(r));
        doc.facts(summary(r));
        doc.heading("1. Issue investigation");
        if (r.reason() != null && !r.reason().isBlank()) {
            doc.subheading("Why the " + (r.kind() == RunRecord.Kind.ROLLBACK ? "rollback" : "run"));
            doc.paragraph(r.reason());
        }
        doc.subheading("How the issue was detected");
        List<RunRecord.FailedCheck> failed = r.failedChecks();
        if (failed.isEmpty()) {
            doc.paragraph("No verification check failed in this run; the run ended " + ReportText.outcome(r.outcome())
                    + ".");
        } else {
            List<String> detected = new ArrayList<>();
            for (RunRecord.FailedCheck f : failed) {
                detected.add(f.purpose().title() + ": " + f.result().name() + " " + f.result().status() + " — "
                        + f.result().message());
            }
            doc.bullets(detected);
        }
        List<String> failedActions = r.actions().stream().filter(a -> "FAILED".equals(a.state())
                || "REJECTED".equals(a.state())).map(a -> a.id() + " " + ReportText.state(a.state()) + ": "
                + a.result()).toList();
        if (!failedActions.isEmpty()) {
            doc.subheading("Actions that did not complete");
            doc.bullets(failedActions);
        }
        doc.subheading("Root cause");
        doc.paragraph(TO_FILL + "what caused the failure, and why it was not caught before the change.");
        doc.subheading("Contributing factors");
        doc.paragraph(TO_FILL + "conditions that made it worse or harder to see (timing, load, configuration).");
        versions(doc, r);
        doc.heading("Timeline");
        timeline(doc, r);
        doc.heading("Actions taken");
        actions(doc, r);
        doc.heading("Approvals");
        approvals(doc, r);
        failedChecks(doc, r);
        doc.heading("2. Lessons learned");
        doc.subheading("Challenges faced");
        doc.paragraph(TO_FILL + "what was hard during the upgrade and the rollback.");
        doc.subheading("What went well");
        doc.paragraph(TO_FILL + "what to keep doing.");
        doc.subheading("Areas for improvement");
        doc.paragraph(TO_FILL + "what to do differently next time.");
        doc.heading("3. Process enhancements");
        doc.paragraph(TO_FILL + "changes to the release and rollback procedures, with an owner and a date each.");
        if (!failed.isEmpty()) {
            Set<String> suggestions = new LinkedHashSet<>();
            for (RunRecord.FailedCheck f : failed) {
                suggestions.add("Could a pre-upgrade check or a staging rehearsal have caught \""
                        + f.result().name() + "\" (" + f.result().type().fileName() + ") before the change?");
            }
            doc.paragraph("Questions to answer, from the checks that failed:");
            doc.bullets(new ArrayList<>(suggestions));
        }
        doc.heading("4. Stakeholder debrief");
        doc.paragraph("Share these findings with (mark each when done):");
        List<String> audiences = new ArrayList<>();
        for (Audience a : r.debriefAudiences()) {
            audiences.add("[ ] " + a.title());
        }
        doc.bullets(audiences);
        return doc;
    }

    /**
     * A stakeholder debrief prefilled from the run: its outcome, the key moments (failures, gates, the
     * end) and the failed checks; root cause, impact, lessons and changes as the review found them
     * (null: said to be still open).
     */
    public static StakeholderDebrief debrief(RunRecord r, String rootCause, String impact,
            List<String> lessons, List<String> improvements, String contact) {
        List<String> happened = new ArrayList<>();
        for (RunRecord.TimelineEntry e : r.timeline()) {
            String event = e.event();
            if (event.contains("FAILED") || event.contains("NOT PASSED") || event.endsWith("approved")
                    || event.endsWith("rejected") || event.equals("run started") || event.equals("run finished")) {
                happened.add(time(e.at()) + " " + event + (e.detail().isEmpty() ? "" : ": " + e.detail()));
            }
        }
        for (RunRecord.FailedCheck f : r.failedChecks()) {
            happened.add("check " + f.result().name() + " " + f.result().status() + ": " + f.result().message());
        }
        String outcome = "DataOS " + kind(r) + " run " + r.runId() + " ended " + r.outcome();
        return new StakeholderDebrief(r.instance().isEmpty() ? "DataOS" : r.instance(),
                r.runId(), outcome, happened, rootCause, impact, lessons, improvements, contact);
    }

    private static List<Map.Entry<String, String>> summary(RunRecord r) {
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        facts.add(Map.entry("Run", r.runId()));
        facts.add(Map.entry("Kind", kind(r)));
        if (!r.instance().isEmpty()) {
            facts.add(Map.entry("Instance", r.instance()));
        }
        facts.add(Map.entry("Started", time(r.started())));
        facts.add(Map.entry("Finished", r.finished() == null ? "not finished" : time(r.finished())));
        if (r.duration() != null) {
            facts.add(Map.entry("Duration", DurationText.format(r.duration().truncatedTo(ChronoUnit.SECONDS))));
        }
        facts.add(Map.entry("Outcome", ReportText.outcome(r.outcome())));
        facts.add(Map.entry("Failed checks", String.valueOf(r.failedChecks().size())));
        return facts;
    }

    private static void versions(TextDocument doc, RunRecord r) {
        doc.heading("Versions before and after");
        if (r.versions().isEmpty()) {
            doc.paragraph("The run changed no component version.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord.VersionChange v : r.versions()) {
            rows.add(List.of(v.component(), ReportText.layer(v.layer()), v.before() == null ? "(not installed)"
                    : v.before(), v.after() == null ? "(removed)" : v.after(), v.applied() ? "yes" : "no"));
        }
        doc.table(List.of("Component", "Layer", "Before", "After", "Applied"), rows);
    }

    private static void timeline(TextDocument doc, RunRecord r) {
        if (r.timeline().isEmpty()) {
            doc.paragraph("No events were recorded.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord.TimelineEntry e : r.timeline()) {
            rows.add(List.of(time(e.at()), e.event(), e.detail()));
        }
        doc.table(List.of("Time", "Event", "Detail"), rows);
    }

    private static void actions(TextDocument doc, RunRecord r) {
        if (r.actions().isEmpty()) {
            doc.paragraph("No action was taken.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord.ActionTaken a : r.actions()) {
            rows.add(List.of(a.id(), ReportText.kind(a.kind()), ReportText.layer(a.layer()), nz(a.component()),
                    ReportText.state(a.state()), a.started() == null ? "—" : time(a.started()),
                    a.finished() == null ? "—" : time(a.finished()), a.result()));
        }
        doc.table(List.of("Action", "Kind", "Layer", "Component", "State", "Started", "Finished", "Result"), rows);
    }

    private static void approvals(TextDocument doc, RunRecord r) {
        if (r.approvals().isEmpty()) {
            doc.paragraph("No gate needed an approval.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RunRecord.Approval a : r.approvals()) {
            rows.add(List.of(a.gate(), a.approved() ? "approved" : "REJECTED", a.by(), when(a.at()), a.note()));
        }
        doc.table(List.of("Gate", "Decision", "By", "When", "Note"), rows);
    }

    private static void failedChecks(TextDocument doc, RunRecord r) {
        doc.heading("Failed checks and their evidence");
        List<RunRecord.FailedCheck> failed = r.failedChecks();
        if (failed.isEmpty()) {
            doc.paragraph("No check failed.");
            return;
        }
        doc.paragraph("Evidence as captured when the check ran, before any rollback changed the platform.");
        for (RunRecord.FailedCheck f : failed) {
            doc.subheading(f.result().status() + ": " + f.result().name() + " (" + f.purpose().title() + ")");
            doc.facts(List.of(Map.entry("Type", f.result().type().fileName()),
                    Map.entry("Layer", ReportText.layer(f.result().layer())),
                    Map.entry("Message", f.result().message())));
            if (!f.result().evidence().isEmpty()) {
                doc.code(f.result().evidence());
            }
        }
    }

    private static String kind(RunRecord r) {
        return r.kind() == RunRecord.Kind.UPGRADE ? "upgrade" : "rollback";
    }

    /** A time the journal kept as text, as {@link #time} writes it when it is an instant. */
    private static String when(String at) {
        try {
            return at == null ? "—" : time(Instant.parse(at));
        } catch (java.time.format.DateTimeParseException e) {
            return at;
        }
    }

    /** {@code 2026-12-02 13:48:14 UTC}: the date and time a person reads, to the second. */
    private static String time(Instant at) {
        return at == null ? "—"
                : at.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }

    private static String nz(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }
}
