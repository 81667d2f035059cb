package io.dataos.upgrade.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.helm.ReleaseHistory;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.postgres.TableFingerprint;
import io.dataos.upgrade.process.CapturedOutput;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.values.SecretReferences;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runbook's "backup and safeguard" before any change: one directory per run
 * ({@code .dataos-upgrade/runs/RUN/backup/}) holding the dataos-manager values file with secrets
 * replaced by references, the Helm release's revision numbers, values and manifest, the installed
 * platform state, a PostgreSQL dump ({@code pg_dump -Fc}) and a {@code MANIFEST.sha256} over all of
 * it ({@code sha256sum -c} format). {@link #restoreCheck} proves the dump restores before the
 * upgrade may proceed; a kit that no longer matches its manifest is refused.
 */
public final class BackupKit {

    public static final String RUNS_DIR = ".dataos-upgrade/runs";
    public static final String MANIFEST = "MANIFEST.sha256";
    public static final String RECORD = "kit.json";
    public static final String RESTORE_CHECK = "restore-check.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration CHECKSUM_TIMEOUT = Duration.ofHours(1);

    /**
     * What to back up.
     *
     * @param valuesFile workspace-relative dataos-manager values file (before the tag update)
     * @param platformStateFile workspace-relative installed platform state, or null
     * @param platformVersion the DataOS version installed now (the rollback target this kit serves), or null
     * @param snapshot the name the plan gives this backup (the BACKUP action's {@code snapshot}
     *     parameter, e.g. {@code dataos-pre-upgrade-1.11.4-to-1.12.0}), or null
     * @param database the DataOS database to dump, or null when there is none to protect
     */
    public record Request(String runId, HelmTarget target, String valuesFile, String platformStateFile,
            String platformVersion, String snapshot, PostgresConnection database) {

        public Request {
            Objects.requireNonNull(runId, "runId");
            if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new io.dataos.upgrade.api.InvalidInputException("backup", "runId", "'" + runId
                        + "' cannot name a directory: use letters, digits, '.', '_' and '-'");
            }
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(valuesFile, "valuesFile");
        }
    }

    private final Workspace workspace;
    private final CommandRunner runner;
    private final HelmClient helm;
    private final SecretProvider secrets;
    private final String postgresBinDir;
    private final Consumer<String> log;

    /**
     * @param postgresBinDir directory of pg_dump/pg_restore/psql, null to take them from PATH
     */
    public BackupKit(Workspace workspace, CommandRunner runner, HelmClient helm, SecretProvider secrets,
            String postgresBinDir, Consumer<String> log) {
        this.workspace = Objects.requireNonNull(workspace);
        this.runner = Objects.requireNonNull(runner);
        this.helm = Objects.requireNonNull(helm);
        this.secrets = Objects.requireNonNull(secrets);
        this.postgresBinDir = postgresBinDir;
        this.log = log == null ? line -> { } : log;
    }

    /** The kit directory of {@code runId}, workspace-relative. */
    public static String directoryFor(String runId) {
        return RUNS_DIR + "/" + runId + "/backup";
    }

    /** Takes the backup and writes its checksum manifest; returns what the kit holds. */
    public BackupRecord create(Request request) throws IOException, InterruptedException {
        String dir = directoryFor(request.runId());
        if (workspace.exists(dir + "/" + MANIFEST)) {
            throw new IllegalStateException("backup kit " + dir + " already exists and is complete: a backup is never"
                    + " overwritten; start a new run to take another");
        }
        workspace.delete(dir); // an unfinished earlier attempt of this run: start it again
        workspace.mkdirs(dir);
        List<Secret> known = knownSecrets();
        List<String> files = new ArrayList<>();

        String valuesName = "values/" + fileName(request.valuesFile());
        byte[] values = SecretReferences.redact(request.valuesFile(), workspace.read(request.valuesFile()), known);
        write(dir, valuesName, values, files);

        HelmTarget target = request.target();
        Optional<HelmRelease> release = helm.status(target.release(), target.namespace());
        ReleaseHistory history = helm.history(target.release(), target.namespace());
        List<BackupRecord.Revision> revisions = history.revisions().stream()
                .map(r -> new BackupRecord.Revision(r.revision(), r.status(), r.chart(), r.appVersion())).toList();
        if (release.isPresent()) {
            int revision = release.get().revision();
            write(dir, "helm/revisions.json", JSON.writeValueAsBytes(Map.of("release", target.release(),
                    "namespace", target.namespace(), "currentRevision", revision, "status", release.get().status(),
                    "history", revisions)), files);
            String releaseValues = helm.getValues(target.release(), target.namespace(), revision, known);
            write(dir, "helm/values-rev" + revision + ".yaml", SecretReferences.redact("helm get values",
                    SecretReferences.fromMaskedOutput(releaseValues).getBytes(StandardCharsets.UTF_8), known), files);
            String manifest = helm.getManifest(target.release(), target.namespace(), revision, known);
            write(dir, "helm/manifest-rev" + revision + ".yaml", SecretReferences.redactManifest("helm get manifest",
                    SecretReferences.fromMaskedOutput(manifest), known).getBytes(StandardCharsets.UTF_8), files);
        }

        String stateName = null;
        if (request.platformStateFile() != null) {
            stateName = "platform/" + fileName(request.platformStateFile());
            String state = new String(workspace.read(request.platformStateFile()), StandardCharsets.UTF_8);
            write(dir, stateName, Secret.mask(state, known).getBytes(StandardCharsets.UTF_8), files);
        }

        String dumpName = null;
        if (request.database() != null) {
            dumpName = "postgres/" + request.database().database() + ".dump";
            workspace.mkdirs(dir + "/postgres");
            log.accept("pg_dump of " + request.database().describe() + " into " + dir + "/" + dumpName);
            postgres().dump(request.database(), workspace.absolute(dir + "/" + dumpName));
            files.add(dumpName);
        }

        BackupRecord record = new BackupRecord(request.runId(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                request.platformVersion(), request.snapshot(), target.release(), target.namespace(),
                release.map(HelmRelease::revision).orElse(null), release.map(HelmRelease::status).orElse(null),
                release.map(HelmRelease::chart).orElse(null), release.map(HelmRelease::appVersion).orElse(null),
                revisions, valuesName, stateName, request.database() == null ? null : request.database().describe(),
                dumpName, List.copyOf(files));
        write(dir, RECORD, JSON.writeValueAsBytes(record), files);
        writeManifest(dir, files);
        return record;
    }

    /** The record of the kit of {@code runId}, after checking it against its manifest. */
    public BackupRecord verify(String runId) throws IOException, InterruptedException {
        String dir = directoryFor(runId);
        if (!workspace.exists(dir + "/" + MANIFEST)) {
            throw new CorruptBackupException(dir, List.of(), MANIFEST + " is missing (the backup never finished)");
        }
        Command check = new Command(List.of("sha256sum", "--check", "--strict", MANIFEST), Map.of(),
                Path.of(workspace.absolute(dir)), CHECKSUM_TIMEOUT, List.of());
        CapturedOutput out = CapturedOutput.run(runner, check, line -> { });
        if (!out.succeeded()) {
            List<String> failed = out.lines().stream().filter(l -> l.contains(": FAILED"))
                    .map(l -> l.substring(0, l.lastIndexOf(": FAILED"))).toList();
            throw new CorruptBackupException(dir, failed, out.errorSummary());
        }
        return JSON.readValue(workspace.read(dir + "/" + RECORD), BackupRecord.class);
    }

    /**
     * Proves the kit's dump restores: checks the manifest, lists the archive, restores it into a
     * scratch database on the same server, fingerprints every table, and drops the scratch
     * database again (also on failure). The result is written to the kit as
     * {@value #RESTORE_CHECK}.
     *
     * @throws CorruptBackupException when the kit does not match its manifest
     * @throws CommandFailedException with pg_restore's own error when the dump does not restore
     */
    public RestoreCheck restoreCheck(String runId, PostgresConnection server)
            throws IOException, InterruptedException {
        BackupRecord record = verify(runId);
        if (record.dumpFile() == null) {
            throw new IllegalStateException("backup kit of run " + runId + " holds no database dump to check");
        }
        String dump = workspace.absolute(directoryFor(runId) + "/" + record.dumpFile());
        PostgresClient postgres = postgres();
        int toc = postgres.list(dump).size();
        String scratch = scratchName(runId);
        postgres.dropDatabase(server, scratch);
        postgres.createDatabase(server, scratch);
        Map<String, TableFingerprint> tables;
        try {
            postgres.restore(server.withDatabase(scratch), dump, true);
            tables = postgres.fingerprints(server.withDatabase(scratch));
        } finally {
            postgres.dropDatabase(server, scratch);
        }
        RestoreCheck result = new RestoreCheck(runId, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                scratch, toc, tables);
        workspace.writePrivate(directoryFor(runId) + "/" + RESTORE_CHECK, JSON.writeValueAsBytes(result));
        log.accept("restore check of run " + runId + ": dump restored into " + scratch + " (" + tables.size()
                + " tables), scratch database dropped");
        return result;
    }

    /** The records of every complete kit in the workspace, oldest run first by creation time. */
    public List<BackupRecord> list() throws IOException, InterruptedException {
        List<BackupRecord> records = new ArrayList<>();
        for (String run : workspace.list(RUNS_DIR)) {
            String record = directoryFor(run) + "/" + RECORD;
            if (workspace.exists(directoryFor(run) + "/" + MANIFEST) && workspace.exists(record)) {
                records.add(JSON.readValue(workspace.read(record), BackupRecord.class));
            }
        }
        records.sort(java.util.Comparator.comparing(BackupRecord::createdAt));
        return records;
    }

    /** A client for the PostgreSQL tools with the database password from the secret provider. */
    PostgresClient postgres() {
        return new PostgresClient(runner, postgresBinDir, secrets.require(PostgresConnection.PASSWORD_SECRET), log);
    }

    static String scratchName(String runId) {
        String name = ("dataos_restore_check_" + runId.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private List<Secret> knownSecrets() {
        List<Secret> known = new ArrayList<>();
        secrets.find(ManagerUpgrade.PRIME_API_KEY).ifPresent(known::add);
        secrets.find(PostgresConnection.PASSWORD_SECRET).ifPresent(known::add);
        return known;
    }

    private void write(String dir, String name, byte[] content, List<String> files)
            throws IOException, InterruptedException {
        workspace.writePrivate(dir + "/" + name, content);
        files.add(name);
    }

    private void writeManifest(String dir, List<String> files) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("sha256sum", "--"));
        argv.addAll(files);
        Command sum = new Command(argv, Map.of(), Path.of(workspace.absolute(dir)), CHECKSUM_TIMEOUT, List.of());
        CapturedOutput out = CapturedOutput.run(runner, sum, line -> { });
        if (!out.succeeded() || out.lines().size() != files.size()) {
            throw new CommandFailedException("sha256sum of the backup kit " + dir, out);
        }
        workspace.writePrivate(dir + "/" + MANIFEST, (String.join("\n", out.lines()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String fileName(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? relative : relative.substring(slash + 1);
    }
}
