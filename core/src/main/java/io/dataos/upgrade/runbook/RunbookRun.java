package io.dataos.upgrade.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.api.MissingSecretException;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the production handlers of one run share: the settings, the plan, the run id, the files the
 * run works on (values file, installed state), whether a backup is taken, the backup kit of the
 * upgrade an automatic rollback undoes, and why a rollback happens. Built by a facade, read by the
 * handlers; immutable.
 *
 * @param valuesFile workspace path of the dataos-manager values file, or null when the run has none
 * @param installedFile workspace path of the platform state installed now, or null
 * @param installed the platform state installed now, or null when the plan came from a file alone
 * @param backupEnabled false when the caller turned the backup off
 * @param upgradeKit run id of the upgrade whose backup kit an automatic rollback restores, or null
 * @param reason why a rollback happens, for its notice (null: the notice's default)
 * @param failedChecks the checks whose failure led to the rollback, for its notice
 */
public record RunbookRun(RunbookSettings settings, Plan plan, String runId, String valuesFile, String installedFile,
        PlatformState installed, boolean backupEnabled, String upgradeKit, String reason, List<String> failedChecks) {

    static final ObjectMapper JSON = new ObjectMapper();

    public RunbookRun {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(runId, "runId");
        failedChecks = List.copyOf(failedChecks == null ? List.of() : failedChecks);
    }

    /** The workspace directory for this run's human-facing outputs: notices, reviews, verification results. */
    String outputDir() {
        return outputDir(settings, runId);
    }

    public static String outputDir(RunbookSettings settings, String runId) {
        return settings.stateDir() + "/runs/" + runId;
    }

    /** The run's private directory next to its journal (the Prime API key overlay, markers). */
    String privateDir() {
        return BackupKit.RUNS_DIR + "/" + runId;
    }

    /** The plan's first action of {@code kind}. */
    public Optional<PlanAction> first(ActionKind kind) {
        return plan.actions().stream().filter(a -> a.kind() == kind).findFirst();
    }

    /**
     * The dataos-manager Helm release the plan works on: release name, namespace, chart and chart
     * version from the plan's Helm action (else the installed state), the chart location from the
     * settings when they name one.
     */
    public HelmTarget managerTarget() {
        PlanAction helm = first(ActionKind.HELM_UPGRADE).or(() -> first(ActionKind.HELM_ROLLBACK)).orElse(null);
        if (helm != null) {
            return target(helm);
        }
        if (installed != null) {
            var m = installed.manager();
            return settings.helmTarget(m.releaseName(), m.namespace(), m.chart(), m.chartVersion().toString());
        }
        return settings.helmTarget(null, null, null, null);
    }

    /** The Helm target named by a Helm action's parameters. */
    HelmTarget target(PlanAction helm) {
        return settings.helmTarget(helm.params().get(ActionParams.RELEASE_NAME),
                helm.params().get(ActionParams.NAMESPACE), helm.params().get(ActionParams.CHART),
                helm.params().get(ActionParams.CHART_VERSION));
    }

    /** A Helm client for {@code context}'s action, its output in the action's log. */
    HelmClient helm(ActionContext context) {
        // journaled: a run killed during helm upgrade/rollback waits for it on resume instead of repeating it
        return new HelmClient(context.journaledRunner(), settings.helm().executable(), settings.helm().kube(), context::log);
    }

    KubectlClient kubectl(ActionContext context) {
        return new KubectlClient(context.runner(), settings.helm().kubectl(), settings.helm().kube(), context::log);
    }

    /** A backup kit over {@code context}'s workspace, runner and (journal-masked) secrets. */
    BackupKit kits(ActionContext context) {
        return new BackupKit(context.workspace(), context.runner(), helm(context), secrets(context),
                settings.postgres() == null ? null : settings.postgres().binDir(), context::log);
    }

    /**
     * The secrets of the run, each fetched through {@code context} so that the journal and the log
     * mask its value from then on.
     */
    public static SecretProvider secrets(ActionContext context) {
        return name -> {
            try {
                return Optional.of(context.secret(name));
            } catch (MissingSecretException missing) {
                return Optional.empty();
            }
        };
    }

    /** The run's backup kit directory when the plan takes one and it is enabled, else null. */
    public static String kitDir(RunbookRun run) {
        return run.backupEnabled() && run.first(ActionKind.BACKUP).isPresent() ? BackupKit.directoryFor(run.runId())
                : null;
    }

    /** The record of the complete backup kit of {@code kitRunId}, or empty when there is none. */
    public static Optional<BackupRecord> kitRecord(Workspace workspace, String kitRunId)
            throws IOException, InterruptedException {
        if (kitRunId == null) {
            return Optional.empty();
        }
        String dir = BackupKit.directoryFor(kitRunId);
        if (!workspace.exists(dir + "/" + BackupKit.MANIFEST) || !workspace.exists(dir + "/" + BackupKit.RECORD)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(workspace.read(dir + "/" + BackupKit.RECORD), BackupRecord.class));
    }
}
