package io.dataos.upgrade.backup;

import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.postgres.TableFingerprint;
import io.dataos.upgrade.workspace.Workspace;
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
     * {@code DB_restore_STAMP}, then rename {@code DB} to {@code DB_pre_rollback_STAMP} and the restored
     * one to {@code DB}. A failure before the swap leaves the current database untouched.
     */
    public Result restore(String runId, PostgresConnection target) throws IOException, InterruptedException {
        BackupRecord kit = kits.verify(runId);
        if (kit.dumpFile() == null) {
            throw new InvalidInputException("backup kit " + runId, "dumpFile", "the kit holds no database dump");
        }
        String dump = workspace.absolute(BackupKit.directoryFor(runId) + "/" + kit.dumpFile());
        PostgresClient postgres = kits.postgres();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String database = target.database();
        String restored = suffixed(database, "_restore_" + stamp);
        String kept = suffixed(database, "_pre_rollback_" + stamp);

        postgres.createDatabase(target, restored);
        Map<String, TableFingerprint> tables;
        try {
            postgres.restore(target.withDatabase(restored), dump, false);
            tables = postgres.fingerprints(target.withDatabase(restored));
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.dropDatabase(target, restored);
            throw e;
        }
        postgres.renameDatabase(target, database, kept);
        try {
            postgres.renameDatabase(target, restored, database);
        } catch (IOException | RuntimeException e) {
            postgres.renameDatabase(target, kept, database); // put the previous database back
            throw e;
        }
        return new Result(runId, database, kept, tables);
    }

    private static String suffixed(String database, String suffix) {
        String prefix = database.length() + suffix.length() > 63 ? database.substring(0, 63 - suffix.length()) : database;
        return prefix + suffix;
    }
}
