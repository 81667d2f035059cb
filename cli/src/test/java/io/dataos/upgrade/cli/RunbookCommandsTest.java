package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.TestSecrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The runbook commands in-process through {@link DataosUpgradeCommand#newCommandLine()}, on the
 * example manifests, with the faithful fake helm and kubectl and real processes.
 */
class RunbookCommandsTest {

    @TempDir
    Path dir;
    Path ws;
    FakeClis fake;
    Path keyFile;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws Exception {
        ExampleWorkspace example = ExampleWorkspace.create(dir);
        ws = example.ws();
        fake = example.fake();
        keyFile = example.keyFile();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = DataosUpgradeCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String[] upgrade(String... more) {
        List<String> args = new ArrayList<>(List.of("upgrade", "--workspace", ws.toString(), "--installed",
                "installed.yaml", "--release", "release.yaml", "--values", "values.yaml", "--prime-api-key-file",
                keyFile.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void upgradeWithTheWindowApprovedExitsZeroAndPrintsTheResultAsJson() throws Exception {
        int exit = run(upgrade("--approve", "prepare.approve-window=alice", "--output", "json"));

        assertThat(exit).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("runId").asText()).startsWith("upgrade-1.4.0-to-1.5.0-");
        assertThat(result.path("journal").asText()).endsWith("/journal.jsonl");
        assertThat(err.toString()).contains("+ manager.helm-upgrade.dataos-manager succeeded")
                .contains("gate prepare.approve-window approved by alice");
        assertThat(Files.readString(ws.resolve("values.yaml"))).contains("tag: 1.5.0-e4f5a6b");
        assertThat(out.toString() + err).doesNotContain(TestSecrets.PRIME_API_KEY_VALUE);
    }

    @Test
    void anUnapprovedWindowExitsThreeAndSaysHowToApprove() {
        int exit = run(upgrade());

        assertThat(exit).isEqualTo(RunbookExit.WAITING_FOR_APPROVAL);
        assertThat(out.toString()).contains("WAITING_FOR_APPROVAL")
                .contains("--approve prepare.approve-window=<approver>")
                .contains("approvers: dataos-ops@example.com");
    }

    @Test
    void approveAllAsRecordsTheNameAtEveryGate() {
        int exit = run(upgrade("--approve-all-as", "carol"));

        assertThat(exit).as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("gate prepare.approve-window approved by carol");
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedBeforeAnythingRuns() throws Exception {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        int exit = run(upgrade("--approve", "prepare.approve-window=alice"));

        assertThat(exit).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("--prime-api-key-file").contains("readable or writable by group or others")
                .contains("chmod 600").doesNotContain(TestSecrets.PRIME_API_KEY_VALUE);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void noPrimeApiKeyIsInvalidInputNamingHowToGiveIt() throws Exception {
        int exit = run("upgrade", "--workspace", ws.toString(), "--installed", "installed.yaml", "--release",
                "release.yaml", "--values", "values.yaml", "--approve", "prepare.approve-window=alice");

        assertThat(exit).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("prime-api-key").contains("PRIME_API_KEY");
        assertThat(fake.calls("helm", "upgrade")).isEmpty();
    }

    @Test
    void aMissingReleaseFileIsInvalidInputNamingTheOption() {
        int exit = run("upgrade", "--workspace", ws.toString(), "--installed", "installed.yaml", "--release",
                "nope.yaml", "--values", "values.yaml");

        assertThat(exit).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("release").contains("'nope.yaml' does not exist in the workspace");
    }

    @Test
    void approveAndApproveAllAsTogetherAreRefused() {
        int exit = run(upgrade("--approve", "prepare.approve-window=alice", "--approve-all-as", "carol"));

        assertThat(exit).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void anApprovalByANonApproverIsRefusedUnlessItsGroupIsAnApprover() throws Exception {
        int refused = run(upgrade("--approve", "prepare.approve-window=mallory"));

        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).contains("gate prepare.approve-window approved by mallory, who is not among its"
                + " approvers dataos-ops@example.com");
        assertThat(fake.calls("helm", "upgrade")).isEmpty();

        int accepted = run(upgrade("--approve", "prepare.approve-window=mallory", "--approver-group",
                "mallory=dataos-ops@example.com"));

        assertThat(accepted).as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("gate prepare.approve-window approved by mallory");
    }

    @Test
    void anApproversGroupsCanComeFromAFileOneALineAndABadLineIsRefusedNamingIt() throws Exception {
        Path groups = ws.getParent().resolve("approver-groups");
        Files.writeString(groups, "# from Jenkins' security realm\nmallory=qa\n\nmallory=dataos-ops@example.com\n");
        Path bad = ws.getParent().resolve("bad-groups");
        Files.writeString(bad, "mallory=qa\nmallory dataos-ops@example.com\n");

        int refused = run(upgrade("--approve", "prepare.approve-window=mallory", "--approver-groups-file",
                bad.toString()));

        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).contains(bad.toString()).contains("line 2").contains("is not APPROVER=GROUP");
        assertThat(fake.calls("helm", "upgrade")).isEmpty();

        int accepted = run(upgrade("--approve", "prepare.approve-window=mallory", "--approver-groups-file",
                groups.toString()));

        assertThat(accepted).as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("gate prepare.approve-window approved by mallory")
                .contains("as a member of dataos-ops@example.com");
    }

    @Test
    void anArgumentStartingWithAtIsTakenAsWrittenNotAsAFileOfArguments() throws Exception {
        Path notes = ws.resolve("notes.txt");
        Files.writeString(notes, "--approve-all-as\nmallory\n");

        // picocli would read the file's lines as arguments (and approve every gate); the engine does not
        int exit = run(upgrade("@" + notes));

        assertThat(exit).as(out.toString() + err).isEqualTo(2);
        assertThat(err.toString()).contains("@" + notes);
        assertThat(fake.calls("helm", "upgrade")).isEmpty();
    }

    @Test
    void markDoneTakesItsReasonFromReasonAndNeedsARunThatStarted() throws Exception {
        int exit = run("rollback", "--workspace", ws.toString(), "--installed", "installed-1.5.yaml", "--target",
                "release-1.4.yaml", "--values", "values.yaml", "--mark-done", "prepare.backup", "--reason",
                "kit taken by hand");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("markDone: prepare.backup: run rollback-1.5.0-to-1.4.0-")
                .contains("has not started");
    }

    @Test
    void upgradeMarkDoneRecordsTheHelmUpgradeDoneByHandAndTheUpgradeContinues() throws Exception {
        fake.put("upgrade-error", "timed out waiting for the condition");
        int failed = run(upgrade("--approve", "prepare.approve-window=alice"));
        assertThat(failed).as(out.toString() + err).isEqualTo(1);
        assertThat(out.toString()).contains("manager.helm-upgrade.dataos-manager");

        int noMarkDone = run(upgrade("--approve", "prepare.approve-window=alice", "--reason", "by hand"));
        assertThat(noMarkDone).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("--reason", "is only read with --mark-done");

        // the operator ran the helm upgrade by hand: the release is at 1.5.0, revision 4
        Files.delete(fake.state().resolve("upgrade-error"));
        String rel = "releases/dataos-manager/";
        fake.put(rel + "status.json", Files.readString(fake.state().resolve(rel + "after-upgrade/status.json")));
        int resumed = run(upgrade("--approve", "prepare.approve-window=alice", "--started-by", "carol", "--mark-done",
                "manager.helm-upgrade.dataos-manager", "--reason", "helm upgrade run by hand"));

        assertThat(resumed).as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("manager.helm-upgrade.dataos-manager marked done by hand (manual) by carol:"
                + " helm upgrade run by hand");
        assertThat(fake.calls("helm", "upgrade")).singleElement();
    }

    @Test
    void rollbackDryRunShowsTheTopDownPlanAndChangesNothing() throws Exception {
        String valuesBefore = Files.readString(ws.resolve("values.yaml"));
        // the rollback restores the database: the settings name it (a dry run does not connect)
        Files.writeString(ws.resolve("dataos-upgrade.yaml"), Files.readString(ws.resolve("dataos-upgrade.yaml"))
                + "postgres:\n  host: 127.0.0.1\n  database: dataos\n  user: dataos_backup\n");
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 4,
                "deployed", "Upgrade complete", "1.5.0"));

        int exit = run("rollback", "--workspace", ws.toString(), "--installed", "installed-1.5.yaml", "--target",
                "release-1.4.yaml", "--values", "values.yaml", "--dry-run");

        assertThat(exit).as(out.toString() + err).isZero();
        assertThat(out.toString()).contains("would run: echo reinstall environments/prod/stacks/flare-5.0.yaml")
                .contains("would run user-space.remove-stack.talos")
                .contains("manual step: create a Kubernetes cluster at version 1.28")
                .contains("(dry run: nothing was changed)");
        assertThat(Files.readString(ws.resolve("values.yaml"))).isEqualTo(valuesBefore);
        assertThat(fake.calls("helm", "rollback")).isEmpty();
    }

    @Test
    void aValuesFileReachedThroughASymlinkLeavingTheWorkspaceIsRefusedNamingTheOption() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside-values.yaml"), Files.readString(ws.resolve("values.yaml")));
        Files.createSymbolicLink(ws.resolve("linked-values.yaml"), outside);
        String before = Files.readString(outside);

        String[] args = upgrade("--approve", "prepare.approve-window=alice");
        args[java.util.Arrays.asList(args).indexOf("values.yaml")] = "linked-values.yaml";
        int exit = run(args);

        assertThat(exit).as(out.toString() + err).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("--values", "linked-values.yaml", "symbolic link");
        assertThat(Files.readString(outside)).isEqualTo(before);
        assertThat(fake.calls("helm", "upgrade")).isEmpty();
    }

    @Test
    void verifyJunitThroughASymlinkLeavingTheWorkspaceIsRefusedNamingTheOption() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("out"), outside);

        int exit = run("verify", "--workspace", ws.toString(), "--junit", "out/junit.xml");

        assertThat(exit).as(out.toString() + err).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("--junit", "out/junit.xml", "symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).as("nothing written outside the workspace").isEmpty();
        }
    }

    @Test
    void verifyExitsOneWhenACheckFailsPrintsEachLineOnceAndNamesTheJUnitFile() throws Exception {
        fake.put("kube/rollout/dataos-manager", "progressing\n");

        int exit = run("verify", "--workspace", ws.toString(), "--junit", "out/junit.xml");

        assertThat(exit).isEqualTo(DataosUpgradeCommand.EXIT_FAILED);
        String printed = out.toString();
        assertThat(printed).contains("check dataos-manager rollout: FAILED").contains("JUnit XML: out/junit.xml");
        assertThat(printed.split("post-upgrade validation FAILED: ", -1)).as("the summary once: " + printed)
                .hasSize(2);
        assertThat(printed.split("check dataos-manager rollout: FAILED", -1)).as("each check once").hasSize(2);
        assertThat(ws.resolve("out/junit.xml")).exists();
    }

    @Test
    void reportWritesTheReportsOfARun() throws Exception {
        run(upgrade("--approve", "prepare.approve-window=alice", "--output", "json"));
        String runId = new ObjectMapper().readTree(out.toString()).path("runId").asText();

        int exit = run("report", "--workspace", ws.toString(), "--run-id", runId);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("RCA report: dataos-upgrade/reports/" + runId + "/rca-report.md");
        assertThat(ws.resolve("dataos-upgrade/reports/" + runId + "/run-report.html")).exists();
    }
}
