package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.LocalPostgres;
import io.dataos.upgrade.api.RunbookStatus;
import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole rehearsal against real Helm, the sandbox API and a real PostgreSQL, once per fault.
 * Most tests share one server (each rehearsal gets its own database); the ones about the server's
 * life cycle let the rehearsal start and stop its own, as the command line does.
 */
@Timeout(180)
class RehearsalTest {

    /** The rehearsal's generated Prime key, plain and base64 ("rehearsal" encodes to cmVoZWFyc2Fs). */
    private static final Pattern KEY = Pattern.compile("rehearsal-[0-9a-f]{24}|cmVoZWFyc2Fs");

    private static LocalPostgres shared;

    @TempDir
    Path dir;

    private final List<String> printed = new CopyOnWriteArrayList<>();
    /** Database passwords of the servers this test used, searched for in every file and line. */
    private final List<Secret> passwords = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSharedPostgres() throws Exception {
        shared = LocalPostgres.start();
    }

    @AfterAll
    static void stopSharedPostgres() throws Exception {
        if (shared != null) {
            shared.close();
        }
    }

    private RehearsalResult rehearse(RehearsalFault fault) throws Exception {
        passwords.add(shared.password());
        return new Rehearsal(new RehearsalOptions(dir, fault), printed::add)
                .withSharedPostgres(shared, database(fault)).run();
    }

    private static String database(RehearsalFault fault) {
        return "dataos_" + fault.name().toLowerCase(Locale.ROOT);
    }

    private static long count(String database, String query) throws Exception {
        return Long.parseLong(shared.sql(database, query).stream()
                .filter(l -> l.matches("\\d+")).findFirst().orElseThrow());
    }

