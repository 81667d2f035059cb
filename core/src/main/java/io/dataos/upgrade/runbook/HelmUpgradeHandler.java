package io.dataos.upgrade.runbook;

import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.values.ManagerValuesFile;
import java.io.IOException;
import java.util.Optional;

/**
 * Upgrade step 4, the execution: {@code helm upgrade --install} of the dataos-manager release with
 * the values file and the Prime API key (secret {@value ManagerUpgrade#PRIME_API_KEY}) in a private
 * overlay that is deleted afterwards ({@link ManagerUpgrade}). Helm's own error is the failure
 * reason, masked. Done already when Helm shows the release deployed at the target chart version in
 * a revision newer than the one the backup recorded.
 */
final class HelmUpgradeHandler implements ActionHandler {

    private final RunbookRun run;

    HelmUpgradeHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        HelmTarget target = run.target(action);
        String values = run.valuesFile();
        if (context.dryRun()) {
            ManagerValuesFile.validate(values, context.workspace().read(values));
            return Outcomes.wouldDo(context, "would run helm upgrade --install " + target.release() + " " + target.chart()
                    + (target.chartVersion() == null ? "" : " --version " + target.chartVersion()) + " -n "
                    + target.namespace() + " -f " + values + " -f <Prime API key overlay> --wait --timeout "
                    + run.settings().helm().timeout().toSeconds() + "s");
        }
        try {
            HelmRelease release = new ManagerUpgrade(run.helm(context), context.workspace(), RunbookRun.secrets(context))
                    .upgrade(target, values, run.privateDir(), run.settings().helm().timeout());
            return ActionOutcome.done("release " + release.name() + " is " + release.status() + " at revision "
                    + release.revision() + " (" + release.chart() + ", app " + release.appVersion() + ")");
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        // Asked only on resume, after the killed attempt's helm has ended: a kill (SIGKILL) skipped the
        // finally that deletes the Prime key overlay, so remove what the killed attempt left behind.
        context.workspace().delete(run.privateDir() + "/" + ManagerUpgrade.OVERLAY_NAME);
        HelmTarget target = run.target(action);
        Optional<HelmRelease> status = run.helm(context).status(target.release(), target.namespace());
        if (status.isEmpty() || !status.get().isDeployed()
                || !String.valueOf(target.chartVersion()).equals(status.get().chartVersion())) {
            return false;
        }
        Optional<BackupRecord> kit = RunbookRun.kitRecord(context.workspace(), run.runId());
        Integer before = kit.map(BackupRecord::helmRevision).orElse(null);
        return before != null && status.get().revision() > before;
    }
}
