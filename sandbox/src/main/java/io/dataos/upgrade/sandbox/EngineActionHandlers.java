package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
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
import io.dataos.upgrade.process.CommandRunner;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.secret.SecretProvider;
import io.dataos.upgrade.verify.ChecksFile;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.workspace.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engine's own manager classes as the rehearsal's handlers: {@code PreInstallChecks},
 * {@code BackupKit}, {@code ManagerUpgrade}, {@code ManagerRollback} and {@code Verification}, all
 * driving the helm and kubectl command lines they drive on a real cluster, answered in-process by
 * {@link SandboxCommandRunner}. Kinds without a manager class here fall back to
 * {@link SandboxActionHandlers} (simulated layers).
 */
public final class EngineActionHandlers {

    /** Where the handlers keep their files in the workspace and what they act on. */
    public record Setup(String valuesFile, String platformStateFile, String platformVersion, String chartVersion,
            String checksFile, Duration helmTimeout) {}

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
                .on(ActionKind.UPDATE_MANAGER_TAG, h::updateTag)
                .on(ActionKind.HELM_UPGRADE, h.withDoneCheck(h::upgrade, fallback.find(ActionKind.HELM_UPGRADE)))
                .on(ActionKind.HELM_ROLLBACK, h.withDoneCheck(h::rollback, fallback.find(ActionKind.HELM_ROLLBACK)))
                .on(ActionKind.VALIDATE, (a, c) -> h.verify(a, c, VerificationPurpose.POST_UPGRADE))
                .on(ActionKind.VERIFY_ROLLBACK, (a, c) -> h.verify(a, c, VerificationPurpose.POST_ROLLBACK));
        for (ActionKind kind : ActionKind.values()) {
            fallback.find(kind).ifPresent(handler -> {
                if (!List.of(ActionKind.PRE_CHECKS, ActionKind.BACKUP, ActionKind.RESTORE_CHECK,
                        ActionKind.UPDATE_MANAGER_TAG, ActionKind.HELM_UPGRADE, ActionKind.HELM_ROLLBACK,
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

    private BackupKit backupKit(ActionContext context) {
        return new BackupKit(workspace, runner, helm, secrets, null, context::log);
    }

    private ActionOutcome backup(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        BackupRecord record = backupKit(context).create(new BackupKit.Request(context.runId(), target(action),
                setup.valuesFile(), setup.platformStateFile(), setup.platformVersion(), null, null));
        context.log("backup kit " + BackupKit.directoryFor(context.runId()) + " written (no database in the sandbox:"
                + " the Postgres dump is left out)");
        return ActionOutcome.done("backup kit " + BackupKit.directoryFor(context.runId()) + " " + record);
    }

    private ActionOutcome restoreCheck(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        backupKit(context).verify(context.runId());
        context.log("backup kit of " + context.runId() + " verified against its checksums (the restore into a"
                + " scratch PostgreSQL is simulated: no database in the sandbox)");
        return ActionOutcome.done("backup kit verified");
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
