package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.backup.CorruptBackupException;
import io.dataos.upgrade.backup.PostgresRestore;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cloud Kernel step 3, "restore data from a snapshot matching the target version"
 * ({@link PostgresRestore}): the kit of the upgrade being undone when this is its automatic
 * rollback, else the kit whose run id is the planned snapshot's name, else the newest kit taken
 * while the target version was installed. The current database is kept under another name as
 * evidence. A marker in the run's directory records the restore, so a resumed run does not restore
 * twice.
 */
final class PostgresRestoreHandler implements ActionHandler {

    private final RunbookRun run;

    PostgresRestoreHandler(RunbookRun run) {
        this.run = run;
    }

    private String marker() {
        return run.privateDir() + "/postgres-restore.json";
    }

    @Override
    public void validate(PlanAction action) {
        if (run.settings().postgres() == null) {
            throw new InvalidInputException(run.settings().source(), "postgres", "is missing: the plan restores"
                    + " PostgreSQL (" + action.id() + ", snapshot " + action.params().get(ActionParams.SNAPSHOT)
                    + "); give host, port, database and user of the DataOS database (docs/settings.md)");
        }
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        validate(action);
        String version = action.params().getOrDefault(ActionParams.RELEASE_VERSION, run.plan().toVersion());
        String snapshot = action.params().get(ActionParams.SNAPSHOT);
        var target = run.settings().postgres().connection();
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would restore " + target.describe() + " from " + (run.upgradeKit() != null
                    ? "the backup kit of run " + run.upgradeKit() : "snapshot " + snapshot + " (or the newest kit"
                    + " taken at " + version + ")") + ", keeping the current database under another name");
        }
        BackupKit kits = run.kits(context);
        PostgresRestore restore = new PostgresRestore(kits, context.workspace());
        try {
            String kit = chooseKit(context, restore, snapshot);
            PostgresRestore.Result result = kit != null ? restore.restore(kit, target)
                    : restore.restoreVersion(version, target);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("kit", result.runId());
            record.put("database", result.database());
            record.put("previousDatabaseKeptAs", result.previousDatabaseKeptAs());
            record.put("tables", result.tables().size());
            context.workspace().writePrivate(marker(), RunbookRun.JSON.writeValueAsString(record)
                    .getBytes(StandardCharsets.UTF_8));
            return ActionOutcome.done(target.describe() + " restored from the backup kit of run " + result.runId()
                    + " (" + result.tables().size() + " table(s)); the database it replaced is kept as "
                    + result.previousDatabaseKeptAs());
        } catch (CorruptBackupException e) {
            return ActionOutcome.failed(e.getMessage() + ": nothing was restored", "");
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    /**
     * The kit to restore: the upgrade's own when this undoes one, else the kit the plan's backup
     * named like the snapshot, else the kit whose run id is the snapshot's name; null to fall back
     * to the newest kit taken at the target version.
     */
    private String chooseKit(ActionContext context, PostgresRestore restore, String snapshot)
            throws IOException, InterruptedException {
        if (RunbookSettings.safeName(run.upgradeKit())) {
            Optional<BackupRecord> own = RunbookRun.kitRecord(context.workspace(), run.upgradeKit());
            if (own.isPresent() && own.get().dumpFile() != null) {
                return run.upgradeKit();
            }
        }
        if (snapshot == null) {
            return null;
        }
        Optional<BackupRecord> named = restore.kitForSnapshot(snapshot);
        if (named.isPresent()) {
            return named.get().runId();
        }
        if (RunbookSettings.safeName(snapshot)) {
            Optional<BackupRecord> byRun = RunbookRun.kitRecord(context.workspace(), snapshot);
            if (byRun.isPresent() && byRun.get().dumpFile() != null) {
                return snapshot;
            }
        }
        return null;
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return context.workspace().exists(marker());
    }
}
