package io.dataos.upgrade.runbook;

import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;

/**
 * "Backup and safeguard" before any change: the run's {@link BackupKit} (values file with secrets
 * replaced by references, Helm revisions, values and manifest, the installed platform state, a
 * {@code pg_dump -Fc} of the DataOS database when the settings name one, under a checksum manifest).
 * A kit is never overwritten: a resumed run finds the complete kit and does not take it again.
 */
final class BackupHandler implements ActionHandler {

    private final RunbookRun run;

    BackupHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String dir = BackupKit.directoryFor(run.runId());
        if (!run.backupEnabled()) {
            return ActionOutcome.done("backup turned off by the caller (backup: false): no kit taken; a rollback of"
                    + " this run cannot restore the database or the Helm revision from a kit of its own");
        }
        String what = "values file " + run.valuesFile() + ", Helm release " + run.managerTarget().release()
                + (run.installedFile() == null ? "" : ", platform state " + run.installedFile())
                + (run.settings().postgres() == null ? " (no database in the settings: no dump)"
                        : ", database " + run.settings().postgres().connection().describe());
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would back up " + what + " into " + dir);
        }
        if (isDone(action, context)) {
            return ActionOutcome.done("backup kit " + dir + " is already complete: kept as it is");
        }
        try {
            BackupRecord record = run.kits(context).create(new BackupKit.Request(run.runId(), run.managerTarget(),
                    run.valuesFile(), run.installedFile(), action.params().get(ActionParams.RELEASE_VERSION),
                    action.params().get(ActionParams.SNAPSHOT),
                    run.settings().postgres() == null ? null : run.settings().postgres().connection()));
            return ActionOutcome.done("backup kit " + dir + ": " + record.files().size() + " file(s)"
                    + (record.helmRevision() == null ? ", no Helm release yet" : ", Helm revision "
                            + record.helmRevision())
                    + (record.dumpFile() == null ? ", no database dump" : ", dump " + record.dumpFile()));
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return !run.backupEnabled() || RunbookRun.kitRecord(context.workspace(), run.runId()).isPresent();
    }
}
