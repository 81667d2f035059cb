package io.dataos.upgrade.api;

import io.dataos.upgrade.api.InvalidInputException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Which run to report on: its run id, or the workspace path of its journal
 * ({@code .dataos-upgrade/runs/<runId>/journal.jsonl}); the settings file (instance name, state
 * directory); where the reports go (null: {@code <stateDir>/reports/<runId>}); and, as the
 * {@code dataosReport} step takes them, which report the result points at ({@code run} or {@code rca};
 * both are written), the verification results to include (null: the ones the run kept) and the
 * instance name (null: the settings').
 */
public record ReportRequest(String runId, String journal, String settings, String outputDir,
        SettingsOverrides overrides, String kind, List<String> verifications, String instance)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The report kinds, as the step's {@code kind} spells them. */
    public static final List<String> KINDS = List.of("run", "rca");

    public ReportRequest {
        overrides = overrides == null ? SettingsOverrides.NONE : overrides;
        kind = kind == null ? KINDS.get(0) : kind.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new InvalidInputException("report request", "kind", "'" + kind + "' is not a report kind: use run"
                    + " (the run report) or rca (the root-cause analysis)");
        }
        verifications = verifications == null ? null : List.copyOf(verifications);
        instance = instance == null || instance.isBlank() ? null : instance.strip();
    }

    /** The run report of a run, with the verifications it kept and the settings' instance. */
    public ReportRequest(String runId, String journal, String settings, String outputDir,
            SettingsOverrides overrides) {
        this(runId, journal, settings, outputDir, overrides, null, null, null);
    }

    /** The reports of run {@code runId} in the default place. */
    public static ReportRequest of(String runId) {
        return new ReportRequest(runId, null, null, null, null);
    }
}
