package io.dataos.upgrade.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.postgres.TableFingerprint;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ChildJvm;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database restore killed (SIGKILL, a real child JVM) after each of its external commands,
 * against a real PostgreSQL: running the restore again must always end with {@code dataos}
 * holding the backed-up data, the database it replaced kept exactly once, and no restore copy
 * left behind.
 */
class RestoreKillPointsTest {

    private static final String KIT = "kit-run";

    static LocalPostgresCluster cluster;
    static PostgresClient admin;

    @TempDir
    static Path dir;
    static LocalWorkspace workspace;
    static BackupKit kit;

    @BeforeAll
    static void startPostgresAndTakeAKit() throws Exception {
        cluster = LocalPostgresCluster.start(new LocalCommandRunner(), null);
        admin = new PostgresClient(new LocalCommandRunner(), cluster.binDir().toString(), cluster.password(), null);
        FakeClis fake = FakeClis.install(dir.resolve("bin"));
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 6,
                "deployed", "Upgrade complete", "1.11.4"));
        fake.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new HelmFixtures.Rev(6, "deployed", "1.11.4", "Upgrade complete"))));
        fake.put("releases/dataos-manager/values-6.yaml", "image:\n  tag: 1.11.4\n");
        fake.put("releases/dataos-manager/manifest-6.yaml", "---\nkind: StatefulSet\n");
        workspace = new LocalWorkspace(dir.resolve("ws"));
        workspace.write("config/values.yaml", "image:\n  tag: 1.11.4\n".getBytes(StandardCharsets.UTF_8));
        kit = new BackupKit(workspace, new LocalCommandRunner(), new HelmClient(new LocalCommandRunner(), fake.helm(),
                null, null), TestSecrets.provider(cluster.password()), cluster.binDir().toString(), null);
        createDataos();
        kit.create(new BackupKit.Request(KIT, HelmTarget.DATAOS_MANAGER, "config/values.yaml", null, "1.11.4",
                "snap", cluster.connection("dataos")));
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void createDataos() throws Exception {
        admin.createDatabase(cluster.connection("postgres"), "dataos");
        admin.sql(cluster.connection("dataos"), "CREATE TABLE stacks (id serial PRIMARY KEY, name text)",
                "INSERT INTO stacks (name) SELECT 'stack-' || g FROM generate_series(1, 300) g");
    }

    /** Drops every dataos* database, recreates dataos as backed up, and changes it as an upgrade would. */
    private static Map<String, TableFingerprint> freshChangedDataos() throws Exception {
        for (String name : dataosDatabases()) {
            admin.dropDatabase(cluster.connection("postgres"), name);
        }
        createDataos();
        admin.sql(cluster.connection("dataos"), "DELETE FROM stacks WHERE id % 2 = 0",
                "CREATE TABLE introduced_by_upgrade (x int)");
        return admin.fingerprints(cluster.connection("dataos"));
    }

    private static List<String> dataosDatabases() throws Exception {
        return admin.sql(cluster.connection("postgres"),
                "SELECT datname FROM pg_database WHERE datname LIKE 'dataos%' ORDER BY 1");
    }

    private ChildJvm start(int haltAfter) throws Exception {
        return ChildJvm.start(RestoreProcessMain.class, workspace.resolve("").toString(),
                cluster.binDir().toString(), String.valueOf(cluster.port()), cluster.password().reveal(), KIT,
                String.valueOf(haltAfter));
    }

    @Test
    void restoreKilledAfterAnyOfItsCommandsFinishesWhenRunAgainKeepingThePreviousDatabaseOnce() throws Exception {
        freshChangedDataos();
        Map<String, TableFingerprint> backedUp = kit.restoreCheck(KIT, cluster.connection("postgres")).tables();
        ChildJvm reference = start(0);
        String done = reference.awaitLine("RESULT ");
        assertThat(reference.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        int commands = Integer.parseInt(done.replaceAll("\\D", ""));

        Map<Integer, String> killedAfter = new TreeMap<>();
        for (int point = 1; point <= commands; point++) {
            Map<String, TableFingerprint> changed = freshChangedDataos();
            ChildJvm child = start(point);
            String line = child.awaitLine("HALTED ");
            child.process().destroyForcibly(); // SIGKILL on Linux
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            String when = "killed after " + line.substring("HALTED ".length());
            killedAfter.put(point, line.split(" ")[2]);

            PostgresRestore.Result result = new PostgresRestore(kit, workspace).restore(KIT,
                    cluster.connection("dataos"));

            assertThat(admin.fingerprints(cluster.connection("dataos"))).as(when).isEqualTo(backedUp);
            assertThat(result.tables()).as(when).isEqualTo(backedUp);
            List<String> left = dataosDatabases();
            assertThat(left).as(when + ": dataos and the one database it replaced, no restore copy")
                    .containsExactly("dataos", result.previousDatabaseKeptAs());
            assertThat(admin.fingerprints(cluster.connection(result.previousDatabaseKeptAs()))).as(when)
                    .isEqualTo(changed);
        }
        System.out.println("restore kill points: " + killedAfter.size() + " (after each external command): "
                + killedAfter);
        assertThat(killedAfter.values()).anyMatch(p -> p.contains("rename"));
    }
}
