package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.testing.TestSecrets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/engine-contract.md from the engine's side: the real command line in a child JVM (its own
 * standard output, error and exit code, real signals), for every outcome the plugin has to tell
 * apart. With {@code --output json} standard output holds exactly one JSON object of strings,
 * integers, booleans, lists and maps, never a null.
 */
class EngineContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @TempDir
    Path dir;
    ExampleWorkspace example;

    /** What a child JVM left: exit code, standard output, standard error. */
    record Exit(int code, String out, String err) {

        /** The one JSON object on standard output; fails when there is none, or more, or anything else. */
        JsonNode json() throws IOException {
            Iterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(out);
            assertThat(values.hasNext()).as("a JSON object on standard output; stderr:\n" + err).isTrue();
            JsonNode value = values.next();
            assertThat(values.hasNext()).as("exactly one JSON value on standard output:\n" + out).isFalse();
            assertThat(value.isObject()).as(out).isTrue();
            assertPlainValues(value, "$");
            return value;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        example = ExampleWorkspace.create(dir);
    }

    @Test
    void aSucceededUpgradeExitsZeroWithItsResult() throws Exception {
        Exit exit = run(upgrade("--approve", "prepare.approve-window=alice"));

        assertThat(exit.code()).as(exit.err()).isZero();
        JsonNode result = exit.json();
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("dryRun").isBoolean()).isTrue();
        assertThat(exit.err()).as("progress goes to standard error").contains("manager.helm-upgrade.dataos-manager");
    }

    @Test
    void anUnapprovedGateExitsThreeListingTheGate() throws Exception {
        Exit exit = run(upgrade());

        assertThat(exit.code()).as(exit.err()).isEqualTo(3);
        JsonNode result = exit.json();
        assertThat(result.path("status").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(result.path("gatesWaiting").findValuesAsText("id")).containsExactly("prepare.approve-window");
    }

    @Test
    void aFailedCheckExitsOneWithTheVerificationResult() throws Exception {
        example.fake().put("kube/rollout/dataos-manager", "stuck\n");

        Exit exit = run(List.of("verify", "--workspace", example.ws().toString(), "--output", "json"));

        assertThat(exit.code()).as(exit.err()).isEqualTo(1);
        JsonNode result = exit.json();
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void invalidInputExitsTwoWithTheErrorNamingOptionAndFix() throws Exception {
        Exit exit = run(List.of("upgrade", "--workspace", example.ws().toString(), "--installed", "installed.yaml",
                "--release", "missing.yaml", "--values", "values.yaml", "--output", "json"));

        assertThat(exit.code()).isEqualTo(2);
        JsonNode result = exit.json();
        assertThat(result.properties()).extracting(Map.Entry::getKey).containsExactly("status", "error");
        assertThat(result.path("status").asText()).isEqualTo("INVALID_INPUT");
        assertThat(result.path("error").asText()).contains("release", "missing.yaml", "check the path");
    }

    @Test
    void aRefusedArgumentIsInvalidInputToo() throws Exception {
        Exit exit = run(List.of("verify", "--output", "json", "--timeout-minutess", "3"));

        assertThat(exit.code()).isEqualTo(2);
        JsonNode result = exit.json();
        assertThat(result.path("status").asText()).isEqualTo("INVALID_INPUT");
        assertThat(result.path("error").asText()).contains("--timeout-minutess");
        assertThat(exit.err()).as("the person at a terminal gets picocli's help").contains("--timeout-minutess");
    }

    @Test
    void aCrashExitsOneWithStatusFailedAndNoStackTrace() throws Exception {
        // a file where the verification's output folder must go: an I/O error, not input the engine checks
        Files.writeString(example.ws().resolve("out"), "in the way\n");

        Exit exit = run(List.of("verify", "--workspace", example.ws().toString(), "--out", "out/verify",
                "--output", "json"));

        assertThat(exit.code()).as(exit.err()).isEqualTo(1);
        JsonNode result = exit.json();
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").asText()).contains("out");
        assertThat(exit.err()).doesNotContain("\tat ");
    }

    @Test
    void sigtermStopsTheUpgradeAtASafePointPrintsItsResultAndExits143() throws Exception {
        stoppedBySignal("TERM", 143, true);
    }

    @Test
    void sigintStopsTheUpgradeAtASafePointPrintsItsResultAndExits130() throws Exception {
        stoppedBySignal("INT", 130, true);
    }

    @Test
    void sigintWithTextOutputPrintsTheInterruptionAndHowToResume() throws Exception {
        stoppedBySignal("INT", 130, false);
    }

    @Test
    void sigtermWithTextOutputPrintsTheInterruptionAndHowToResume() throws Exception {
        stoppedBySignal("TERM", 143, false);
    }

    @Test
    void planWithAnOutputFolderWritesBothFilesAndPrintsTheDataosPlanResult() throws Exception {
        Path plans = dir.resolve("plans");

        Exit exit = run(List.of("plan", "upgrade", "--installed", example.ws().resolve("installed.yaml").toString(),
                "--release", example.ws().resolve("release.yaml").toString(), "--window", "SAT 02:00-06:00 UTC",
                "--out-dir", plans.toString(), "--output", "json"));

        assertThat(exit.code()).as(exit.err()).isZero();
        JsonNode result = exit.json();
        assertThat(result.properties()).extracting(Map.Entry::getKey).containsExactly("type", "planId", "summary",
                "empty", "fromVersion", "toVersion", "risk", "riskReasons", "estimatedDowntimeMinutes", "actions",
                "gates", "maintenanceWindow", "planJson", "planMarkdown");
        assertThat(result.path("type").asText()).isEqualTo("upgrade");
        assertThat(result.path("gates").get(0).properties()).extracting(Map.Entry::getKey)
                .containsExactly("id", "reason", "approvers", "kind");
        assertThat(result.path("maintenanceWindow").asText()).isEqualTo("SAT 02:00-06:00 UTC");
        assertThat(result.path("planJson").asText()).isEqualTo(plans.resolve("plan.json").toString());
        assertThat(JSON.readTree(plans.resolve("plan.json").toFile()).path("id").asText())
                .isEqualTo(result.path("planId").asText());
        assertThat(Files.readString(plans.resolve("plan.md"))).contains(result.path("planId").asText());
    }

    @Test
    void verifyResultHasTheDataosVerifyKeys() throws Exception {
        example.fake().put("kube/rollout/dataos-manager", "stuck\n");

        Exit exit = run(List.of("verify", "--workspace", example.ws().toString(), "--timeout-minutes", "2",
                "--output", "json"));

        JsonNode result = exit.json();
        assertThat(result.properties()).extracting(Map.Entry::getKey).contains("purpose", "passed", "failed",
                "errors", "skipped", "total", "ok", "rollbackRecommended", "rollbackReason", "failedChecks", "checks",
                "junit", "markdown", "json");
        assertThat(result.path("purpose").asText()).isEqualTo("postUpgrade");
        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(result.path("failedChecks").findValuesAsText("name")).containsExactly("dataos-manager rollout");
    }

    @Test
    void aVerifyTimeLimitBelowOneMinuteIsInvalidInput() throws Exception {
        Exit exit = run(List.of("verify", "--workspace", example.ws().toString(), "--timeout-minutes", "0",
                "--output", "json"));

        assertThat(exit.code()).isEqualTo(2);
        assertThat(exit.json().path("error").asText()).contains("--timeout-minutes", "positive");
    }

    @Test
    void upgradeTakesTheStateAndOutputsDirsAndHelmTimeLimitAndReportTheStepsKindVerificationsAndInstance()
            throws Exception {
        Path runState = example.ws().getParent().resolve("agent-state");
        Exit upgrade = run(upgrade("--approve", "prepare.approve-window=alice", "--outputs-dir", "state",
                "--state-dir", runState.toString(), "--timeout-minutes", "7", "--run-id", "up-1"));

        assertThat(upgrade.code()).as(upgrade.err()).isZero();
        assertThat(upgrade.json().path("reports")).isNotEmpty()
                .allSatisfy(report -> assertThat(report.asText()).startsWith("state/"));
        // the run state (journal, backup kit, lock) lives outside the workspace, named as before in the result
        assertThat(upgrade.json().path("journal").asText()).isEqualTo(".dataos-upgrade/runs/up-1/journal.jsonl");
        assertThat(runState.resolve("runs/up-1/journal.jsonl")).isRegularFile();
        assertThat(example.ws().resolve(".dataos-upgrade/runs/up-1")).doesNotExist();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(runState)))
                .isEqualTo("rwx------");
        assertThat(example.fake().calls("helm", "upgrade")).singleElement()
                .satisfies(call -> assertThat(call).containsSequence("--timeout", "420s"));

        Exit verify = run(List.of("verify", "--workspace", example.ws().toString(), "--out", "checked",
                "--output", "json"));
        Exit report = run(List.of("report", "--workspace", example.ws().toString(), "--outputs-dir", "state",
                "--state-dir", runState.toString(),
                "--run-id", "up-1", "--kind", "rca", "--verification", verify.json().path("json").asText(),
                "--instance", "dataos.other.example", "--output", "json"));

        assertThat(report.code()).as(report.err()).isZero();
        JsonNode result = report.json();
        assertThat(result.properties()).extracting(Map.Entry::getKey).contains("runId", "kind", "runKind", "outcome",
                "actions", "approvals", "failedChecks", "verifications", "markdown", "html", "files");
        assertThat(result.path("kind").asText()).isEqualTo("rca");
        assertThat(result.path("runKind").asText()).isEqualTo("UPGRADE");
        assertThat(result.path("markdown").asText()).isEqualTo("state/reports/up-1/rca-report.md");
        assertThat(result.path("verifications").get(0).asText()).isEqualTo("checked/verification.json");
        assertThat(Files.readString(example.ws().resolve("state/reports/up-1/rca-report.md")))
                .contains("dataos.other.example");
    }

    @Test
    void helmAndKubectlDoNotInheritTheSecretsOfTheEnginesEnvironmentButKeepWhatCredentialPluginsNeed()
            throws Exception {
        Path names = dir.resolve("child-env-names");
        String record = """
                #!/bin/sh
                # test: records the names of the variables this child got, then runs the fake tool
                env | sed 's/=.*//' > '%1$s.$$'; cat '%1$s.$$' >> '%1$s'; rm -f '%1$s.$$'
                exec '%2$s' "$@"
                """;
        Path helm = dir.resolve("bin/recording-helm");
        Path kubectl = dir.resolve("bin/recording-kubectl");
        Files.writeString(helm, record.formatted(names, example.fake().helm()));
        Files.writeString(kubectl, record.formatted(names, example.fake().kubectl()));
        Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(example.ws().resolve("dataos-upgrade.yaml"), example.settings(helm.toString())
                .replace(example.fake().kubectl(), kubectl.toString()));
        List<String> args = new ArrayList<>(upgrade("--approve", "prepare.approve-window=alice"));
        int keyFile = args.indexOf("--prime-api-key-file");
        args.remove(keyFile + 1);
        args.remove(keyFile);
        Map<String, String> env = Map.of("PRIME_API_KEY", TestSecrets.PRIME_API_KEY_VALUE,
                "POSTGRES_PASSWORD", "pg-pw-Hk4Rt8Mn2C", // listed in test-secrets.txt
                "KEY_FOR_A_SCRIPT", TestSecrets.PRIME_API_KEY_VALUE,
                "KUBECONFIG", dir.resolve("kubeconfig").toString(), "AWS_PROFILE", "prod",
                "GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("gcp.json").toString());

        Exit exit = finish(start(args, env));

        assertThat(exit.code()).as(exit.err()).isZero();
        List<String> seen = Files.readAllLines(names);
        assertThat(seen).as("helm and kubectl ran").isNotEmpty()
                .doesNotContain("PRIME_API_KEY", "POSTGRES_PASSWORD", "KEY_FOR_A_SCRIPT")
                .contains("KUBECONFIG", "AWS_PROFILE", "GOOGLE_APPLICATION_CREDENTIALS", "HOME", "PATH");
    }

    @Test
    void aRollbackAfterAnUpgradeKilledDuringHelmRemovesTheKeyOverlayTheKilledRunLeft() throws Exception {
        Path started = dir.resolve("helm-upgrade-started");
        Path slowHelm = dir.resolve("bin/slow-helm");
        Files.writeString(slowHelm, """
                #!/bin/sh
                # test: helm upgrade records its pid and takes long; the engine is SIGKILLed meanwhile
                if [ "$1" = upgrade ] && [ ! -e '%1$s' ]; then echo $$ > '%1$s.pid'; mv '%1$s.pid' '%1$s'; sleep 60; fi
                exec '%2$s' "$@"
                """.formatted(started, example.fake().helm()));
        Files.setPosixFilePermissions(slowHelm, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(example.ws().resolve("dataos-upgrade.yaml"), example.settings(slowHelm.toString()));
        Process child = start(upgrade("--approve", "prepare.approve-window=alice", "--run-id", "killed"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(started) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(started).as("helm upgrade started; stderr:\n" + Files.readString(dir.resolve("err"))).exists();
        Path overlay = example.ws().resolve(".dataos-upgrade/runs/killed/prime-api-key.values.yaml");
        assertThat(overlay).as("the key overlay exists while helm runs").exists();
        child.destroyForcibly(); // SIGKILL: no finally runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(Long.parseLong(Files.readString(started).trim())).ifPresent(helm -> {
            helm.descendants().forEach(ProcessHandle::destroyForcibly);
            helm.destroyForcibly();
        });
        assertThat(overlay).as("SIGKILL left the overlay").exists();
        // the rollback restores PostgreSQL: settings and password so it gets as far as its lock
        Files.writeString(example.ws().resolve("dataos-upgrade.yaml"), example.settings(slowHelm.toString())
                + "postgres:\n  host: 127.0.0.1\n  port: 1\n  database: dataos\n  user: postgres\n");
        Path password = dir.resolve("pg.pw");
        Files.writeString(password, "pg-pw-Hk4Rt8Mn2C\n"); // listed in test-secrets.txt
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));

        Exit rollback = run(List.of("rollback", "--workspace", example.ws().toString(), "--installed",
                "installed-1.5.yaml", "--target", "release-1.4.yaml", "--values", "values.yaml", "--run-id",
                "instead", "--approve-all-as", "alice", "--prime-api-key-file", example.keyFile().toString(),
                "--postgres-password-file", password.toString(), "--reason", "kill test", "--output", "json"));

        assertThat(overlay).as("the rollback removed the killed upgrade's key overlay; stderr:\n" + rollback.err())
                .doesNotExist();
        assertThat(rollback.err()).contains("removed .dataos-upgrade/runs/killed/prime-api-key.values.yaml");
    }

    /**
     * Sends {@code signal} while helm upgrade runs (a slow helm in front of the fake one), then runs the
     * same command again: the interrupted run resumes and succeeds, so the stop was at a safe point. The
     * stopped run journaled {@code action-interrupted} for helm, removed the Prime key overlay and said
     * how to resume.
     */
    private void stoppedBySignal(String signal, int code, boolean json) throws Exception {
        Path started = dir.resolve("helm-upgrade-started");
        Path slowHelm = dir.resolve("bin/slow-helm");
        Files.writeString(slowHelm, """
                #!/bin/sh
                # test: helm upgrade marks its start and takes long; the signal arrives meanwhile
                if [ "$1" = upgrade ] && [ ! -e '%1$s.done' ]; then
                  trap "echo TERM > '%1$s.term'; exit 143" TERM
                  touch '%1$s' '%1$s.done'; sleep 60 & wait $!
                fi
                exec '%2$s' "$@"
                """.formatted(started, example.fake().helm()));
        Files.setPosixFilePermissions(slowHelm, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(example.ws().resolve("dataos-upgrade.yaml"), example.settings(slowHelm.toString()));
        List<String> args = new ArrayList<>(upgrade("--approve", "prepare.approve-window=alice", "--run-id",
                "signalled"));
        if (!json) {
            args.removeAll(List.of("--output", "json"));
        }

        Process child = start(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(started) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(started).as("helm upgrade started; stderr:\n" + Files.readString(dir.resolve("err"))).exists();
        long t0 = System.nanoTime();
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor()).isZero();
        Exit exit = finish(child);
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(exit.code()).as(exit.err()).isEqualTo(code);
        if (json) {
            JsonNode result = exit.json();
            assertThat(result.path("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(result.path("runId").asText()).isEqualTo("signalled");
        } else {
            assertThat(exit.out() + exit.err()).contains("INTERRUPTED", "run id: signalled", "to resume");
        }
        assertThat(stopMillis).as("stopped well before helm's 60 s sleep ended").isLessThan(30_000);
        assertThat(exit.err()).contains("stop requested", "SIG" + signal);
        assertThat(exit.out() + exit.err()).as("how to resume").contains("--run-id signalled");
        assertThat(Path.of(started + ".term")).as("helm was asked to stop (SIGTERM, its grace period)").exists();
        Path runDir = example.ws().resolve(".dataos-upgrade/runs/signalled");
        assertThat(Files.readString(runDir.resolve("journal.jsonl")))
                .as("the interruption is journaled for the action that was running")
                .contains("\"type\":\"action-interrupted\"", "manager.helm-upgrade.dataos-manager");
        try (var files = Files.walk(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no private file of the stopped run is left").doesNotContain("prime-api-key.values.yaml");
        }

        Exit resumed = run(args);
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("SUCCEEDED");
        System.out.println("SIG" + signal + ": stopped and printed its result in " + stopMillis + " ms");
    }

    private List<String> upgrade(String... more) {
        List<String> args = new ArrayList<>(List.of("upgrade", "--workspace", example.ws().toString(), "--installed",
                "installed.yaml", "--release", "release.yaml", "--values", "values.yaml", "--prime-api-key-file",
                example.keyFile().toString(), "--output", "json"));
        args.addAll(List.of(more));
        return args;
    }

    private Exit run(List<String> args) throws Exception {
        return finish(start(args));
    }

    private Process start(List<String> args) throws IOException {
        return start(args, Map.of());
    }

    /** Starts the CLI with {@code env} added to this JVM's environment. */
    private Process start(List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", DataosUpgradeCommand.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder.directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
    }

    private Exit finish(Process child) throws Exception {
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
        Exit exit = new Exit(child.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
        assertThat(exit.out() + exit.err()).doesNotContain(TestSecrets.PRIME_API_KEY_VALUE);
        return exit;
    }

    /** Strings, integers, booleans, arrays and objects only: what a Pipeline gets as String, Long, Boolean, List, Map. */
    private static void assertPlainValues(JsonNode node, String path) {
        assertThat(node.isNull()).as(path + " is null").isFalse();
        assertThat(node.isFloatingPointNumber()).as(path + " is a fraction").isFalse();
        if (node.isContainerNode()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            int i = 0;
            for (JsonNode element : node) {
                String at = node.isArray() ? path + "[" + i++ + "]" : path + "." + fields.next().getKey();
                assertPlainValues(element, at);
            }
        }
    }
}
