package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {

    @TempDir
    Path tmp;

    /** One in-process run of the command: exit code and what it printed. */
    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine commandLine = DataosUpgradeCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Path examplePath(String name) {
        return Path.of(example(name));
    }

    private static String example(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve(name);
            if (Files.exists(candidate)) {
                return candidate.toString();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/" + name + " not found");
    }

    @Test
    void planRollbackPrintsTheJsonContractForTheExamples() throws Exception {
        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("release-1.4.yaml"), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out());
        assertThat(plan.get("type").asText()).isEqualTo("ROLLBACK");
        assertThat(plan.get("risk").get("level").asText()).isEqualTo("HIGH");
        List<String> kinds = new ArrayList<>();
        for (JsonNode action : plan.get("actions")) {
            for (String field : List.of("id", "layer", "component", "kind", "from", "to", "dependsOn",
                    "requiresApproval", "approvers")) {
                assertThat(action.has(field)).as(field + " in " + action).isTrue();
            }
            kinds.add(action.get("kind").asText());
        }
        assertThat(kinds).startsWith("CHECK_COMPATIBILITY", "BACKUP", "ANNOUNCE", "ASSESS_RISK")
                .contains("REMOVE_STACK", "OWNER_APPROVAL", "NEW_CLUSTER", "RESTORE_POSTGRES", "HELM_ROLLBACK")
                .endsWith("VERIFY_ROLLBACK");
    }

    @Test
    void checksNamesTheChecksFileOfTheVerification() throws Exception {
        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("release-1.4.yaml"), "--output", "json", "--checks", "ops/checks.yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode verify = new ObjectMapper().readTree(run.out()).get("actions").get(18);
        assertThat(verify.get("kind").asText()).isEqualTo("VERIFY_ROLLBACK");
        assertThat(verify.get("params").get("checks").asText()).isEqualTo("ops/checks.yaml");

        Run bad = run("plan", "upgrade", "--installed", example("installed-1.4.yaml"), "--release",
                example("release-1.5.yaml"), "--checks", "/etc/checks.yaml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("checks file: checks: '/etc/checks.yaml' is absolute");
    }

    @Test
    void planUpgradePrintsAMarkdownReviewByDefault() {
        Run run = run("plan", "upgrade", "--installed", example("installed-1.4.yaml"), "--release",
                example("release-1.5.yaml"), "--window", "2099-01-03T02:00Z/2099-01-03T06:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# Upgrade plan: DataOS 1.4.0 → 1.5.0")
                .contains("`prepare.approve-window`")
                .contains("2099-01-03T02:00:00Z/2099-01-03T06:00:00Z")
                .contains("## Release notes");
    }

    @Test
    void outWritesThePlanToAFileAndSaysWhere() throws Exception {
        Path file = tmp.resolve("plans/rollback.json");

        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("release-1.4.yaml"), "--output", "JSON", "--out", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("written to " + file);
        JsonNode plan = new ObjectMapper().readTree(Files.readAllBytes(file));
        assertThat(plan.get("id").asText()).startsWith("rollback-1.5.0-to-1.4.0-");
        assertThat(Files.exists(tmp.resolve("plans/rollback.json.tmp"))).isFalse();
    }

    @Test
    void aBadManifestExitsWithTwoNamingFileAndField() throws Exception {
        Path release = tmp.resolve("release-bad.yaml");
        Files.writeString(release, Files.readString(Path.of(example("release-1.4.yaml")))
                .replace("version: 2.4.0", "version: \"2.4.0; rm -rf /\""), StandardCharsets.UTF_8);

        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target", release.toString());

        assertThat(run.exitCode()).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("dataos-upgrade: " + release + ": coreKernel[1].version: '2.4.0; rm -rf /' is"
                + " not a version");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aManifestOfTheWrongKindExitsWithTwo() {
        Run run = run("plan", "upgrade", "--installed", example("release-1.4.yaml"), "--release",
                example("release-1.5.yaml"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("release-1.4.yaml: kind: is 'Release' but PlatformState is expected");
    }

    @Test
    void aMissingFileOrOptionExitsWithTwo() {
        Run missingFile = run("plan", "upgrade", "--installed", tmp.resolve("nope.yaml").toString(), "--release",
                example("release-1.5.yaml"));
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("nope.yaml: (file): does not exist");

        Run missingOption = run("plan", "rollback", "--installed", example("installed-1.5.yaml"));
        assertThat(missingOption.exitCode()).isEqualTo(2);
        assertThat(missingOption.err()).contains("--target");

        Run badFormat = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("release-1.4.yaml"), "--output", "yaml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("'yaml' is not an output format");
    }

    @Test
    void aWindowInThePastOrAnIncompatibleReleaseExitsWithTwo() throws Exception {
        Run past = run("plan", "upgrade", "--installed", example("installed-1.4.yaml"), "--release",
                example("release-1.5.yaml"), "--window", "2020-01-04T02:00Z/2020-01-04T06:00Z");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err()).contains("command line: --window: maintenance window");

        Path release = tmp.resolve("release-1.5.yaml");
        Files.writeString(release, Files.readString(Path.of(example("release-1.5.yaml")))
                .replace("kubernetes: \">=1.28 <1.31\"", "kubernetes: \">=1.29 <1.31\""), StandardCharsets.UTF_8);
        Run incompatible = run("plan", "upgrade", "--installed", example("installed-1.4.yaml"), "--release",
                release.toString());
        assertThat(incompatible.exitCode()).isEqualTo(2);
        assertThat(incompatible.err()).contains("compatibility.kubernetes: requires kubernetes >=1.29 <1.31, but"
                + " kubernetes is 1.28 installed");
    }

    @Test
    void nothingToRollBackSaysSoAndStillSucceeds() {
        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("installed-1.5.yaml"), "--output", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("nothing to roll back");
        assertThat(run.out()).contains("\"empty\": true").contains("\"actions\": []");
    }

    @Test
    void aRollbackTargetMayBeARecordedPlatformState() {
        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("installed-1.4.yaml"), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"toVersion\": \"1.4.0\"");
    }

    @Test
    void aPlanThatCannotBeWrittenExitsWithOne() throws Exception {
        Path directory = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(directory.resolve("file"), "x");

        Run run = run("plan", "rollback", "--installed", example("installed-1.5.yaml"), "--target",
                example("release-1.4.yaml"), "--out", directory.toString());

        assertThat(run.exitCode()).isEqualTo(DataosUpgradeCommand.EXIT_FAILED);
        assertThat(run.err()).startsWith("dataos-upgrade: ");
    }
}
