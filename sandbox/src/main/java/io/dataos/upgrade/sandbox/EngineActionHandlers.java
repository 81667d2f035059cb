package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.backup.PostgresRestore;
import io.dataos.upgrade.backup.RestoreCheck;
import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerRollback;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.helm.PreCheck;
import io.dataos.upgrade.helm.PreInstallChecks;
import io.dataos.upgrade.kube.KubeTarget;
import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.verify.ChecksFile;
import io.dataos.upgrade.verify.CriticalTables;
import io.dataos.upgrade.verify.IntegrityBaseline;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engine's own manager classes as the rehearsal's handlers: {@code PreInstallChecks},
 * {@code BackupKit}, {@code PostgresRestore}, {@code ManagerUpgrade}, {@code ManagerRollback} and
 * {@code Verification}, all driving the helm and kubectl command lines they drive on a real cluster,
 * answered in-process by {@link SandboxCommandRunner}, and PostgreSQL's own pg_dump, pg_restore and
 * psql against the rehearsal's real local server ({@link RehearsalDatabase}). Kinds without a
 * manager class here fall back to {@link SandboxActionHandlers} (simulated layers).
 */
public final class EngineActionHandlers {

    /**
     * Where the handlers keep their files in the workspace and what they act on.
     *
     * @param platformVersion the version installed when a BACKUP action names none
     * @param database the rehearsal's real PostgreSQL database, dumped, restore-checked and restored
     */
    public record Setup(String valuesFile, String platformStateFile, String platformVersion, String chartVersion,
            String checksFile, Duration helmTimeout, RehearsalDatabase database) {

        public Setup {
            java.util.Objects.requireNonNull(database, "database: the rehearsal always runs a real PostgreSQL");
        }
    }

    /** The integrity baseline of the critical tables, next to the dump in the run's backup kit. */
    public static final String INTEGRITY_BASELINE = "integrity-baseline.json";

    private final Workspace workspace;
    private final SandboxKubernetes k8s;
    private final HelmClient helm;
    private final KubectlClient kubectl;
    private final CommandRunner runner;
    private final SecretProvider secrets;
    private final SandboxActionHandlers.ManagerTarget target;
    private final Setup setup;

    private EngineActionHandlers(Workspace workspace, SandboxKubernetes k8s, CommandRunner runner, SecretProvider secrets,
            SandboxActionHandlers.ManagerTarget target, Setup setup) {
        this.workspace = workspace;
        this.k8s = k8s;
        this.runner = runner;
        this.secrets = secrets;
        this.target = target;
        this.setup = setup;
        KubeTarget kube = new KubeTarget(k8s.kubeconfig().toString(), null);
        this.helm = new HelmClient(runner, "helm", kube, line -> { });
        this.kubectl = new KubectlClient(runner, "kubectl", kube, line -> { });
    }

    /**
     * Handlers over {@code runner} (a {@link SandboxCommandRunner}); the manager's kinds use the
     * engine classes, every other kind what {@code fallback} does.
     */
    public static ActionHandlers create(Workspace workspace, SandboxKubernetes k8s, CommandRunner runner,
            SecretProvider secrets, SandboxActionHandlers.ManagerTarget target, Setup setup, ActionHandlers fallback) {
        EngineActionHandlers h = new EngineActionHandlers(workspace, k8s, runner, secrets, target, setup);
        ActionHandlers.Builder builder = ActionHandlers.builder()
                .on(ActionKind.PRE_CHECKS, h::preChecks)
                .on(ActionKind.BACKUP, h::backup)
                .on(ActionKind.RESTORE_CHECK, h::restoreCheck)
                .on(ActionKind.RESTORE_POSTGRES, h::restorePostgres)
                .on(ActionKind.UPDATE_MANAGER_TAG, h::updateTag)
                .on(ActionKind.HELM_UPGRADE, h.withDoneCheck(h::upgrade, fallback.find(ActionKind.HELM_UPGRADE)))
                .on(ActionKind.HELM_ROLLBACK, h.withDoneCheck(h::rollback, fallback.find(ActionKind.HELM_ROLLBACK)))
                .on(ActionKind.VALIDATE, (a, c) -> h.verify(a, c, VerificationPurpose.POST_UPGRADE))
                .on(ActionKind.VERIFY_ROLLBACK, (a, c) -> h.verify(a, c, VerificationPurpose.POST_ROLLBACK));
        for (ActionKind kind : ActionKind.values()) {
            fallback.find(kind).ifPresent(handler -> {
                if (!List.of(ActionKind.PRE_CHECKS, ActionKind.BACKUP, ActionKind.RESTORE_CHECK,
                        ActionKind.RESTORE_POSTGRES, ActionKind.UPDATE_MANAGER_TAG, ActionKind.HELM_UPGRADE, ActionKind.HELM_ROLLBACK,
                        ActionKind.VALIDATE, ActionKind.VERIFY_ROLLBACK).contains(kind)) {
                    builder.on(kind, handler);
                }
            });
        }
        return builder.build();
    }

