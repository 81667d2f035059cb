package io.dataos.upgrade.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class CommandAndClusterCheckTest {

    private Path dir;
    private KeptOutputs.Log log;

    @BeforeEach
    void setUp(TestInfo info) {
        String name = info.getTestMethod().orElseThrow().getName();
        dir = KeptOutputs.dir(getClass(), name);
        log = KeptOutputs.log(getClass(), name);
    }

    private CheckResult run(Check check) throws InterruptedException {
        VerificationReport report = new Verification(new LocalCommandRunner(), TestSecrets.provider(),
                new LocalWorkspace(dir)).log(log)
                .kubectl(dir.resolve("kubectl").toString()).helm(dir.resolve("helm").toString())
                .run(VerificationPurpose.POST_UPGRADE, List.of(check), true);
        log.keep("result", report.results().get(0).toString());
        return report.results().get(0);
    }

    private static CommandCheck command(Duration timeout, Map<String, String> secretEnv, String... argv) {
        return new CommandCheck(CheckBasics.of("regression suite", Layer.USER_SPACE, timeout), List.of(argv), null,
                secretEnv, 0);
    }

    @Test
    void regressionCommandExitingZeroPasses() throws Exception {
        CheckResult result = run(command(Duration.ofSeconds(10), Map.of(), "sh", "-c", "echo 12 tests passed"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.message()).startsWith("sh exited 0");
        assertThat(result.evidence()).contains("12 tests passed").contains("(exit 0");
    }

    @Test
    void regressionCommandExitingNonZeroFailsWithItsLastLine() throws Exception {
        CheckResult result = run(command(Duration.ofSeconds(10), Map.of(), "sh", "-c",
                "echo 'running 12 tests'; echo 'FAIL: lens query returns 500' >&2; exit 3"));

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("sh exited 3, expected 0: FAIL: lens query returns 500");
        assertThat(result.evidence()).contains("running 12 tests");
    }

    @Test
    void regressionCommandPastItsTimeoutIsStoppedAndFails() throws Exception {
        CheckResult result = run(command(Duration.ofMillis(400), Map.of(), "sleep", "30"));

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("sleep was stopped after running 400ms");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void secretReachesTheCommandThroughItsEnvironmentAndIsMaskedInItsOutput() throws Exception {
        Path seen = dir.resolve("token-length");
        CheckResult result = run(command(Duration.ofSeconds(10), Map.of("API_TOKEN", "regression-token"), "sh", "-c",
                "printf %s \"$API_TOKEN\" | wc -c > " + seen + "; echo using token $API_TOKEN"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(Files.readString(seen).trim()).isEqualTo(String.valueOf(TestSecrets.REGRESSION_TOKEN.length()));
        assertThat(result.evidence()).contains("using token ****").doesNotContain(TestSecrets.REGRESSION_TOKEN);
        assertThat(log.lines()).noneMatch(l -> l.contains(TestSecrets.REGRESSION_TOKEN))
                .anyMatch(l -> l.contains("using token ****"));
    }

    @Test
    void missingSecretIsAnErrorNamingIt() throws Exception {
        CheckResult result = run(command(Duration.ofSeconds(10), Map.of("T", "lens-token"), "true"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).contains("secret 'lens-token' is not configured");
    }

    @Test
    void programThatCannotStartIsAnError() throws Exception {
        CheckResult result = run(command(Duration.ofSeconds(10), Map.of(), dir.resolve("no-such-suite").toString()));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).contains("cannot start").contains("no-such-suite");
    }

    @Test
    void completedRolloutPassesWithKubectlsVerdict() throws Exception {
        FakeCli.write(dir, "kubectl", FakeCli.ROLLOUT_COMPLETE, 0);

        CheckResult result = run(new RolloutCheck(CheckBasics.of("manager rollout", Layer.CORE_KERNEL,
                Duration.ofMinutes(5)), "statefulset/dataos-manager", "dataos-manager", "prod-eu"));

        assertThat(FakeCli.argv(dir, "kubectl")).containsExactly("--context", "prod-eu", "rollout", "status",
                "statefulset/dataos-manager", "-n", "dataos-manager", "--watch=true", "--timeout=300s");
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.message()).isEqualTo("statefulset/dataos-manager in namespace dataos-manager: statefulset"
                + " rolling update complete 3 pods at revision dataos-manager-7c9d5b8f4...");
    }

    @Test
    void rolloutThatTimesOutFails() throws Exception {
        FakeCli.write(dir, "kubectl", FakeCli.ROLLOUT_TIMED_OUT, 1);

        CheckResult result = run(new RolloutCheck(CheckBasics.of("manager rollout", Layer.CORE_KERNEL,
                Duration.ofSeconds(30)), "statefulset/dataos-manager", "dataos-manager", null));

        assertThat(FakeCli.argv(dir, "kubectl")).doesNotContain("--context").contains("--timeout=30s");
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("rollout of statefulset/dataos-manager in namespace dataos-manager did"
                + " not complete: error: timed out waiting for the condition");
    }

    @Test
    void unreachableClusterMakesTheRolloutCheckAnError() throws Exception {
        FakeCli.write(dir, "kubectl", FakeCli.CLUSTER_REFUSED, 1);

        CheckResult result = run(new RolloutCheck(CheckBasics.of("manager rollout", Layer.CORE_KERNEL,
                Duration.ofSeconds(30)), "statefulset/dataos-manager", "dataos-manager", null));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).contains("cannot reach the cluster")
                .contains("The connection to the server 127.0.0.1:1 was refused");
    }

    @Test
    void unknownKubeContextMakesTheRolloutCheckAnError() throws Exception {
        FakeCli.write(dir, "kubectl", "error: context \"prod-eu\" does not exist\n", 1);

        CheckResult result = run(new RolloutCheck(CheckBasics.of("manager rollout", Layer.CORE_KERNEL,
                Duration.ofSeconds(30)), "statefulset/dataos-manager", "dataos-manager", "prod-eu"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).endsWith("error: context \"prod-eu\" does not exist");
    }

    @Test
    void helmTestWhoseSuitesSucceedPasses() throws Exception {
        FakeCli.write(dir, "helm", FakeCli.HELM_TEST_SUCCEEDED, 0);

        CheckResult result = run(new HelmTestCheck(CheckBasics.of("helm tests", null, Duration.ofMinutes(5)),
                "dataos-manager", "dataos-manager", false));

        assertThat(FakeCli.argv(dir, "helm")).containsExactly("test", "dataos-manager", "-n", "dataos-manager",
                "--timeout", "300s");
        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.message()).isEqualTo("helm test of release dataos-manager in namespace dataos-manager: 1 of"
                + " 1 test suite(s) succeeded");
    }

    @Test
    void helmTestWhoseSuiteFailsFailsWithHelmsError() throws Exception {
        FakeCli.write(dir, "helm", FakeCli.HELM_TEST_FAILED, 1);

        CheckResult result = run(new HelmTestCheck(CheckBasics.of("helm tests", null, Duration.ofMinutes(5)),
                "dataos-manager", "dataos-manager", true));

        assertThat(FakeCli.argv(dir, "helm")).endsWith("--logs");
        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("helm test of release dataos-manager in namespace dataos-manager"
                + " failed: Error: 1 error occurred: * pod dataos-manager-test-connection failed");
        assertThat(result.evidence()).contains("Phase:          Failed");
    }
}
