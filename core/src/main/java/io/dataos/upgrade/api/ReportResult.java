package io.dataos.upgrade.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports written for one run: its id, kind (upgrade or rollback) and outcome, the workspace
 * paths of the run report and the root-cause-analysis report (Markdown and HTML), the stakeholder
 * debrief drafts, how many checks failed, and what the report covered (actions, approvals, the
 * verification results read).
 *
 * @param kind the run's kind, lower case: upgrade or rollback
 * @param reportKind the report the caller asked for: run or rca (both are written)
 */
public record ReportResult(String runId, String kind, String outcome, String runReportMarkdown,
        String runReportHtml, String rcaMarkdown, String rcaHtml, List<String> debrief, int failedChecks,
        List<String> files, String reportKind, int actions, int approvals, List<String> verifications)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public ReportResult {
        debrief = List.copyOf(debrief == null ? List.of() : debrief);
        files = List.copyOf(files == null ? List.of() : files);
        reportKind = reportKind == null ? "run" : reportKind;
        verifications = List.copyOf(verifications == null ? List.of() : verifications);
    }

    /**
     * The result as a map of strings, numbers and lists: the {@code dataosReport} step's keys
     * ({@code kind} run or rca, {@code runKind} UPGRADE or ROLLBACK, {@code markdown} and {@code html}
     * of the report asked for; {@code files} lists every file written) plus both reports' paths and the
     * debrief drafts.
     */
    public Map<String, Object> toMap() {
        boolean rca = reportKind.equals("rca");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runId", runId);
        map.put("kind", reportKind);
        map.put("runKind", kind.toUpperCase(Locale.ROOT));
        map.put("outcome", outcome);
        map.put("actions", actions);
        map.put("approvals", approvals);
        map.put("failedChecks", failedChecks);
        map.put("verifications", new ArrayList<>(verifications));
        map.put("markdown", rca ? rcaMarkdown : runReportMarkdown);
        map.put("html", rca ? rcaHtml : runReportHtml);
        map.put("files", new ArrayList<>(files));
        map.put("runReportMarkdown", runReportMarkdown);
        map.put("runReportHtml", runReportHtml);
        map.put("rcaMarkdown", rcaMarkdown);
        map.put("rcaHtml", rcaHtml);
        map.put("debrief", new ArrayList<>(debrief));
        map.values().removeIf(v -> v == null);
        return map;
    }
}
