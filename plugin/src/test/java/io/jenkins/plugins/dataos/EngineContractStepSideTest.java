package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's side of the engine contract (docs/engine-contract.md), every exit code and malformed output: the
 * step's {@code java} is a test double of the agent wrapper that leaves the files the real wrapper leaves (log,
 * result, heartbeat, status) as a scenario says, and records what it was given. The command line's side of the
 * same contract is cli's EngineContractTest.
 */
class EngineContractStepSideTest {

    static final String KEY = "prime-6c1d0e9f2a7b";

    @TempDir
    Path workspace;
    /** The agent, and the engine's output the double plays: named so, because both hold test secrets on purpose. */
    Path agent;
    Path scenario;
    TestStepContext context;

    @BeforeEach
    void fakeWrapper() throws Exception {
        agent = Files.createTempDirectory("contract-agent");
        scenario = Files.createTempDirectory("contract-engine");
        TestCredentials.reset();
        TestCredentials.secretText("dataos-prime-key", KEY);
        Path java = Files.createDirectories(scenario.resolve("jdk/bin")).resolve("java");
        // test double of `java -cp ENGINE Wrapper RUN_DIR GRACE -- ...`: records its arguments and the run folder as
        // it found it, then leaves the scenario's files there, status last
        Files.writeString(java, """
                #!/bin/sh
                printf '%%s\\n' "$@" > '%1$s/argv'
                while [ "$1" != "%2$s" ]; do shift; done
                dir="$2"
                ls -l "$dir" > '%1$s/found'
                ls -ld "$dir" > '%1$s/folder'
                [ -f "$dir/secrets" ] && cp "$dir/secrets" '%1$s/secrets-seen'
                echo 1 > "$dir/heartbeat"
                [ -f '%1$s/engine.log' ] && cp '%1$s/engine.log' "$dir/engine.log"
                [ -f '%1$s/result.json' ] && cp '%1$s/result.json' "$dir/result.json"
                cp '%1$s/status' "$dir/status"
                """.formatted(scenario, EngineExecution.WRAPPER));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        context = newContext();
    }

    /** A build whose JAVA_HOME is the wrapper's double. */
    private TestStepContext newContext() throws Exception {
        TestStepContext build = new TestStepContext(workspace, agent);
        EnvVars env = new EnvVars();
        env.put("PATH", System.getenv("PATH"));
        env.put("JAVA_HOME", scenario.resolve("jdk").toString());
        build.put(EnvVars.class, env);
        return build;
    }

    @AfterEach
    void noCredentials() {
        TestCredentials.reset();
    }

    private void engine(int status, String json, String log) throws Exception {
        Files.writeString(scenario.resolve("status"), status + "\n");
        if (json != null) {
            Files.writeString(scenario.resolve("result.json"), json);
        }
        Files.writeString(scenario.resolve("engine.log"), log);
    }

    private static DataosUpgradeStep upgrade() {
        DataosUpgradeStep step = new DataosUpgradeStep("releases/dataos-1.5.0.yaml", "values/dataos-manager.yaml",
                "dataos-prime-key", "state/installed.yaml");
        step.setMaintenanceWindow("SAT 02:00-06:00 UTC");
        return step;
    }

    @Test
    void exitZeroReturnsTheJsonResultAsPlainValuesWithSecretsMasked() throws Exception {
        engine(0, "{\"status\":\"SUCCEEDED\",\"message\":\"done with " + KEY + "\",\"executed\":[\"a\",\"b\"],"
                + "\"dryRun\":false,\"actions\":9,\"backup\":null}\n", "progress line with " + KEY + "\n");

        Map<String, Object> result = Steps.run(upgrade(), context);

        assertThat(result).containsEntry("status", "SUCCEEDED").containsEntry("message", "done with ****")
                .containsEntry("executed", List.of("a", "b")).containsEntry("dryRun", false)
                .containsEntry("actions", 9L).doesNotContainKey("backup");
        assertThat(context.log()).contains("dataosUpgrade: progress line with ****").doesNotContain(KEY);
    }

