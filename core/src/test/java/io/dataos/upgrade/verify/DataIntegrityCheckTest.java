package io.dataos.upgrade.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Data-integrity checks against a real PostgreSQL server (Debian's binaries) started for this class. */
class DataIntegrityCheckTest {

    static final List<String> CRITICAL = List.of("public.datasets", "metis.assets");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgresCluster postgres;

    private LocalWorkspace workspace;
    private KeptOutputs.Log log;
    private String database;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgresCluster.start(new LocalCommandRunner(), null);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            // the checks read with their own login, as a read-only role would in production
            s.execute("CREATE ROLE dataos_verify LOGIN PASSWORD '" + TestSecrets.POSTGRES_PASSWORD + "'");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        String name = info.getTestMethod().orElseThrow().getName();
        workspace = new LocalWorkspace(KeptOutputs.dir(getClass(), name));
        log = KeptOutputs.log(getClass(), name);
        database = "dataos_" + DATABASES.incrementAndGet();
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        sql("CREATE SCHEMA metis",
                "CREATE TABLE public.datasets (id int PRIMARY KEY, name text, owner text)",
                "CREATE TABLE metis.assets (urn text PRIMARY KEY, kind text, tags text[])",
                "INSERT INTO public.datasets SELECT g, 'dataset-' || g, 'team-' || (g % 7) FROM generate_series(1, 1000) g",
                "INSERT INTO metis.assets SELECT 'urn:dataos:' || g, 'table', ARRAY['pii', 'gold'] FROM"
                        + " generate_series(1, 250) g",
                "GRANT USAGE ON SCHEMA metis TO dataos_verify",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public, metis TO dataos_verify");
        captureBaseline();
    }

    private static String jdbcUrl(String db) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + db;
    }

    /** A superuser connection, with the cluster's own generated password. */
    private static Connection connect(String db) throws java.sql.SQLException {
        return DriverManager.getConnection(jdbcUrl(db), LocalPostgresCluster.SUPERUSER, postgres.password().reveal());
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void captureBaseline() throws Exception {
        IntegrityBaseline baseline = new CriticalTables(jdbcUrl(database), "dataos_verify",
                Secret.of("postgres-password", TestSecrets.POSTGRES_PASSWORD), Duration.ofSeconds(10))
                .baseline(CRITICAL, Clock.systemUTC());
        baseline.write(workspace, "backups/run-1/integrity-baseline.json");
    }

    private CheckResult verify(IntegrityComparison compare, SecretProvider secrets, List<String> tables)
            throws InterruptedException {
        DataIntegrityCheck check = new DataIntegrityCheck(CheckBasics.of("critical tables", Layer.CLOUD_KERNEL,
                Duration.ofSeconds(10)), jdbcUrl(database), "dataos_verify", null, tables,
                "backups/run-1/integrity-baseline.json", compare);
        CheckResult result = new Verification(new LocalCommandRunner(), secrets, workspace).log(log)
                .run(VerificationPurpose.POST_ROLLBACK, List.of(check), false).results().get(0);
        log.keep("result", result.toString());
        return result;
    }

    private CheckResult verify(IntegrityComparison compare) throws InterruptedException {
        return verify(compare, TestSecrets.provider(), CRITICAL);
    }

    @Test
    void untouchedTablesMatchTheirBaseline() throws Exception {
        CheckResult result = verify(IntegrityComparison.CHECKSUM);

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.message()).startsWith("2 critical table(s) match the baseline of").endsWith("by checksum");
        assertThat(result.evidence()).contains("public.datasets").contains("1000").contains("250").contains("same");
    }

    @Test
    void baselineFileHoldsCountsAndChecksumsButNoPassword() throws Exception {
        String json = Files.readString(workspace.resolve("backups/run-1/integrity-baseline.json"));

        IntegrityBaseline baseline = IntegrityBaseline.read(workspace, "backups/run-1/integrity-baseline.json");

        assertThat(baseline.tables()).extracting(TableFingerprint::rows).containsExactly(1000L, 250L);
        assertThat(baseline.tables()).allSatisfy(t -> assertThat(t.checksum()).matches("[0-9a-f]{32}"));
        assertThat(json).contains(jdbcUrl(database)).doesNotContain(TestSecrets.POSTGRES_PASSWORD);
    }

    @Test
    void lostRowsFailNamingTheTableAndTheCounts() throws Exception {
        sql("DELETE FROM public.datasets WHERE id > 990");

        CheckResult result = verify(IntegrityComparison.CHECKSUM);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("public.datasets has 990 rows, baseline 1000");
        assertThat(verify(IntegrityComparison.NO_ROWS_LOST).message())
                .isEqualTo("public.datasets lost 10 rows (990 now, baseline 1000)");
    }

    @Test
    void changedContentWithTheSameRowCountFailsTheChecksumOnly() throws Exception {
        sql("UPDATE metis.assets SET tags = ARRAY['pii'] WHERE urn = 'urn:dataos:17'");

        assertThat(verify(IntegrityComparison.CHECKSUM).message())
                .isEqualTo("metis.assets has the baseline's 250 rows but different content");
        assertThat(verify(IntegrityComparison.ROW_COUNT).status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void rowsInAnotherPhysicalOrderStillMatch() throws Exception {
        sql("CREATE TABLE public.tmp AS SELECT * FROM public.datasets ORDER BY id DESC",
                "DELETE FROM public.datasets", "INSERT INTO public.datasets SELECT * FROM public.tmp", "DROP TABLE public.tmp");

        assertThat(verify(IntegrityComparison.CHECKSUM).status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void growingLiveTablePassesNoRowsLostButNotRowCount() throws Exception {
        sql("INSERT INTO public.datasets VALUES (1001, 'new', 'team-1')");

        assertThat(verify(IntegrityComparison.NO_ROWS_LOST).status()).isEqualTo(CheckStatus.PASSED);
        assertThat(verify(IntegrityComparison.ROW_COUNT).message()).isEqualTo("public.datasets has 1001 rows,"
                + " baseline 1000");
    }

    @Test
    void wrongPasswordIsAnErrorThatDoesNotShowIt() throws Exception {
        String wrong = TestSecrets.POSTGRES_PASSWORD + "-old";
        SecretProvider stale = name -> Optional.of(Secret.of(name, wrong));

        CheckResult result = verify(IntegrityComparison.CHECKSUM, stale, CRITICAL);

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).contains("password authentication failed for user \"dataos_verify\"")
                .doesNotContain(wrong);
    }

    @Test
    void missingTableIsAnErrorNamingIt() throws Exception {
        sql("DROP TABLE metis.assets");

        CheckResult result = verify(IntegrityComparison.CHECKSUM);

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).contains("relation \"metis.assets\" does not exist");
    }

    @Test
    void tableWithoutABaselineFails() throws Exception {
        sql("CREATE TABLE public.lineage (id int)", "GRANT SELECT ON public.lineage TO dataos_verify");

        CheckResult result = verify(IntegrityComparison.CHECKSUM, TestSecrets.provider(),
                List.of("public.datasets", "public.lineage"));

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("public.lineage is not in the baseline");
    }

    @Test
    void missingBaselineIsAnErrorSayingWhereItWasExpected() throws Exception {
        workspace.delete("backups/run-1/integrity-baseline.json");

        CheckResult result = verify(IntegrityComparison.CHECKSUM);

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).startsWith("no baseline at backups/run-1/integrity-baseline.json");
    }

    @Test
    void tableNamesAreQuotedNeverPastedIntoSql() {
        assertThat(CriticalTables.quote("metis.assets")).isEqualTo("\"metis\".\"assets\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CriticalTables.quote("a; DROP TABLE b"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CriticalTables.quote("a.b.c"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
