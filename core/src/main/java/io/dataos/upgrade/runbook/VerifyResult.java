package io.dataos.upgrade.runbook;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verification found, as plain values: whether it passed, the counts per outcome, the
 * workspace paths of the JUnit XML (for Jenkins' {@code junit} step), the Markdown summary and the
 * JSON results, and one line per check. Texts are already masked.
 */
public record VerifyResult(boolean passed, String purpose, int passedCount, int failedCount, int errorCount,
        int skippedCount, int total, String junit, String markdown, String json, List<CheckLine> checks,
        String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One check's outcome: name, type, layer (null for none), status, message, critical. */
    public record CheckLine(String name, String type, String layer, String status, String message, boolean critical)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("type", type);
            map.put("layer", layer);
            map.put("status", status);
            map.put("message", message);
            map.put("critical", critical);
            map.values().removeIf(v -> v == null);
            return map;
        }
    }

    public VerifyResult {
        checks = List.copyOf(checks == null ? List.of() : checks);
        message = message == null ? "" : message;
    }

    /** The result as a map of strings, numbers, booleans and lists. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", passed ? "PASSED" : "FAILED");
        map.put("purpose", purpose);
        map.put("passed", passedCount);
        map.put("failed", failedCount);
        map.put("errors", errorCount);
        map.put("skipped", skippedCount);
        map.put("total", total);
        map.put("junit", junit);
        map.put("markdown", markdown);
        map.put("json", json);
        List<Object> lines = new ArrayList<>();
        checks.forEach(c -> lines.add(c.toMap()));
        map.put("checks", lines);
        map.put("message", message);
        return map;
    }
}
