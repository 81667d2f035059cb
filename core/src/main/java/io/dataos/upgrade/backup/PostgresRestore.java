package io.dataos.upgrade.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.postgres.TableFingerprint;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runbook rollback, Cloud Kernel step 3: "restore data from a snapshot matching the target version".
 * Finds the backup kit taken while the target version was installed, checks it against its
 * manifest, restores its dump into a new database, and only when that fully succeeded swaps it in
 * place of the current database, which is kept (renamed) as evidence for the root-cause analysis.
 */
public final class PostgresRestore {

    /** What a restore did: which kit, which database now holds the restored data, where the old one went. */
    public record Result(String runId, String database, String previousDatabaseKeptAs,
            Map<String, TableFingerprint> tables) {

        public Result {
            tables = Map.copyOf(tables);
        }
    }

    /** Workspace-relative folder of the swap records of restores under way, one per database. */
    public static final String SWAPS_DIR = ".dataos-upgrade/restores";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackupKit kits;
    private final Workspace workspace;

    public PostgresRestore(BackupKit kits, Workspace workspace) {
        this.kits = Objects.requireNonNull(kits);
        this.workspace = Objects.requireNonNull(workspace);
    }

    /** The newest kit with a dump that was taken while {@code version} was installed. */
    public Optional<BackupRecord> kitFor(String version) throws IOException, InterruptedException {
        List<BackupRecord> all = kits.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).matchesVersion(version) && all.get(i).dumpFile() != null) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The kit the plan named {@code snapshot} (the BACKUP action's snapshot parameter), if it has a dump. */
    public Optional<BackupRecord> kitForSnapshot(String snapshot) throws IOException, InterruptedException {
        List<BackupRecord> all = kits.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (snapshot != null && snapshot.equals(all.get(i).snapshot()) && all.get(i).dumpFile() != null) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Restores the database of {@code target} from the kit named {@code snapshot} (the
     * RESTORE_POSTGRES action's snapshot parameter).
     *
     * @throws InvalidInputException when no kit has that name
     */
    public Result restoreSnapshot(String snapshot, PostgresConnection target) throws IOException, InterruptedException {
        BackupRecord kit = kitForSnapshot(snapshot).orElseThrow(() -> new InvalidInputException("rollback target",
                "snapshot", "no backup kit with a database dump is named '" + snapshot + "': restore from the"
                        + " platform's own snapshot of that name, or name a kit that exists"));
        return restore(kit.runId(), target);
    }

    /**
     * Restores the database of {@code target} from the kit matching {@code version}.
     *
     * @throws InvalidInputException when no kit matches the version
     * @throws CorruptBackupException when the matching kit fails its checksums (nothing is changed)
     */
    public Result restoreVersion(String version, PostgresConnection target) throws IOException, InterruptedException {
        BackupRecord kit = kitFor(version).orElseThrow(() -> new InvalidInputException("rollback target", "version",
                "no backup kit with a database dump was taken while " + version + " was installed: restore the"
                        + " database from the platform's own snapshots, or pick a version a kit exists for"));
        return restore(kit.runId(), target);
    }

    /**
     * Restores the database of {@code target} from the kit of {@code runId}: verify, restore into
     * {@code DB_restore_STAMP}, then in one transaction rename {@code DB} to
     * {@code DB_pre_rollback_STAMP} and the restored one to {@code DB}. A failure before the swap
     * leaves the current database untouched. The names are recorded in a swap record
     * ({@link #swapRecordFor}) before the first change, so running this again after the process was
     * killed at any point finishes the job: a committed swap is taken as done, and a restore copy
     * that was never swapped in is dropped and made again. The previous database is kept exactly once.
     */
    public Result restore(String runId, PostgresConnection target) throws IOException, InterruptedException {
        BackupRecord kit = kits.verify(runId);
        if (kit.dumpFile() == null) {
            throw new InvalidInputException("backup kit " + runId, "dumpFile", "the kit holds no database dump");
        }
        PostgresClient postgres = kits.postgres();
        String database = target.database();
        Optional<Result> earlier = settleEarlierSwap(postgres, target);
        if (earlier.isPresent() && earlier.get().runId().equals(runId)) {
            return earlier.get();
        }
        String dump = workspace.absolute(BackupKit.directoryFor(runId) + "/" + kit.dumpFile());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        SwapRecord swap = new SwapRecord(runId, database, suffixed(database, "_restore_" + stamp),
                suffixed(database, "_pre_rollback_" + stamp));
        workspace.writePrivate(swapRecordFor(database), JSON.writeValueAsBytes(swap));

        postgres.createDatabase(target, swap.restored());
        Map<String, TableFingerprint> tables;
        try {
            postgres.restore(target.withDatabase(swap.restored()), dump, false);
            tables = postgres.fingerprints(target.withDatabase(swap.restored()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.dropDatabase(target, swap.restored());
            workspace.delete(swapRecordFor(database));
            throw e;
        }
        postgres.swapDatabases(target, database, swap.restored(), swap.keptAs());
        workspace.delete(swapRecordFor(database));
        return new Result(runId, database, swap.keptAs(), tables);
    }

    /**
     * Where the swap record of {@code database} lives while a restore of it is under way,
     * workspace-relative; it is deleted once the swap has committed or the restore has failed.
     */
    public static String swapRecordFor(String database) {
        return SWAPS_DIR + "/" + database + ".json";
    }

    /**
     * Finishes what a killed restore of {@code target}'s database left: when the swap committed
     * (the kept database exists, the restore copy does not) that restore is done and is returned;
     * otherwise its restore copy, complete or not, is dropped. The swap record is then removed.
     */
    private Optional<Result> settleEarlierSwap(PostgresClient postgres, PostgresConnection target)
            throws IOException, InterruptedException {
        String file = swapRecordFor(target.database());
        if (!workspace.exists(file)) {
            return Optional.empty();
        }
        SwapRecord swap;
        try {
            swap = JSON.readValue(workspace.read(file), SwapRecord.class);
        } catch (JsonProcessingException torn) {
            // Written before the first change: a torn record means nothing was changed yet.
            workspace.delete(file);
            return Optional.empty();
        }
        Optional<Result> done = Optional.empty();
        if (postgres.databaseExists(target, swap.keptAs()) && !postgres.databaseExists(target, swap.restored())) {
            done = Optional.of(new Result(swap.kit(), swap.database(), swap.keptAs(), postgres.fingerprints(target)));
        } else {
            postgres.dropDatabase(target, swap.restored());
        }
        workspace.delete(file);
        return done;
    }

    /** The names a restore of {@code database} uses, recorded before its first change. */
    record SwapRecord(String kit, String database, String restored, String keptAs) {
    }

    private static String suffixed(String database, String suffix) {
        String prefix = database.length() + suffix.length() > 63 ? database.substring(0, 63 - suffix.length()) : database;
        return prefix + suffix;
    }
}