    /** The verification report files written so far, in order (workspace paths), for the run reports. */
    public static String verificationDir(String runId, String actionId) {
        return "verification/" + runId + "/" + actionId;
    }

    private HelmTarget target(PlanAction action) {
        return new HelmTarget(action.params().getOrDefault(ActionParams.RELEASE_NAME, target.release()),
                action.params().getOrDefault(ActionParams.NAMESPACE, target.namespace()),
                action.params().getOrDefault(ActionParams.CHART, "dataos/dataos-manager"),
                action.params().getOrDefault(ActionParams.CHART_VERSION, setup.chartVersion()));
    }

    private ActionOutcome preChecks(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        List<PreCheck> checks = new PreInstallChecks(helm, kubectl, workspace)
                .run(new PreInstallChecks.Settings(target(action), setup.valuesFile(), null, null));
        checks.forEach(c -> context.log(c.outcome() + " " + c.name() + ": " + c.message()));
        if (!PreInstallChecks.allPassed(checks)) {
            return ActionOutcome.failed("pre-installation checks failed: " + checks.stream()
                    .filter(c -> c.outcome() == PreCheck.Outcome.FAILED)
                    .map(c -> c.name() + " (" + c.message() + "; " + c.fix() + ")")
                    .collect(Collectors.joining("; ")), "");
        }
        return ActionOutcome.done(checks.size() + " pre-installation checks passed");
    }

    /** The integrity baseline's workspace path for the kit of {@code runId}. */
    public static String baselineFor(String runId) {
        return BackupKit.directoryFor(runId) + "/" + INTEGRITY_BASELINE;
    }

    private BackupKit backupKit(ActionContext context) {
        return new BackupKit(workspace, runner, helm, secrets, setup.database().binDir(), context::log);
    }

    /**
     * The engine's backup kit with a real {@code pg_dump -Fc} of the rehearsal's database, then the
     * critical tables' integrity baseline (read over JDBC) next to it in the kit.
     */
    private ActionOutcome backup(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        context.secret(PostgresConnection.PASSWORD_SECRET); // masks the password in the journal and log
        RehearsalDatabase db = setup.database();
        String version = action.params().getOrDefault(ActionParams.RELEASE_VERSION, setup.platformVersion());
        BackupRecord record = backupKit(context).create(new BackupKit.Request(context.runId(), target(action),
                setup.valuesFile(), setup.platformStateFile(), version, action.params().get(ActionParams.SNAPSHOT),
                db.connection()));
        String kit = BackupKit.directoryFor(context.runId());
        IntegrityBaseline baseline;
        try {
            baseline = new CriticalTables(db.jdbcUrl(), db.connection().user(), db.password(), Duration.ofSeconds(30))
                    .baseline(RehearsalDatabase.CRITICAL_TABLES, Clock.systemUTC());
        } catch (SQLException e) {
            return ActionOutcome.failed("cannot read the critical tables of " + db.jdbcUrl() + " for the integrity"
                    + " baseline: " + e.getMessage(), "");
        }
        baseline.write(workspace, baselineFor(context.runId()));
        long dumpBytes = java.nio.file.Files.size(java.nio.file.Path.of(workspace.absolute(kit + "/" + record.dumpFile())));
        context.log("backup kit " + kit + " written with a real pg_dump -Fc of " + db.connection().describe() + " ("
                + record.dumpFile() + ", " + dumpBytes + " bytes, in " + BackupKit.MANIFEST + " with "
                + record.files().size() + " files); integrity baseline of " + baseline.tables().size()
                + " critical tables (" + baseline.tables().stream().map(t -> t.table() + " " + t.rows() + " rows")
                .collect(Collectors.joining(", ")) + ") in " + INTEGRITY_BASELINE);
        return ActionOutcome.done("backup kit " + kit + ": " + record.files().size() + " file(s)"
                + (record.helmRevision() == null ? "" : ", Helm revision " + record.helmRevision())
                + ", dump " + record.dumpFile() + " (" + dumpBytes + " bytes)");
    }

    /** The engine's restore check: the kit's checksums, then its dump really restored into a scratch database. */
    private ActionOutcome restoreCheck(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        context.secret(PostgresConnection.PASSWORD_SECRET);
        RestoreCheck check = backupKit(context).restoreCheck(context.runId(), setup.database().connection());
        context.log("backup kit of " + context.runId() + " matches its checksums; its dump ("
                + check.tocEntries() + " archive entries) restored into the scratch database "
                + check.scratchDatabase() + " on the real PostgreSQL: " + check.tables().values().stream()
                .sorted(java.util.Comparator.comparing(io.dataos.upgrade.postgres.TableFingerprint::table))
                .map(t -> t.table() + " " + t.rows() + " rows").collect(Collectors.joining(", "))
                + "; scratch database dropped");
        return ActionOutcome.done("restore check: " + check.tables().size() + " tables restored from the dump");
    }