    @Test
    void theEngineGetsItsOptionsAsArgumentsAndItsSecretsInAnOwnerOnlyFileThatIsGoneAfterwards() throws Exception {
        engine(0, "{\"status\":\"SUCCEEDED\"}", "");
        DataosUpgradeStep step = upgrade();
        step.setApprovals(List.of(new Approval("prepare.approve-window", "ops-$USER")));

        Steps.run(step, context);

        List<String> argv = Files.readAllLines(scenario.resolve("argv"));
        assertThat(argv).containsSubsequence("--", scenario.resolve("jdk/bin/java").toString(), "-jar")
                .containsSubsequence("upgrade", "--installed", "state/installed.yaml")
                .containsSubsequence("--window", "SAT 02:00-06:00 UTC")
                .containsSubsequence("--approve", "prepare.approve-window=ops-$USER")
                .containsSubsequence("--workspace", workspace.toString(), "--state-dir",
                        Steps.runState(agent).toString(), "--output", "json")
                .contains("--auto-rollback").noneMatch(a -> a.contains(KEY));
        String seen = Files.readString(scenario.resolve("secrets-seen"));
        assertThat(seen).isEqualTo("PRIME_API_KEY=" + Base64.getEncoder().encodeToString(
                KEY.getBytes(StandardCharsets.UTF_8)) + "\n");
        assertThat(Files.readString(scenario.resolve("found"))).containsPattern("-rw------- .* secrets");
        assertThat(Files.readString(scenario.resolve("folder"))).startsWith("drwx------ ");
        try (Stream<Path> runs = Files.list(agent.resolve("dataos-upgrade/runs"))) {
            assertThat(runs).as("the run folder, secrets file and all, once the engine has ended").isEmpty();
        }
        assertThat(context.log()).doesNotContain(KEY);
    }

    @Test
    void exitOneFailsTheStepWithTheRunbooksMessageUnlessPropagateIsOff() throws Exception {
        engine(1, "{\"status\":\"FAILED\",\"message\":\"helm upgrade failed\",\"runId\":\"r1\"}", "");

        assertThatThrownBy(() -> Steps.run(upgrade(), context)).isInstanceOf(AbortException.class)
                .hasMessage("dataosUpgrade ended FAILED: helm upgrade failed");

        DataosUpgradeStep quiet = upgrade();
        quiet.setPropagate(false);
        assertThat(Steps.run(quiet, newContext())).containsEntry("status", "FAILED").containsEntry("runId", "r1");
    }

    @Test
    void exitTwoIsInvalidInputNamedByTheStepsArgument() throws Exception {
        engine(2, "{\"status\":\"INVALID_INPUT\",\"error\":\"command line: --window: 'x' is not a window\"}", "");

        assertThatThrownBy(() -> Steps.run(upgrade(), context)).isInstanceOf(AbortException.class)
                .hasMessage("dataosUpgrade: command line: maintenanceWindow (--window): 'x' is not a window");
    }

    @Test
    void exitThreeStopsAtTheGateNamingItsApprovers() throws Exception {
        engine(3, "{\"status\":\"WAITING_FOR_APPROVAL\",\"runId\":\"r2\",\"journal\":\".dataos-upgrade/runs/r2/"
                + "journal.jsonl\",\"gatesWaiting\":[{\"id\":\"prepare.approve-window\",\"reason\":\"downtime\","
                + "\"approvers\":[\"ops@example.com\"]}]}", "");

        assertThatThrownBy(() -> Steps.run(upgrade(), context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("'prepare.approve-window' (downtime), approvers ops@example.com")
                .hasMessageContaining("runId 'r2'").hasMessageContaining("approval(gate:");
    }

    @Test
    void exitsOfASignalEndTheStepAborted() throws Exception {
        for (int code : new int[] {130, 143}) {
            engine(code, "{\"status\":\"INTERRUPTED\"}", "stopping at a safe point\n");
            TestStepContext run = newContext();

            assertThatThrownBy(() -> Steps.run(upgrade(), run)).as("exit " + code)
                    .isInstanceOfSatisfying(FlowInterruptedException.class,
                            e -> assertThat(e.getResult()).isEqualTo(Result.ABORTED));
            assertThat(run.log()).contains("the engine stopped (exit " + code + ")");
        }
    }

    @Test
    void anyOtherCodeOrNoJsonIsACrashQuotingTheLogsTail() throws Exception {
        engine(7, "{\"status\":\"SUCCEEDED\"}", "line one\nException in thread \"main\" boom " + KEY + "\n");
        assertThatThrownBy(() -> Steps.run(upgrade(), context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("exit code 7 and no result").hasMessageContaining("boom ****")
                .hasMessageNotContaining(KEY);

        for (String output : new String[] {"", "{\"status\":\"SUCCEEDED\"} trailing", "[1]"}) {
            engine(0, output, "the engine's last words\n");
            TestStepContext run = newContext();
            assertThatThrownBy(() -> Steps.run(upgrade(), run)).as(output).isInstanceOf(AbortException.class)
                    .hasMessageContaining("exit code 0 and no result").hasMessageContaining("the engine's last words");
        }
    }

    @Test
    void exitOneTwoSixIsAnEngineThatCouldNotStartWithTheWrappersReason() throws Exception {
        engine(126, null, "dataos-upgrade: /usr/lib/jvm/java-11/bin/java is Java 11: the engine needs Java 17 or"
                + " newer\n");

        assertThatThrownBy(() -> Steps.run(upgrade(), context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("could not start on test-agent").hasMessageContaining("is Java 11")
                .hasMessageContaining("Java 17 or newer on the agent");
    }
}
