package io.dataos.upgrade.runbook;

import java.io.Serializable;

/**
 * Which run to report on: its run id, or the workspace path of its journal
 * ({@code .dataos-upgrade/runs/<runId>/journal.jsonl}); the settings file (instance name, state
 * directory); and where the reports go (null: {@code <stateDir>/reports/<runId>}).
 */
public record ReportRequest(String runId, String journal, String settings, String outputDir,
        SettingsOverrides overrides) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ReportRequest {
        overrides = overrides == null ? SettingsOverrides.NONE : overrides;
    }

    /** The reports of run {@code runId} in the default place. */
    public static ReportRequest of(String runId) {
        return new ReportRequest(runId, null, null, null, null);
    }
}