    /**
     * Runbook rollback, Cloud Kernel: the database restored from a backup kit's dump. The kit the plan
     * names (its snapshot) if the workspace has it, otherwise the newest kit taken while the target
     * version was installed: the plan's snapshots are the platform's own, which the sandbox lacks.
     */
    private ActionOutcome restorePostgres(PlanAction action, ActionContext context)
            throws IOException, InterruptedException {
        context.secret(PostgresConnection.PASSWORD_SECRET);
        RehearsalDatabase db = setup.database();
        PostgresRestore restore = new PostgresRestore(backupKit(context), workspace);
        String snapshot = action.params().get(ActionParams.SNAPSHOT);
        String version = action.params().getOrDefault(ActionParams.RELEASE_VERSION, action.to());
        Optional<BackupRecord> kit = restore.kitForSnapshot(snapshot);
        String why;
        if (kit.isPresent()) {
            why = "the backup kit named " + snapshot;
        } else {
            kit = restore.kitFor(version);
            why = "the backup kit taken while " + version + " was installed (snapshot " + snapshot
                    + " is the platform's own, which the sandbox does not have)";
        }
        if (kit.isEmpty()) {
            return ActionOutcome.failed("no backup kit with a database dump matches snapshot " + snapshot
                    + " or version " + version + ": nothing to restore from", "");
        }
        context.log("before the restore: " + db.rowCounts());
        PostgresRestore.Result result = restore.restore(kit.get().runId(), db.connection());
        context.log("database " + result.database() + " restored with pg_restore from " + why + " (run "
                + result.runId() + ", " + kit.get().dumpFile() + ", checksums verified first); the database as the"
                + " failed release left it is kept as " + result.previousDatabaseKeptAs() + " for the root-cause"
                + " analysis; now: " + db.rowCounts());
        return ActionOutcome.done("restored " + result.database() + " from the dump of run " + result.runId());
    }

    private ActionOutcome updateTag(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String tag = action.params().getOrDefault(ActionParams.IMAGE_TAG, action.to());
        String result = new ManagerUpgrade(helm, workspace, secrets).updateTag(setup.valuesFile(), tag);
        context.log("image.tag set to " + tag + " in " + setup.valuesFile() + " (" + result + ")");
        return ActionOutcome.done("image.tag " + tag);
    }

    private ActionOutcome upgrade(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        context.secret(SandboxActionHandlers.PRIME_API_KEY); // masks the key in the journal and log from here on
        try {
            HelmRelease release = new ManagerUpgrade(helm, workspace, secrets).upgrade(target(action), setup.valuesFile(),
                    "private/" + context.runId(), setup.helmTimeout());
            context.log("helm: revision " + release.revision() + " " + release.status());
            return ActionOutcome.done("revision " + release.revision() + " " + release.status());
        } catch (RuntimeException e) {
            return ActionOutcome.failed(e.getMessage(), "");
        }
    }

    private ActionOutcome rollback(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        try {
            HelmRelease release = new ManagerRollback(helm).rollback(target(action), null, setup.helmTimeout());
            context.log("helm: revision " + release.revision() + " " + release.status() + " (" + release.description() + ")");
            return ActionOutcome.done("revision " + release.revision() + " " + release.description());
        } catch (RuntimeException e) {
            return ActionOutcome.failed(e.getMessage(), "");
        }
    }

    private ActionOutcome verify(PlanAction action, ActionContext context, VerificationPurpose purpose)
            throws IOException, InterruptedException {
        ChecksFile checks = ChecksFile.parse(setup.checksFile(), workspace.read(setup.checksFile()));
        VerificationReport report = new Verification(runner, secrets, workspace).log(context::log)
                .run(purpose, checks, purpose == VerificationPurpose.POST_UPGRADE);
        VerificationOutputs.write(workspace, verificationDir(context.runId(), action.id()), report);
        if (!report.passed()) {
            return ActionOutcome.failed(purpose + " failed: " + report.problems().stream()
                    .map(p -> p.name() + ": " + p.message()).collect(Collectors.joining("; ")), "");
        }
        return ActionOutcome.done(purpose + " passed");
    }

    /** The handler with {@code fallback}'s {@code isDone}, so a resumed run re-checks the sandbox state. */
    private ActionHandler withDoneCheck(ActionHandler handler, Optional<ActionHandler> fallback) {
        return new ActionHandler() {
            @Override
            public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
                return handler.execute(action, context);
            }

            @Override
            public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
                return fallback.isPresent() && fallback.get().isDone(action, context);
            }
        };
    }
}
