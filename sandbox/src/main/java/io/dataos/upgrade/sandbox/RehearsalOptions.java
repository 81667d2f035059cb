package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
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
 * @param cluster the in-process sandbox (default) or a real control plane
 * @param helm on a real cluster, which real helm runs: {@code helm3} (default) or {@code helm4}
 * @param cache on a real cluster, the cache {@code realcluster/build} filled; {@code null} for its default
 *     ({@code $DATAOS_UPGRADE_CACHE}, else {@code ~/.cache/dataos-upgrade})
 */
public record RehearsalOptions(Path workDir, RehearsalFault fault, OperatorChart chart, RehearsalCluster cluster,
        String helm, Path cache) {

    /** The real helm programs realcluster/build makes. */
    public static final List<String> HELMS = List.of("helm3", "helm4");

    public RehearsalOptions {
        Objects.requireNonNull(workDir, "workDir");
        fault = fault == null ? RehearsalFault.VALIDATION : fault;
        cluster = cluster == null ? RehearsalCluster.SANDBOX : cluster;
        helm = helm == null ? HELMS.get(0) : helm.trim();
        if (!HELMS.contains(helm)) {
            throw new InvalidInputException("rehearse --helm", "helm", "'" + helm + "' is not a helm the real"
                    + " cluster has: use one of " + String.join(", ", HELMS));
        }
    }

    /** The bundled example chart with {@code fault}, in the sandbox. */
    public RehearsalOptions(Path workDir, RehearsalFault fault) {
        this(workDir, fault, null);
    }

    /** The operator's chart (or the example when null) with {@code fault}, in the sandbox. */
    public RehearsalOptions(Path workDir, RehearsalFault fault, OperatorChart chart) {
        this(workDir, fault, chart, RehearsalCluster.SANDBOX, null, null);
    }
}
