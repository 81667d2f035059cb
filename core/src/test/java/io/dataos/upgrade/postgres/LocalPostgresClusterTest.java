package io.dataos.upgrade.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalPostgresClusterTest {

    static LocalPostgresCluster cluster;
    static PostgresClient client;
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalPostgresCluster.start(new LocalCommandRunner(), log::add);
        client = new PostgresClient(new LocalCommandRunner(), cluster.binDir().toString(), cluster.password(),
                log::add);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void serverListensOnLoopbackWithPasswordAuthentication() throws Exception {
        PostgresConnection db = cluster.connection("postgres");

        assertThat(client.sql(db, "SHOW listen_addresses")).containsExactly("127.0.0.1");
        assertThat(client.sql(db, "SHOW password_encryption")).containsExactly("scram-sha-256");
        PostgresClient wrongPassword = new PostgresClient(new LocalCommandRunner(), cluster.binDir().toString(),
                Secret.of("postgres-password", "not-the-password"), null);
        assertThatThrownBy(() -> wrongPassword.sql(db, "SELECT 1")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("password authentication failed for user \"postgres\"");
        assertThat(String.join("\n", log)).doesNotContain(cluster.password().reveal());
    }

    @Test
    void fingerprintsChangeWithDataAndNotWithRowOrder() throws Exception {
        PostgresConnection server = cluster.connection("postgres");
        client.createDatabase(server, "fp");
        PostgresConnection fp = cluster.connection("fp");
        client.sql(fp, "CREATE TABLE a (id int, name text)", "INSERT INTO a VALUES (1, 'x'), (2, 'y')");
        Map<String, TableFingerprint> first = client.fingerprints(fp);

        client.sql(fp, "DELETE FROM a WHERE id = 1", "INSERT INTO a VALUES (1, 'x')");
        Map<String, TableFingerprint> reordered = client.fingerprints(fp);
        client.sql(fp, "UPDATE a SET name = 'z' WHERE id = 2");
        Map<String, TableFingerprint> changed = client.fingerprints(fp);

        assertThat(first.get("public.a").rows()).isEqualTo(2);
        assertThat(reordered).isEqualTo(first);
        assertThat(changed.get("public.a").md5()).isNotEqualTo(first.get("public.a").md5());
        client.dropDatabase(server, "fp");
        assertThat(client.databaseExists(server, "fp")).isFalse();
    }

    @Test
    void closeStopsTheServerAndDeletesItsDirectory() throws Exception {
        LocalPostgresCluster second = LocalPostgresCluster.start(new LocalCommandRunner(), null);
        Path dir = second.logFile().getParent();
        PostgresClient secondClient = new PostgresClient(new LocalCommandRunner(), second.binDir().toString(),
                second.password(), null);
        assertThat(secondClient.sql(second.connection("postgres"), "SELECT 41 + 1")).containsExactly("42");

        second.close();

        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(() -> secondClient.sql(second.connection("postgres"), "SELECT 1"))
                .isInstanceOf(CommandFailedException.class);
    }
}
