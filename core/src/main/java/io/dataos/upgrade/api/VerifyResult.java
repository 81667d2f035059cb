package io.dataos.upgrade.api;

import io.dataos.upgrade.verify.CheckStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verification found, as plain values: whether it passed, the counts per outcome, the
 * workspace paths of the JUnit XML (for Jenkins' {@code junit} step), the Markdown summary and the
 * JSON results, one line per check, and whether a rollback is recommended (a critical check of a
 * post-upgrade validation did not pass) and why. Texts are already masked. {@link #toMap()} has the
 * keys of the {@code dataosVerify} step (which adds {@code buildResult}) plus {@code status} and
 * {@code message} for the command line.
 *
 * @param purpose the step's spelling: {@code postUpgrade} or {@code postRollback}
 * @param rollbackReason why a rollback is recommended; empty when it is not
 */
public record VerifyResult(boolean passed, String purpose, int passedCount, int failedCount, int errorCount,
        int skippedCount, int total, String junit, String markdown, String json, List<CheckLine> checks,
        String message, String rollbackReason) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One check's outcome: name, type, layer (null for none), status, message, critical. */
    public record CheckLine(String name, String type, String layer, String status, String message, boolean critical)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        /** A check that failed or could not be carried out (what the step lists as failedChecks). */
        public boolean problem() {
            return CheckStatus.valueOf(status).isProblem();
        }

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
        rollbackReason = rollbackReason == null ? "" : rollbackReason;
    }

    /** Whether the rollback plan should run now: a critical check of a post-upgrade validation did not pass. */
    public boolean rollbackRecommended() {
        return !rollbackReason.isEmpty();
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
        map.put("ok", passed);
        map.put("rollbackRecommended", rollbackRecommended());
        map.put("rollbackReason", rollbackReason);
        List<Object> failedChecks = new ArrayList<>();
        checks.stream().filter(CheckLine::problem).forEach(c -> failedChecks.add(c.toMap()));
        map.put("failedChecks", failedChecks);
        List<Object> lines = new ArrayList<>();
        checks.forEach(c -> lines.add(c.toMap()));
        map.put("checks", lines);
        map.put("junit", junit);
        map.put("markdown", markdown);
        map.put("json", json);
        map.put("message", message);
        map.values().removeIf(v -> v == null);
        return map;
    }
}
