package io.dataos.upgrade.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to rehearse: where to leave the files and which fault to inject. The versions come from the
 * bundled example manifests: the platform runs release 1.4 ({@code installed-1.4.yaml}) and upgrades
 * to 1.5 ({@code release-1.5.yaml}); a rollback returns to 1.4 ({@code release-1.4.yaml}) from the
 * state 1.5 left ({@code installed-1.5.yaml}).
 *
 * @param workDir where the rehearsal writes its kubeconfig, examples, workspace (plans, journals, backups) and reports
 * @param fault the fault injected into the upgrade
 * @param chart the operator's chart and values to rehearse; {@code null} for the bundled example
 */
public record RehearsalOptions(Path workDir, RehearsalFault fault, OperatorChart chart) {

    public RehearsalOptions {
        Objects.requireNonNull(workDir, "workDir");
        fault = fault == null ? RehearsalFault.VALIDATION : fault;
    }

    /** The bundled example chart with {@code fault}. */
    public RehearsalOptions(Path workDir, RehearsalFault fault) {
        this(workDir, fault, null);
    }
}
