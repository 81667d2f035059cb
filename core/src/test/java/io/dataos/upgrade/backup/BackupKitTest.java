package io.dataos.upgrade.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.postgres.TableFingerprint;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.HelmFixtures.Rev;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.values.ManagerValuesFileTest;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup kit against a real PostgreSQL (Debian's binaries) and the faithful fake helm. */
class BackupKitTest {

    static LocalPostgresCluster cluster;
    static PostgresClient admin;
    static int databases;

    @TempDir
    Path dir;
    FakeClis fake;
    LocalWorkspace workspace;
    BackupKit kit;
    PostgresConnection db;
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = LocalPostgresCluster.start(new LocalCommandRunner(), null);
        admin = new PostgresClient(new LocalCommandRunner(), cluster.binDir().toString(), cluster.password(), null);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir.resolve("bin"));
        workspace = new LocalWorkspace(dir.resolve("ws"));
        workspace.write("config/dataos-manager-values.yaml", new String(ManagerValuesFileTest.runbookSample(),
                StandardCharsets.UTF_8).replace("<PRIME_API_KEY>", TestSecrets.PRIME_API_KEY_VALUE)
                .getBytes(StandardCharsets.UTF_8));
        workspace.write("state/platform.json", "{\"version\":\"1.11.4\",\"layers\":{}}".getBytes(StandardCharsets.UTF_8));
        String key = TestSecrets.PRIME_API_KEY_VALUE;
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 6,
                "deployed", "Upgrade complete", "1.11.4"));
        fake.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new Rev(5, "superseded", "1.10.2", "Install complete"),
                new Rev(6, "deployed", "1.11.4", "Upgrade complete"))));
        fake.put("releases/dataos-manager/values-6.yaml", "image:\n  tag: 1.11.4\nprimeApiKey: " + key + "\n"
                + "redisUrl: redis:6379\n");
        fake.put("releases/dataos-manager/manifest-6.yaml", "---\n# Source: dataos-manager/templates/secret.yaml\n"
                + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: dataos-manager-prime\ndata:\n  primeApiKey: \""
                + Base64.getEncoder().encodeToString(key.getBytes()) + "\"\n---\n"
                + "# Source: dataos-manager/templates/statefulset.yaml\napiVersion: apps/v1\nkind: StatefulSet\n"
                + "metadata:\n  name: dataos-manager\n");
        HelmClient helm = new HelmClient(new LocalCommandRunner(), fake.helm(), null, null);
        kit = new BackupKit(workspace, new LocalCommandRunner(), helm,
                TestSecrets.provider(TestSecrets.primeApiKey(), cluster.password()), cluster.binDir().toString(),
                log::add);
        String name = "dataos_" + (++databases);
        admin.createDatabase(cluster.connection("postgres"), name);
        db = cluster.connection(name);
        admin.sql(db, "CREATE TABLE stacks (id serial PRIMARY KEY, name text NOT NULL, version text)",
                "CREATE TABLE audit (at timestamptz DEFAULT now(), what text)",
                "INSERT INTO stacks (name, version) SELECT 'stack-' || g, '1.' || g FROM generate_series(1, 500) g",
                "INSERT INTO audit (at, what) SELECT timestamptz '2024-05-01' + g * interval '1 minute', 'event ' || g"
                        + " FROM generate_series(1, 200) g");
    }

    private BackupKit.Request request(String runId) {
        return new BackupKit.Request(runId, HelmTarget.DATAOS_MANAGER, "config/dataos-manager-values.yaml",
                "state/platform.json", "1.11.4", "dataos-pre-upgrade-1.11.4-to-1.12.0-" + runId, db);
    }

    private Path kitDir(String runId) {
        return workspace.resolve(BackupKit.directoryFor(runId));
    }

    @Test
    void kitHoldsRedactedValuesHelmStatePlatformStateAndADumpUnderAChecksumManifest() throws Exception {
        BackupRecord record = kit.create(request("run-1"));

        Path kitDir = kitDir("run-1");
        assertThat(record.helmRevision()).isEqualTo(6);
        assertThat(record.helmHistory()).extracting(BackupRecord.Revision::revision).containsExactly(5, 6);
        assertThat(record.files()).containsExactly("values/dataos-manager-values.yaml", "helm/revisions.json",
                "helm/values-rev6.yaml", "helm/manifest-rev6.yaml", "platform/platform.json",
                "postgres/" + db.database() + ".dump");
        assertThat(Files.readString(kitDir.resolve("values/dataos-manager-values.yaml")))
                .contains("primeApiKey: <from credential prime-api-key> # DataOS Prime API key")
                .contains("    tag: 1.11.4 # Update the DataOS Manager tag version to the latest one");
        assertThat(Files.readString(kitDir.resolve("helm/values-rev6.yaml")))
                .isEqualTo("image:\n  tag: 1.11.4\nprimeApiKey: <from credential prime-api-key>\nredisUrl: redis:6379\n");
        assertThat(Files.readString(kitDir.resolve("helm/manifest-rev6.yaml")))
                .contains("primeApiKey: <redacted secret>", "kind: StatefulSet");
        List<String> manifest = Files.readAllLines(kitDir.resolve(BackupKit.MANIFEST));
        assertThat(manifest).hasSize(7).allMatch(l -> l.matches("[0-9a-f]{64}  \\S+"));
        assertThat(manifest).anyMatch(l -> l.endsWith("  kit.json"));
        assertThat(kit.verify("run-1")).isEqualTo(record);
        assertThat(Files.getPosixFilePermissions(kitDir.resolve("values/dataos-manager-values.yaml")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertNoSecretIn(kitDir);
    }

    @Test
    void restoreCheckRestoresTheDumpIntoAScratchDatabaseAndDropsIt() throws Exception {
        Map<String, TableFingerprint> source = admin.fingerprints(db);
        kit.create(request("run-2"));

        RestoreCheck check = kit.restoreCheck("run-2", cluster.connection("postgres"));

        assertThat(check.tables()).isEqualTo(source);
        assertThat(check.tables().get("public.stacks").rows()).isEqualTo(500);
        assertThat(check.tocEntries()).isGreaterThanOrEqualTo(4);
        assertThat(admin.databaseExists(cluster.connection("postgres"), check.scratchDatabase())).isFalse();
        assertThat(kitDir("run-2").resolve(BackupKit.RESTORE_CHECK)).exists();
    }

    @Test
    void corruptedDumpIsDetectedAndRefusedBeforeAnythingIsRestored() throws Exception {
        kit.create(request("run-3"));
        Path dump = kitDir("run-3").resolve("postgres/" + db.database() + ".dump");
        try (RandomAccessFile file = new RandomAccessFile(dump.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0xFF);
        }
        Map<String, TableFingerprint> before = admin.fingerprints(db);

        assertThatThrownBy(() -> kit.restoreCheck("run-3", cluster.connection("postgres")))
                .isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("postgres/" + db.database() + ".dump no longer match MANIFEST.sha256")
                .satisfies(e -> assertThat(((CorruptBackupException) e).files())
                        .containsExactly("postgres/" + db.database() + ".dump"));
        assertThatThrownBy(() -> new PostgresRestore(kit, workspace).restore("run-3", db))
                .isInstanceOf(CorruptBackupException.class);
        assertThat(admin.databaseExists(cluster.connection("postgres"), BackupKit.scratchName("run-3"))).isFalse();
        assertThat(admin.fingerprints(db)).isEqualTo(before);
    }

    @Test
    void missingFileOrManifestIsRefused() throws Exception {
        kit.create(request("run-4"));
        Files.delete(kitDir("run-4").resolve("helm/values-rev6.yaml"));

        assertThatThrownBy(() -> kit.verify("run-4")).isInstanceOf(CorruptBackupException.class)
                .satisfies(e -> assertThat(((CorruptBackupException) e).files()).containsExactly("helm/values-rev6.yaml"));

        Files.delete(kitDir("run-4").resolve(BackupKit.MANIFEST));
        assertThatThrownBy(() -> kit.verify("run-4")).isInstanceOf(CorruptBackupException.class)
                .hasMessageContaining("MANIFEST.sha256 is missing");
    }

    @Test
    void backUpChangeDataThenRestoreTheTargetVersionGivesBackTheBackedUpData() throws Exception {
        Map<String, TableFingerprint> backedUp = admin.fingerprints(db);
        kit.create(request("run-5"));
        admin.sql(db, "DELETE FROM stacks WHERE id % 3 = 0", "UPDATE audit SET what = 'changed by the upgrade'",
                "CREATE TABLE introduced_by_upgrade (x int)", "INSERT INTO introduced_by_upgrade VALUES (1)");
        Map<String, TableFingerprint> changed = admin.fingerprints(db);
        assertThat(changed).isNotEqualTo(backedUp);

        PostgresRestore.Result result = new PostgresRestore(kit, workspace).restoreVersion("1.11.4", db);

        assertThat(result.runId()).isEqualTo("run-5");
        assertThat(admin.fingerprints(db)).isEqualTo(backedUp);
        assertThat(result.tables()).isEqualTo(backedUp);
        assertThat(admin.fingerprints(cluster.connection(result.previousDatabaseKeptAs()))).isEqualTo(changed);
        assertThatThrownBy(() -> new PostgresRestore(kit, workspace).restoreVersion("0.9.0", db))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no backup kit");
        assertThat(new PostgresRestore(kit, workspace).kitForSnapshot("dataos-pre-upgrade-1.11.4-to-1.12.0-run-5")
                .orElseThrow().runId()).isEqualTo("run-5");
        assertThatThrownBy(() -> new PostgresRestore(kit, workspace).restoreSnapshot("unknown", db))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'unknown'");
    }

    @Test
    void failingDumpKeepsPgDumpsErrorWithoutThePassword() throws Exception {
        BackupKit.Request wrongDatabase = new BackupKit.Request("run-6", HelmTarget.DATAOS_MANAGER,
                "config/dataos-manager-values.yaml", null, null, null, cluster.connection("no_such_db"));

        assertThatThrownBy(() -> kit.create(wrongDatabase)).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("database \"no_such_db\" does not exist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(cluster.password().reveal()));
        assertThat(kitDir("run-6").resolve(BackupKit.MANIFEST)).doesNotExist();
    }

    @Test
    void completeKitIsNeverOverwritten() throws Exception {
        kit.create(request("run-7"));

        assertThatThrownBy(() -> kit.create(request("run-7"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never overwritten");
    }

    private void assertNoSecretIn(Path root) throws Exception {
        List<String> secrets = List.of(TestSecrets.PRIME_API_KEY_VALUE, cluster.password().reveal(),
                Base64.getEncoder().encodeToString(TestSecrets.PRIME_API_KEY_VALUE.getBytes()));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertThat(content).as(file.toString()).doesNotContain(secret);
                }
            }
        }
        assertThat(String.join("\n", log)).doesNotContain(secrets);
    }
}
