package io.dataos.upgrade.runbook;

import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.backup.CorruptBackupException;
import io.dataos.upgrade.backup.RestoreCheck;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;
import java.util.Optional;

/**
 * Proves the run's backup restores before anything changes: checks the kit against its checksum
 * manifest and restores its dump into a scratch database on the same server ({@link RestoreCheck}),
 * which is dropped again. Without a database in the settings there is no dump to prove, and the
 * action says so.
 */
final class RestoreCheckHandler implements ActionHandler {

    private final RunbookRun run;

    RestoreCheckHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        if (!run.backupEnabled()) {
            return ActionOutcome.done("backup turned off by the caller: no kit to check");
        }
        if (run.settings().postgres() == null) {
            return ActionOutcome.done("no database in the settings: the kit holds no dump to restore-check (add"
                    + " postgres to " + run.settings().source() + " to protect the DataOS database)");
        }
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would restore the dump of kit " + BackupKit.directoryFor(run.runId())
                    + " into a scratch database on " + run.settings().postgres().host() + " and drop it again");
        }
        try {
            BackupKit kits = run.kits(context);
            BackupRecord record = kits.verify(run.runId());
            if (record.dumpFile() == null) {
                return ActionOutcome.failed("backup kit " + BackupKit.directoryFor(run.runId()) + " holds no database"
                        + " dump although the settings name database " + run.settings().postgres().database()
                        + ": start a new run so the backup is taken with the database", "");
            }
            RestoreCheck check = kits.restoreCheck(run.runId(), run.settings().postgres().connection());
            return ActionOutcome.done("dump " + record.dumpFile() + " restores: " + check.tocEntries()
                    + " archive entries, " + check.tables().size() + " table(s) restored into " + check
                    .scratchDatabase() + " (dropped again)");
        } catch (CorruptBackupException e) {
            return ActionOutcome.failed(e.getMessage(), "");
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        Optional<BackupRecord> kit = RunbookRun.kitRecord(context.workspace(), run.runId());
        return kit.isPresent() && context.workspace().exists(BackupKit.directoryFor(run.runId()) + "/"
                + BackupKit.RESTORE_CHECK);
    }
}
