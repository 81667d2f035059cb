package io.dataos.upgrade.runbook;

import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmRevision;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerRollback;
import io.dataos.upgrade.helm.ReleaseHistory;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.values.ManagerValuesFile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Rolls the dataos-manager Helm release back ({@link ManagerRollback}): to the revision the backup
 * kit recorded before the upgrade being undone (an automatic rollback), else to the revision of the
 * newest kit taken while the target version was installed, else to the last good revision Helm's
 * history shows. Afterwards the values file's {@code image.tag} is set back to the target's tag, so
 * the file describes what runs again. Done already when Helm shows the release deployed at the
 * target chart version by a rollback.
 */
final class HelmRollbackHandler implements ActionHandler {

    private final RunbookRun run;

    HelmRollbackHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        HelmTarget target = run.target(action);
        HelmClient helm = run.helm(context);
        try {
            ReleaseHistory history = helm.history(target.release(), target.namespace());
            Choice choice = choose(context, history);
            if (context.dryRun()) {
                return Outcomes.wouldDo(context, "would run helm rollback " + target.release() + " " + (choice.revision()
                        == null ? "<last good revision>" : choice.revision()) + " (" + choice.why() + ")"
                        + tagNote(action));
            }
            context.log("rolling back to " + (choice.revision() == null ? "the last good revision"
                    : "revision " + choice.revision()) + ": " + choice.why());
            HelmRelease release = new ManagerRollback(helm, run.kubectl(context), context::log).rollback(target,
                    choice.revision(), run.settings().helm().timeout());
            String tag = restoreTag(action, context);
            return ActionOutcome.done("release " + release.name() + " rolled back: now revision " + release.revision()
                    + " (" + release.chart() + ", " + release.status() + ")" + tag);
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        HelmTarget target = run.target(action);
        Optional<HelmRelease> status = run.helm(context).status(target.release(), target.namespace());
        boolean done = status.isPresent() && status.get().isDeployed()
                && String.valueOf(target.chartVersion()).equals(status.get().chartVersion())
                && status.get().description().startsWith("Rollback to ");
        if (done) {
            restoreTag(action, context);
        }
        return done;
    }

    /** The revision to go back to and why. */
    record Choice(Integer revision, String why) {
    }

    private Choice choose(ActionContext context, ReleaseHistory history) throws IOException, InterruptedException {
        Optional<BackupRecord> kit = RunbookRun.kitRecord(context.workspace(), run.upgradeKit());
        String source = "the backup kit of the upgrade run " + run.upgradeKit();
        if (kit.isEmpty() || kit.get().helmRevision() == null) {
            List<BackupRecord> matching = new BackupKit(context.workspace(), context.runner(), run.helm(context),
                    RunbookRun.secrets(context), null, context::log).list().stream()
                    .filter(r -> r.matchesVersion(run.plan().toVersion()) && r.helmRevision() != null).toList();
            kit = matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
            source = "the backup kit of run " + kit.map(BackupRecord::runId).orElse("?") + ", taken at release "
                    + run.plan().toVersion();
        }
        if (kit.isPresent()) {
            int revision = kit.get().helmRevision();
            Optional<HelmRevision> known = history.revision(revision);
            if (known.isPresent() && known.get().wasDeployed()) {
                return new Choice(revision, "the revision " + source + " recorded");
            }
            return new Choice(null, "revision " + revision + " of " + source + " is "
                    + known.map(r -> "in state " + r.status()).orElse("no longer in Helm's history")
                    + ", so the last good revision is used");
        }
        return new Choice(null, "no backup kit records a revision of release " + run.plan().toVersion()
                + ": the last good revision in Helm's history");
    }

    private String tagNote(PlanAction action) {
        return run.valuesFile() == null || action.params().get(ActionParams.IMAGE_TAG) == null ? ""
                : "; then set image.tag in " + run.valuesFile() + " back to " + action.params().get(ActionParams.IMAGE_TAG);
    }

    /** Puts the target's tag back into the values file, so it describes what runs again. */
    private String restoreTag(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String tag = action.params().get(ActionParams.IMAGE_TAG);
        String file = run.valuesFile();
        if (file == null || tag == null || !context.workspace().exists(file)) {
            return "";
        }
        byte[] content = context.workspace().read(file);
        String current = ManagerValuesFile.imageTag(file, content);
        if (tag.equals(current)) {
            return "";
        }
        context.workspace().write(file, ManagerValuesFile.updateImageTag(file, content, tag));
        return "; image.tag in " + file + " set back from " + current + " to " + tag;
    }
}
