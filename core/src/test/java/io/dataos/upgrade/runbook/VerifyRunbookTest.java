package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.ProgressEvent;
import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.VerifyRequest;
import io.dataos.upgrade.api.VerifyResult;
import io.dataos.upgrade.api.VerifyRunbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VerifyRunbook} with the fake kubectl and a real HTTP server on loopback. */
class VerifyRunbookTest {

    @TempDir
    Path dir;
    FakeClis fake;
    LocalWorkspace workspace;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir.resolve("bin"));
        workspace = new LocalWorkspace(dir.resolve("ws"));
        fake.put("kube/rollout/dataos-manager", "complete\n");
        workspace.write("dataos-upgrade.yaml", ("helm:\n  kubectl: " + fake.kubectl() + "\n  executable: "
                + fake.helm() + "\n").getBytes());
    }

    private VerifyResult verify(VerifyRequest request) throws Exception {
        return new VerifyRunbook(new RunbookPorts(new LocalCommandRunner(), workspace, null, null, ProgressEvent.messages(log::add), null))
                .run(request);
    }

    private void checks(String url) throws Exception {
        workspace.write("ops/checks.yaml", """
                checks:
                  - name: dataos-manager rollout
                    type: rollout
                    layer: coreKernel
                    resource: statefulset/dataos-manager
                    namespace: dataos-manager
                  - name: gateway health
                    type: http
                    layer: coreKernel
                    url: %s
                  - name: data integrity
                    type: command
                    command: [true]
                    when: postRollback
                """.formatted(url).getBytes());
    }

    @Test
    void passingChecksGiveCountsAndTheJUnitFileWhereAsked() throws Exception {
        try (LoopbackHttp http = new LoopbackHttp("/ready", n -> LoopbackHttp.Answer.text(200, "ok"))) {
            checks(http.base() + "/ready");

            VerifyResult result = verify(new VerifyRequest("ops/checks.yaml", null, null, null, "reports/junit.xml",
                    null));

            assertThat(result.passed()).isTrue();
            assertThat(result.passedCount()).isEqualTo(2);
            assertThat(result.skippedCount()).isEqualTo(1);
            assertThat(result.total()).isEqualTo(3);
            assertThat(result.junit()).isEqualTo("reports/junit.xml");
            assertThat(Files.readString(workspace.resolve("reports/junit.xml"))).contains("<testcase")
                    .contains("gateway health");
            assertThat(result.markdown()).isEqualTo("dataos-upgrade/verify/verification.md");
            assertThat(workspace.resolve(result.json())).exists();
            assertThat(fake.calls("kubectl", "rollout")).hasSize(1);
        }
    }

    @Test
    void failedChecksAreAResultNamingEachCheck() throws Exception {
        try (LoopbackHttp http = new LoopbackHttp("/ready", n -> LoopbackHttp.Answer.text(503, "down"))) {
            checks(http.base() + "/ready");

            VerifyResult result = verify(new VerifyRequest("ops/checks.yaml", null,
                    VerificationPurpose.POST_ROLLBACK, "out/verify", null, null));

            assertThat(result.passed()).isFalse();
            assertThat(result.failedCount()).isEqualTo(1);
            assertThat(result.passedCount()).isEqualTo(2);
            assertThat(result.checks()).extracting(VerifyResult.CheckLine::name, VerifyResult.CheckLine::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("gateway health", "FAILED"));
            assertThat(result.junit()).isEqualTo("out/verify/verification-junit.xml");
            assertThat(result.toMap()).containsEntry("status", "FAILED").containsEntry("failed", 1);
        }
    }

    @Test
    void aMissingChecksFileIsRefused() {
        assertThatThrownBy(() -> verify(VerifyRequest.of("ops/none.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("verify request: checks: 'ops/none.yaml' does not exist in the workspace");
        assertThatThrownBy(() -> verify(new VerifyRequest(null, null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("verify request: checks: is missing");
    }
}
