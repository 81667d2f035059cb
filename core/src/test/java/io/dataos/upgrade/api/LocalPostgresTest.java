package io.dataos.upgrade.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.verify.IntegrityBaseline;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The api's throw-away server: SQL as the superuser, an integrity baseline a check can read, gone when closed. */
class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void runsSqlCapturesABaselineAndDeletesItselfWhenClosed() throws Exception {
        Path directory;
        try (LocalPostgres server = LocalPostgres.start()) {
            directory = server.directory();
            assertThat(directory).isDirectory();
            server.sql("postgres", "CREATE DATABASE shop");
            server.sql("shop", "CREATE TABLE public.orders (id integer PRIMARY KEY)",
                    "INSERT INTO public.orders SELECT g FROM generate_series(1, 7) AS g");
            assertThat(server.sql("shop", "SELECT count(*) FROM public.orders")).contains("7");
            assertThat(server.describe("shop")).isEqualTo("postgres@127.0.0.1:" + server.port() + "/shop");
            assertThat(server.jdbcUrl("shop")).doesNotContain(server.password().reveal());

            LocalWorkspace workspace = new LocalWorkspace(dir);
            server.captureIntegrityBaseline("shop", List.of("public.orders"), workspace, "checks/baseline.json");

            IntegrityBaseline baseline = IntegrityBaseline.read(workspace, "checks/baseline.json");
            assertThat(baseline.table("public.orders")).hasValueSatisfying(t -> assertThat(t.rows()).isEqualTo(7));
            assertThat(Files.readString(dir.resolve("checks/baseline.json"))).doesNotContain(server.password().reveal());
        }
        assertThat(directory).doesNotExist();
    }
}
