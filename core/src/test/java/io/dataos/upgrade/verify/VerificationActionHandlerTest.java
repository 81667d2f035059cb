package io.dataos.upgrade.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.run.RunStatus;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class VerificationActionHandlerTest {

    private Path dir;
    private LocalWorkspace workspace;
    private KeptOutputs.Log log;

    @BeforeEach
    void setUp(TestInfo info) {
        String name = info.getTestMethod().orElseThrow().getName();
        dir = KeptOutputs.dir(getClass(), name);
        workspace = new LocalWorkspace(dir);
        log = KeptOutputs.log(getClass(), name);
    }

    private RunResult run(String runId, ActionKind kind, Map<String, String> params, boolean dryRun) throws Exception {
        PlanAction validate = new PlanAction("validate", Phase.VERIFY, null, null, kind, null, null, List.of(), false,
                List.of(), "post-upgrade validation", params);
        PlanExecutor executor = PlanExecutor.builder(workspace, new LocalCommandRunner(),
                ActionHandlers.builder().on(kind, new VerificationActionHandler()).build())
                .secrets(TestSecrets.provider()).log(log).build();
        RunRequest request = RunRequest.of(runId, "plan-1", List.of(validate));
        return executor.run(dryRun ? request.asDryRun() : request);
    }

    @Test
    void failedValidationFailsTheActionKeepsTheResultsAndMasksSecretsInTheJournal() throws Exception {
        try (LoopbackHttp gateway = new LoopbackHttp("/", n -> LoopbackHttp.Answer.text(503, "down"))) {
            workspace.write("ops/checks.yaml", ("""
                    checks:
                      - name: gateway
                        type: http
                        url: %s/ready
                        timeout: 2s
                      - name: regression
                        type: command
                        command: [printenv, TOKEN]
                        secretEnv: {TOKEN: regression-token}
                    """.formatted(gateway.base())).getBytes());

            RunResult result = run("upgrade-9", ActionKind.VALIDATE, Map.of("checks", "ops/checks.yaml"), false);

            assertThat(result.status()).isEqualTo(RunStatus.FAILED);
            assertThat(result.error()).startsWith("post-upgrade validation failed: gateway (FAILED: GET")
                    .contains("1 passed, 1 failed");
            assertThat(dir.resolve("dataos-upgrade/runs/upgrade-9/validate/verification.json")).isRegularFile();
            assertThat(dir.resolve("dataos-upgrade/runs/upgrade-9/validate/verification-junit.xml")).isRegularFile();
            String journal = Files.readString(dir.resolve(Journal.pathOf("upgrade-9")));
            assertThat(journal).doesNotContain(TestSecrets.REGRESSION_TOKEN);
            assertThat(log.lines()).anyMatch(l -> l.contains("****")).noneMatch(l -> l.contains(TestSecrets.REGRESSION_TOKEN));
        }
    }

    @Test
    void passingVerificationAfterARollbackSucceeds() throws Exception {
        workspace.write("checks.yaml", "checks: [{name: smoke, type: command, command: [\"true\"]}]".getBytes());

        RunResult result = run("rollback-9", ActionKind.VERIFY_ROLLBACK, Map.of("checks", "checks.yaml",
                "outputDir", "out/verify"), false);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readString(dir.resolve("out/verify/verification.md"))).startsWith(
                "# Post-rollback verification");
    }

    @Test
    void dryRunOnlyReadsTheChecksFile() throws Exception {
        workspace.write("checks.yaml", "checks: [{name: smoke, type: command, command: [\"false\"]}]".getBytes());

        RunResult result = run("dry-9", ActionKind.VALIDATE, Map.of("checks", "checks.yaml"), true);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(dir.resolve("dataos-upgrade/runs/dry-9")).doesNotExist();
    }

    @Test
    void actionWithoutAChecksFileIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> run("bad-9", ActionKind.VALIDATE, Map.of(), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                        .isEqualTo("actions[0].params.checks"));
        assertThat(dir.resolve(Journal.pathOf("bad-9"))).doesNotExist();
    }
}
