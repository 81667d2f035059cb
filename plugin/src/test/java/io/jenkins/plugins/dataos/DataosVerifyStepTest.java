package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.model.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataosVerify} with the engine's real verification: HTTP checks against a JDK HttpServer on loopback that
 * wants the bearer token from a Jenkins credential, and a real process started through the build's Launcher.
 */
class DataosVerifyStepTest {

    static final String TOKEN = "grafana-7c1e93b04d2a";
    static final String KEY = "prime-5be0a7d93f14";
    static final String NOW = "2026-11-28T03:00:00Z";

    @TempDir
    Path workspace;
    @TempDir
    Path agent;

    HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void platform() throws IOException {
        TestCredentials.reset();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/heimdall/health", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            boolean ok = ("Bearer " + TOKEN).equals(auth);
            answer(exchange, ok ? 200 : 401, ok ? "{\"status\":\"UP\"}" : "{\"error\":\"unauthorized\"}");
        });
        server.createContext("/gateway/ready", exchange -> answer(exchange, 503, "gateway warming up"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        TestCredentials.reset();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void checksFile(boolean withBrokenGateway) throws IOException {
        String checks = "checks:\n"
                + "  - name: heimdall health\n"
                + "    type: http\n"
                + "    layer: coreKernel\n"
                + "    url: " + url("/heimdall/health") + "\n"
                + "    bodyContains: '\"status\":\"UP\"'\n"
                + "    tokenSecret: grafana-token\n"
                + "  - name: regression smoke\n"
                + "    type: command\n"
                + "    command: [printenv, API_TOKEN]\n"
                + "    secretEnv: {API_TOKEN: prime-api-key}\n"
                + (withBrokenGateway
                ? "  - name: gateway ready\n"
                + "    type: http\n"
                + "    layer: userSpace\n"
                + "    url: " + url("/gateway/ready") + "\n"
                : "")
                + "  - name: metis after rollback\n"
                + "    type: http\n"
                + "    url: " + url("/heimdall/health") + "\n"
                + "    when: postRollback\n";
        Files.createDirectories(workspace.resolve("checks"));
        Files.writeString(workspace.resolve("checks/post-upgrade.yaml"), checks);
    }

    private DataosVerifyStep step() {
        DataosVerifyStep step = new DataosVerifyStep("checks/post-upgrade.yaml");
        step.setCredentialsId("dataos-prime-key");
        step.setSecrets(List.of(new SecretCredential("grafana-token", "dataos-grafana-token")));
        return step;
    }

    @Test
    void failedCheckMarksTheBuildUnstableAndReturnsCountsFailedChecksAndTheJUnitPath() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestCredentials.secretText("dataos-grafana-token", TOKEN);
        checksFile(true);
        DataosVerifyStep step = step();
        step.setFailOn("unstable");
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), TOKEN);

        assertThat(context.result()).isEqualTo(Result.UNSTABLE);
        assertThat(context.get(org.jenkinsci.plugins.workflow.graph.FlowNode.class).getActions())
                .singleElement().isInstanceOfSatisfying(org.jenkinsci.plugins.workflow.actions.WarningAction.class,
                        w -> {
                            assertThat(w.getResult()).isEqualTo(Result.UNSTABLE);
                            assertThat(w.getMessage()).contains("1 failed");
                        });
        assertThat(result).containsEntry("purpose", "postUpgrade").containsEntry("passed", 2L)
                .containsEntry("failed", 1L).containsEntry("errors", 0L).containsEntry("skipped", 1L)
                .containsEntry("total", 4L).containsEntry("ok", false).containsEntry("buildResult", "UNSTABLE")
                .containsEntry("rollbackRecommended", true)
                .containsEntry("junit", "dataos-upgrade/verify/junit.xml")
                .containsEntry("markdown", "dataos-upgrade/verify/verification.md")
                .containsEntry("json", "dataos-upgrade/verify/verification.json");
        assertThat(result.get("rollbackReason")).asString().contains("gateway ready");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failed = (List<Map<String, Object>>) result.get("failedChecks");
        assertThat(failed).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("name", "gateway ready").containsEntry("status", "FAILED")
                    .containsEntry("layer", "USER_SPACE").containsEntry("critical", true);
            assertThat(c.get("message")).asString().contains("503");
        });

        String junit = Files.readString(workspace.resolve("dataos-upgrade/verify/junit.xml"));
        assertThat(junit).contains("tests=\"4\"").contains("failures=\"1\"").contains("name=\"gateway ready\"")
                .contains("<skipped");
        assertThat(Files.readString(workspace.resolve("dataos-upgrade/verify/verification.md")))
                .contains("heimdall health").contains("gateway ready");
        assertThat(authorizations).contains("Bearer " + TOKEN);
        assertThat(context.log()).contains("marked UNSTABLE").contains("gateway ready");
        noSecretLeft(context, result);
    }

    @Test
    void failedCheckFailsTheStepByDefaultAfterWritingTheJUnitXml() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestCredentials.secretText("dataos-grafana-token", TOKEN);
        checksFile(true);
        TestStepContext context = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> Steps.run(step(), context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("gateway ready").hasMessageContaining("dataos-upgrade/verify/junit.xml")
                .hasMessageContaining("failOn: 'unstable'").hasMessageNotContaining(TOKEN).hasMessageNotContaining(KEY);
        assertThat(context.result()).isNull();
        assertThat(workspace.resolve("dataos-upgrade/verify/junit.xml")).isRegularFile();
        noSecretLeft(context, Map.of());
    }

    @Test
    void checksThatAllPassLeaveTheBuildResultAlone() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestCredentials.secretText("dataos-grafana-token", TOKEN);
        checksFile(false);
        DataosVerifyStep step = step();
        step.setJunitFile("reports/validation.xml");
        step.setReportDir("reports/validation");
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), KEY);

        assertThat(context.result()).isNull();
        assertThat(result).containsEntry("ok", true).containsEntry("passed", 2L).containsEntry("failed", 0L)
                .containsEntry("buildResult", "SUCCESS").containsEntry("rollbackRecommended", false)
                .containsEntry("failedChecks", List.of()).containsEntry("junit", "reports/validation.xml");
        assertThat(workspace.resolve("reports/validation.xml")).isRegularFile();
        assertThat(workspace.resolve("reports/validation/verification.json")).isRegularFile();
        noSecretLeft(context, result);
    }

    @Test
    void postRollbackPurposeRunsTheChecksMeantForAfterARollback() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestCredentials.secretText("dataos-grafana-token", TOKEN);
        checksFile(false);
        DataosVerifyStep step = step();
        step.setPurpose("postRollback");
        TestStepContext context = new TestStepContext(workspace, agent);

        // the metis check, skipped after an upgrade, now runs; it sends no token, so the server refuses it
        assertThatThrownBy(() -> Steps.run(step, context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("post-rollback verification FAILED: 2 passed, 1 failed")
                .hasMessageContaining("metis after rollback").hasMessageContaining("401");
        assertThat(Files.readString(workspace.resolve("dataos-upgrade/verify/junit.xml"))).contains("postRollback");
    }

    @Test
    void badChecksFileIsRefusedNamingTheFieldBeforeAnyCheckRuns() throws Exception {
        Files.createDirectories(workspace.resolve("checks"));
        Files.writeString(workspace.resolve("checks/post-upgrade.yaml"), "checks:\n  - name: health\n    type: http\n"
                + "    url: " + url("/heimdall/health") + "\n    expectStatuss: 200\n");
        DataosVerifyStep step = new DataosVerifyStep("checks/post-upgrade.yaml");

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("checks/post-upgrade.yaml")
                .hasMessageContaining("expectStatuss");
        assertThat(authorizations).isEmpty();
        assertThat(workspace.resolve("dataos-upgrade")).doesNotExist();
    }

    @Test
    void secretCredentialForAMissingIdFailsNamingTheIdAndTheSecret() throws Exception {
        checksFile(false);
        DataosVerifyStep step = new DataosVerifyStep("checks/post-upgrade.yaml");
        step.setSecrets(List.of(new SecretCredential("grafana-token", "dataos-grafana-tokn")));

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("'dataos-grafana-tokn'")
                .hasMessageContaining("grafana-token");
        assertThat(authorizations).isEmpty();
    }

    @Test
    void secretsAreCheckedForShapeBeforeAnythingStarts() {
        DataosVerifyStep step = new DataosVerifyStep("checks/post-upgrade.yaml");
        step.setSecrets(List.of(new SecretCredential("grafana-token", "a"), new SecretCredential("grafana-token", "b")));
        assertThatThrownBy(step::invocation).isInstanceOf(AbortException.class).hasMessageContaining("twice");
        step.setSecrets(List.of(new SecretCredential("prime-api-key", "other")));
        assertThatThrownBy(step::invocation).isInstanceOf(AbortException.class).hasMessageContaining("credentialsId");
        step.setSecrets(List.of(new SecretCredential("grafana token", "x")));
        assertThatThrownBy(step::invocation).isInstanceOf(AbortException.class).hasMessageContaining("not a secret name");
        assertThat(new SecretCredential.DescriptorImpl().doCheckName("grafana-token").kind)
                .isEqualTo(hudson.util.FormValidation.Kind.OK);
        assertThat(new DataosVerifyStep.DescriptorImpl().doCheckPurpose("postDeploy").kind)
                .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
    }

    private void noSecretLeft(TestStepContext context, Map<String, Object> result) throws IOException {
        for (String secret : List.of(TOKEN, KEY)) {
            assertThat(context.log()).as("build log").doesNotContain(secret);
            assertThat(String.valueOf(result)).as("result").doesNotContain(secret);
            assertThat(Steps.filesContaining(workspace, secret)).as("workspace files").isEmpty();
        }
    }
}
