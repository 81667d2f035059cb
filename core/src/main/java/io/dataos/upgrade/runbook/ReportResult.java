package io.dataos.upgrade.runbook;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports written for one run: its id, kind (upgrade or rollback) and outcome, the workspace
 * paths of the run report and the root-cause-analysis report (Markdown and HTML), the stakeholder
 * debrief drafts, and how many checks failed.
 */
public record ReportResult(String runId, String kind, String outcome, String runReportMarkdown,
        String runReportHtml, String rcaMarkdown, String rcaHtml, List<String> debrief, int failedChecks,
        List<String> files) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ReportResult {
        debrief = List.copyOf(debrief == null ? List.of() : debrief);
        files = List.copyOf(files == null ? List.of() : files);
    }

    /** The result as a map of strings, numbers and lists. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runId", runId);
        map.put("kind", kind);
        map.put("outcome", outcome);
        map.put("markdown", runReportMarkdown);
        map.put("html", runReportHtml);
        map.put("rcaMarkdown", rcaMarkdown);
        map.put("rcaHtml", rcaHtml);
        map.put("debrief", new ArrayList<>(debrief));
        map.put("failedChecks", failedChecks);
        map.put("files", new ArrayList<>(files));
        return map;
    }
}