    @Test
    void validationFaultIsRolledBackDataRestoredFromTheKitsDumpAndVerified() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.VALIDATION);

        assertThat(result.upgrade()).isEqualTo(RunbookStatus.FAILED);
        assertThat(result.failedAction()).isEqualTo("verify.validate");
        assertThat(result.rollback()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.finalImageTag()).isEqualTo("1.4.0-d1a2b3c");
        assertThat(result.finalRevision()).isEqualTo(3);
        assertThat(result.asExpected()).isTrue();
        String report = Files.readString(result.report());
        assertThat(report).startsWith("# REHEARSAL").contains("Rollback to 1", "verify.validate", "answered HTTP 503",
                "approved automatically", "Root cause analysis", "Stakeholder debrief",
                "run `rehearsal-upgrade-rollback` (SUCCEEDED");
        // The operator's files, as an operator writes them: the production runbooks read these.
        assertThat(dir.resolve("workspace/dataos-upgrade.yaml")).content()
                .contains("kind: RunbookSettings", "checks: checks/sandbox-checks.yaml", "kubeconfig: ",
                        "reinstallStack: [" + SandboxCommandRunner.SIMULATOR);
        assertThat(dir.resolve("workspace/checks/sandbox-checks.yaml")).content().contains("type: dataIntegrity");
        assertThat(dir.resolve("workspace/" + OperatorFiles.ROLLBACK_TO + "")).content()
                .contains("- \"" + SandboxCommandRunner.SIMULATOR + "\"\n    - \"terraform\"");
        // What the production runbooks left: both runs' reports, the validation's evidence, both journals.
        assertThat(dir.resolve("workspace/dataos-upgrade/reports/rehearsal-upgrade-rollback/rca-report.md")).exists();
        assertThat(dir.resolve("workspace/dataos-upgrade/reports/rehearsal-upgrade/run-report.md")).exists();
        assertThat(dir.resolve("workspace/dataos-upgrade/runs/rehearsal-upgrade/verify.validate/verification.json"))
                .exists();
        assertThat(Files.readString(dir.resolve("workspace/dataos-upgrade/reports/rehearsal-upgrade/rca-report.md")))
                .contains("answered HTTP 503");
        assertThat(dir.resolve("workspace/.dataos-upgrade/runs/rehearsal-upgrade-rollback/journal.jsonl")).exists();
        // The production handlers ran: the pre-installation checks against the sandbox's helm and kubectl ...
        assertThat(printed).anyMatch(line -> line.contains("[prepare.pre-checks] PASSED helm-version"))
                .anyMatch(line -> line.contains("[prepare.pre-checks] PASSED kube-context"));
        // ... and the site's own commands went to the labelled simulator, never to a real program.
        assertThat(printed).anyMatch(line -> line.contains("[user-space.reinstall-stack.flare] [simulated] a real run"
                        + " would execute: reinstall-stack environments/prod/stacks/flare-5.0.yaml"))
                .anyMatch(line -> line.contains("[cloud-kernel.iac-rollback.iac] [simulated] a real run would execute:"
                        + " terraform"));
        assertThat(printed).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(Rehearsal.LABEL));

        String db = database(RehearsalFault.VALIDATION);
        assertThat(printed).anyMatch(line -> line.contains("PostgreSQL: a REAL local server"));
        assertDumpInKitMatchesItsChecksum("rehearsal-upgrade", db);
        assertThat(dir.resolve("workspace/" + BackupKit.directoryFor("rehearsal-upgrade") + "/"
                + BackupKit.RESTORE_CHECK)).content().contains("dataos_restore_check_rehearsal_upgrade",
                "heimdall.policies", "metis.datasets");
        assertThat(count("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'dataos_restore_check%'"))
                .as("the restore check's scratch database is dropped").isZero();
        // The fault changed data after the backup ...
        assertThat(result.badWrites()).isNotNull();
        assertThat(result.badWrites().policiesRevoked()).isEqualTo(20);
        assertThat(result.badWrites().datasetsDeleted()).isEqualTo(25);
        String kept = shared.sql("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '"
                + db + "_pre_rollback_%'").stream().filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertThat(count(kept, "SELECT count(*) FROM metis.datasets")).as("the failed release's data, kept").isEqualTo(225);
        assertThat(count(kept, "SELECT count(*) FROM heimdall.policies WHERE NOT allow")).isEqualTo(20);
        // ... and the rollback restored it from the kit's dump.
        assertThat(count(db, "SELECT count(*) FROM metis.datasets")).isEqualTo(250);
        assertThat(count(db, "SELECT count(*) FROM metis.datasets WHERE id % 10 = 0")).isEqualTo(25);
        assertThat(count(db, "SELECT count(*) FROM heimdall.policies WHERE NOT allow")).isZero();
        assertThat(count(db, "SELECT count(*) FROM public.schema_migrations WHERE version = '1.5.0'")).isZero();
        assertThat(dir.resolve("workspace/.dataos-upgrade/runs/rehearsal-upgrade-rollback/postgres-restore.json"))
                .as("restored from the upgrade's own kit").content().contains("\"kit\":\"rehearsal-upgrade\"");
        String integrity = Files.readString(dir.resolve(
                "workspace/dataos-upgrade/runs/rehearsal-upgrade-rollback/verify.verify-rollback/verification.json"));
        assertThat(integrity).contains("critical tables as backed up", "PASSED", "2 critical table(s) match the baseline");
        assertThat(Files.readString(result.report())).contains("## Database", "real local server",
                "revoked 20 Heimdall admin policies", "metis.datasets 250 rows");
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void aSecondRehearsalInTheSameWorkDirectoryIsAFreshRun() throws Exception {
        passwords.add(shared.password());
        RehearsalResult first = new Rehearsal(new RehearsalOptions(dir, RehearsalFault.NONE), printed::add)
                .withSharedPostgres(shared, "dataos_twice").run();
        assertThat(first.asExpected()).isTrue();
        printed.clear();

        RehearsalResult second = new Rehearsal(new RehearsalOptions(dir, RehearsalFault.NONE), printed::add)
                .withSharedPostgres(shared, "dataos_twice").run();

        assertThat(second.asExpected()).as(String.join("\n", printed)).isTrue();
        assertThat(second.upgrade()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(second.finalRevision()).as("a new sandbox: install and one upgrade").isEqualTo(2);
        assertThat(printed).anyMatch(line -> line.contains("a fresh run: cleared the previous rehearsal's workspace/"))
                .noneMatch(line -> line.contains("UNEXPECTED"))
                .noneMatch(line -> line.contains("resuming"));
        assertThat(dir.resolve("workspace/reports/rehearsal-report.md")).content().doesNotContain("UNEXPECTED");
        assertThat(io.dataos.upgrade.run.JournalReader.read(
                new io.dataos.upgrade.workspace.LocalWorkspace(dir.resolve("workspace")), "rehearsal-upgrade").attempts())
                .as("one attempt in the journal, not the first rehearsal's run resumed").isEqualTo(1);
    }

    @Test
    void aNonEmptyDirectoryNoRehearsalWroteIsRefusedAndLeftAlone() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("workspace"));

        assertThatThrownBy(() -> new Rehearsal(new RehearsalOptions(dir, RehearsalFault.NONE), printed::add)
                .withSharedPostgres(shared, "dataos_refused").run())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rehearse --work-dir").hasMessageContaining("new or empty directory");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
        assertThat(dir.resolve("workspace")).isDirectory();
        assertThat(dir.resolve(RehearsalWorkDirectory.MARKER)).doesNotExist();
    }

    private static Path testChart(String file) {
        return Path.of("src/test/resources/charts").resolve(file).toAbsolutePath();
    }

    private RehearsalResult rehearseOwnChart(RehearsalFault fault, String values, String toTag, String database)
            throws Exception {
        passwords.add(shared.password());
        OperatorChart chart = OperatorChart.of(testChart("monitored-manager"), testChart(values), toTag, dir);
        return new Rehearsal(new RehearsalOptions(dir, fault, chart), printed::add)
                .withSharedPostgres(shared, database).run();
    }

    @Test
    void ownChartWithServiceMonitorAndCrdIsUpgradedFailsValidationAndIsRolledBack() throws Exception {
        RehearsalResult result = rehearseOwnChart(RehearsalFault.VALIDATION, "values-with-monitor.yaml", null,
                "dataos_own_chart");

        assertThat(result.asExpected()).as(String.join("\n", printed)).isTrue();
        assertThat(result.failedAction()).isEqualTo("verify.validate");
        assertThat(result.rollback()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.finalImageTag()).isEqualTo("1.4.0-d1a2b3c");
        assertThat(result.finalRevision()).isEqualTo(3);
        assertThat(printed).anyMatch(line -> line.contains("chart: ") && line.contains("monitored-manager 0.1.0"))
                .anyMatch(line -> line.contains("CustomResourceDefinitions (crds/) into the sandbox:"
                        + " managerbackups.ops.example.io"));
        assertThat(dir.resolve("example/repo/dataos-manager-1.5.0/templates/service-monitor.yaml")).exists();
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void ownChartWithoutServiceMonitorUpgradesToTheTagAsked() throws Exception {
        RehearsalResult result = rehearseOwnChart(RehearsalFault.NONE, "values-without-monitor.yaml", "1.6.0-abc1234",
                "dataos_own_chart_plain");

        assertThat(result.asExpected()).as(String.join("\n", printed)).isTrue();
        assertThat(result.finalImageTag()).isEqualTo("1.6.0-abc1234");
        assertThat(result.finalRevision()).isEqualTo(2);
    }

    @Test
    void ownChartAndOwnManifestsAreUpgradedAndAfterAFailedHelmUpgradeRolledBackByTheRollbackRunbook()
            throws Exception {
        passwords.add(shared.password());
        Path manifests = Path.of("src/test/resources/manifests").toAbsolutePath();
        OperatorChart chart = OperatorChart.of(testChart("monitored-manager"), testChart("values-without-monitor.yaml"),
                null, manifests.resolve("acme-installed.yaml"), manifests.resolve("acme-release.yaml"), dir);

        RehearsalResult result = new Rehearsal(new RehearsalOptions(dir, RehearsalFault.HELM_FAILURE, chart),
                printed::add).withSharedPostgres(shared, "dataos_own_manifests").run();

        assertThat(result.asExpected()).as(String.join("\n", printed)).isTrue();
        assertThat(result.failedAction()).isEqualTo("manager.helm-upgrade.dataos-manager");
        assertThat(result.rollback()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.finalImageTag()).isEqualTo("2.3.0-aaa1111");
        assertThat(dir.resolve("workspace/dataos-upgrade.yaml")).content()
                .contains("release: acme-manager", "namespace: acme-ops", "chart: acme/manager");
        assertThat(dir.resolve("example/repo/dataos-manager-2.4.0/Chart.yaml")).content().contains("version: \"2.4.0\"");
        // The rollback starts from the installed state with the release's layers, and goes back to the installed state.
        assertThat(dir.resolve("workspace/" + OperatorFiles.ROLLBACK_FROM)).content()
                .contains("imageTag: \"2.4.0-bbb2222\"", "releaseName: \"acme-manager\"", "kind: \"PlatformState\"");
        assertThat(dir.resolve("workspace/" + OperatorFiles.ROLLBACK_TO)).content().contains("imageTag: \"2.3.0-aaa1111\"");
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void aKindTheSandboxCannotServeIsNamedWithHowToLeaveItOut() {
        assertThatThrownBy(() -> rehearseOwnChart(RehearsalFault.NONE, "values-with-certificate.yaml", null,
                "dataos_own_chart_cert"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rehearse --chart")
                .hasMessageContaining("kind \"Certificate\" (apiVersion cert-manager.io/v1)")
                .hasMessageContaining("templates/certificate.yaml")
                .hasMessageContaining("--values")
                .hasMessageContaining("crds/");
    }

    @Test
    void helmFailureIsRolledBack() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.HELM_FAILURE);

        assertThat(result.failedAction()).isEqualTo("manager.helm-upgrade.dataos-manager");
        assertThat(result.rollback()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.finalImageTag()).isEqualTo("1.4.0-d1a2b3c");
        assertThat(result.asExpected()).isTrue();
        assertThat(Files.readString(result.report())).contains("denied", "| 2 | failed |",
                "run `rehearsal-upgrade-rollback` (SUCCEEDED", "(rollback runbook)");
        assertThat(result.badWrites()).isNull();
        assertThat(printed).anyMatch(line -> line.contains("running the production rollback runbook"));
        assertThat(dir.resolve("workspace/.dataos-upgrade/runs/rehearsal-upgrade-rollback/postgres-restore.json"))
                .as("the database restored from the upgrade's kit").content()
                .contains("\"kit\":\"rehearsal-upgrade\"");
        assertThat(count(database(RehearsalFault.HELM_FAILURE), "SELECT count(*) FROM metis.datasets")).isEqualTo(250);
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void withoutFaultTheUpgradeValidatesAndNothingIsRolledBack() throws Exception {
        // As the command line runs it: the rehearsal starts its own server and must stop it.
        AtomicReference<LocalPostgres> started = new AtomicReference<>();
        RehearsalResult result = new Rehearsal(new RehearsalOptions(dir, RehearsalFault.NONE), printed::add)
                .withPostgres(() -> {
                    LocalPostgres cluster = LocalPostgres.start();
                    started.set(cluster);
                    passwords.add(cluster.password());
                    return cluster;
                }).run();

        assertThat(result.upgrade()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.rollback()).isNull();
        assertThat(result.finalImageTag()).isEqualTo("1.5.0-e4f5a6b");
        assertThat(result.finalRevision()).isEqualTo(2);
        assertThat(result.asExpected()).isTrue();
        assertThat(Files.readString(dir.resolve("workspace/values/dataos-manager-values.yaml"))).contains("tag: \"1.5.0-e4f5a6b\"");
        try (Stream<Path> backup = Files.walk(dir.resolve("workspace/.dataos-upgrade/runs/rehearsal-upgrade/backup"))) {
            assertThat(backup.map(p -> p.getFileName().toString())).contains("kit.json", "MANIFEST.sha256",
                    "revisions.json", "values-rev1.yaml", "manifest-rev1.yaml");
        }
        try (Stream<Path> backup = Files.walk(dir.resolve("workspace/dataos-upgrade/reports"))) {
            assertThat(backup.map(p -> p.getFileName().toString())).contains("run-report.md", "rca-report.md");
        }
        assertDumpInKitMatchesItsChecksum("rehearsal-upgrade", RehearsalDatabase.DEFAULT_DATABASE);
        assertThat(printed).anyMatch(line -> line.contains("PostgreSQL: a REAL local server")
                && line.contains("started for this rehearsal"));
        assertThat(result.postgresDirectory()).isEqualTo(started.get().directory());
        assertServerGone(result.postgresDirectory());
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void aRehearsalThatFailsStillStopsItsPostgres() throws Exception {
        // Fails once the server is up: the chart renders a kind the sandbox cannot serve.
        OperatorChart chart = OperatorChart.of(testChart("monitored-manager"), testChart("values-with-certificate.yaml"),
                null, dir);
        AtomicReference<LocalPostgres> started = new AtomicReference<>();
        Rehearsal rehearsal = new Rehearsal(new RehearsalOptions(dir, RehearsalFault.VALIDATION, chart), printed::add)
                .withPostgres(() -> {
                    LocalPostgres cluster = LocalPostgres.start();
                    started.set(cluster);
                    return cluster;
                });

        assertThatThrownBy(rehearsal::run).isInstanceOf(InvalidInputException.class);
        assertThat(started.get()).as("the server was started before the failure").isNotNull();
        assertServerGone(started.get().directory());
    }

    @Test
    void missingPostgresBinariesFailNamingTheDebianPackage() throws Exception {
        assertThatThrownBy(() -> RehearsalDatabase.requireBinaries(Optional.empty()))
                .isInstanceOf(RehearsalPrerequisiteException.class)
                .hasMessageContaining("no PostgreSQL server binaries").hasMessageContaining("apt-get install postgresql-15");
        Path partial = Files.createDirectories(dir.resolve("bin"));
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            Path file = Files.writeString(partial.resolve(program), "#!/bin/sh\n");
            file.toFile().setExecutable(true);
        }
        assertThatThrownBy(() -> RehearsalDatabase.requireBinaries(Optional.of(partial)))
                .isInstanceOf(RehearsalPrerequisiteException.class)
                .hasMessageContaining("pg_dump, pg_restore, psql").hasMessageContaining("postgresql-15");
    }

    @Test
    void crashAfterHelmUpgradeResumesWithoutRepeatingTheUpgrade() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.CRASH_AND_RESUME);

        assertThat(result.upgrade()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.finalRevision()).as("baseline + one upgrade: the resumed run did not upgrade again").isEqualTo(2);
        assertThat(result.asExpected()).isTrue();
        assertThat(Files.readString(result.report())).contains("2 attempt(s)");
        assertThat(printed).anyMatch(line -> line.contains("resuming run"))
                .as("the production HelmUpgradeHandler.isDone found the upgrade done on resume")
                .anyMatch(line -> line.contains("[manager.helm-upgrade.dataos-manager] already done when the run"
                        + " resumed; not run again"));
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void unknownFaultIsRefusedListingTheChoices() {
        assertThatThrownBy(() -> RehearsalFault.fromOption("meteor", "rehearse --fault"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("none, validation, helm-failure, crash-and-resume");
        assertThat(dir.toFile().list()).isEmpty();
    }

    /** The kit holds the dump, listed in its manifest with the SHA-256 the file really has. */
    private void assertDumpInKitMatchesItsChecksum(String runId, String database) throws Exception {
        Path kit = dir.resolve("workspace/" + BackupKit.directoryFor(runId));
        Path dump = kit.resolve("postgres/" + database + ".dump");
        assertThat(dump).isRegularFile();
        byte[] bytes = Files.readAllBytes(dump);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).as("pg_dump -Fc archive").isEqualTo("PGDMP");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(Files.readAllLines(kit.resolve(BackupKit.MANIFEST)))
                .contains(sha + "  postgres/" + database + ".dump");
        assertThat(dir.resolve("workspace/" + OperatorFiles.BASELINE_FILE)).content()
                .contains("heimdall.policies", "metis.datasets");
    }

    /** The server's directory is deleted and no process runs from it or names it. */
    private static void assertServerGone(Path clusterDir) throws IOException {
        assertThat(clusterDir).doesNotExist();
        List<String> alive = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
                    if (cmdline.contains(clusterDir.toString()) || cwd.startsWith(clusterDir.toString())) {
                        alive.add(proc.getFileName() + ": " + cmdline);
                    }
                } catch (IOException | SecurityException gone) {
                    // the process ended while we looked, or is not ours to read
                }
            }
        }
        assertThat(alive).as("processes of the stopped PostgreSQL in " + clusterDir).isEmpty();
    }

    private void assertNoKeyInAnyFileOrLine() throws Exception {
        assertThat(printed).noneMatch(line -> KEY.matcher(line).find());
        assertThat(passwords).isNotEmpty();
        for (Secret password : passwords) {
            String plain = password.reveal();
            String b64 = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            assertThat(printed).noneMatch(line -> line.contains(plain) || line.contains(b64));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(text.contains(plain) || text.contains(b64)).as("database password in " + file).isFalse();
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(KEY.matcher(text).find()).as("rehearsal key in " + file).isFalse();
            }
        }
    }
}
