package io.dataos.upgrade.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an upgrade or rollback runbook ended, as plain values the Jenkins steps and the CLI return:
 * status and a message for people, the run and plan ids, versions, the journal and backup kit paths,
 * the reports written, what failed (action, check, error), the gates waiting, the actions that have
 * succeeded, and for an upgrade whether it was rolled back automatically (with that run's id,
 * status and journal). Paths are workspace-relative. Texts are already masked.
 */
public record RunbookResult(
        String operation,
        RunbookStatus status,
        String message,
        String runId,
        String planId,
        String fromVersion,
        String toVersion,
        boolean dryRun,
        String journal,
        String backup,
        List<String> reports,
        String failedAction,
        String failedCheck,
        String error,
        List<GateWaiting> gatesWaiting,
        List<String> executed,
        boolean rolledBack,
        String rollbackRunId,
        String rollbackStatus,
        String rollbackJournal) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RunbookResult {
        message = message == null ? "" : message;
        reports = List.copyOf(reports == null ? List.of() : reports);
        error = error == null ? "" : error;
        gatesWaiting = List.copyOf(gatesWaiting == null ? List.of() : gatesWaiting);
        executed = List.copyOf(executed == null ? List.of() : executed);
    }

    public boolean succeeded() {
        return status == RunbookStatus.SUCCEEDED;
    }

    /** The ids of the gates waiting for approval. */
    public List<String> refused() {
        return gatesWaiting.stream().map(GateWaiting::id).toList();
    }

    /**
     * The result as a map of strings, booleans and lists (nulls left out): what a Pipeline step
     * returns and what {@code --output json} prints.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("operation", operation);
        map.put("status", status.name());
        map.put("message", message);
        map.put("runId", runId);
        map.put("planId", planId);
        map.put("fromVersion", fromVersion);
        map.put("toVersion", toVersion);
        map.put("dryRun", dryRun);
        map.put("journal", journal);
        map.put("backup", backup);
        map.put("reports", new ArrayList<>(reports));
        map.put("failedAction", failedAction);
        map.put("failedCheck", failedCheck);
        map.put("error", error.isEmpty() ? null : error);
        List<Object> gates = new ArrayList<>();
        gatesWaiting.forEach(g -> gates.add(g.toMap()));
        map.put("gatesWaiting", gates);
        map.put("refused", new ArrayList<>(refused()));
        map.put("executed", new ArrayList<>(executed));
        map.put("rolledBack", rolledBack);
        map.put("rollbackRunId", rollbackRunId);
        map.put("rollbackStatus", rollbackStatus);
        map.put("rollbackJournal", rollbackJournal);
        map.values().removeIf(v -> v == null);
        return map;
    }
}
