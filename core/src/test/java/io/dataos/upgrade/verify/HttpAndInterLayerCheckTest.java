package io.dataos.upgrade.verify;

import io.dataos.upgrade.loopback.LoopbackHttp;
import static io.dataos.upgrade.loopback.LoopbackHttp.Answer.json;
import static io.dataos.upgrade.loopback.LoopbackHttp.Answer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class HttpAndInterLayerCheckTest {

    private CheckResult run(Check check, TestInfo info) throws InterruptedException {
        String name = info.getTestMethod().orElseThrow().getName();
        KeptOutputs.Log log = KeptOutputs.log(getClass(), name);
        VerificationReport report = new Verification(new LocalCommandRunner(), TestSecrets.provider(),
                new LocalWorkspace(KeptOutputs.dir(getClass(), name))).log(log)
                .run(VerificationPurpose.POST_ROLLBACK, List.of(check), false);
        log.keep("result", report.results().get(0).toString());
        return report.results().get(0);
    }

    private static HttpCheck health(URI url, String bodyContains, String tokenSecret, Duration timeout) {
        return new HttpCheck(CheckBasics.of("heimdall health", Layer.CORE_KERNEL, timeout), url, Set.of(200),
                bodyContains, tokenSecret);
    }

    @Test
    void healthyEndpointWithTheExpectedBodyPasses(TestInfo info) throws Exception {
        try (LoopbackHttp heimdall = new LoopbackHttp("/heimdall/health", n -> json(200, "{\"status\":\"UP\"}"))) {
            CheckResult result = run(health(URI.create(heimdall.base() + "/heimdall/health"), "\"status\":\"UP\"",
                    "webhook-token", Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(result.layer()).isEqualTo(Layer.CORE_KERNEL);
            assertThat(result.message()).startsWith("GET " + heimdall.base() + "/heimdall/health answered HTTP 200");
            assertThat(result.evidence()).contains("{\"status\":\"UP\"}");
            assertThat(heimdall.received().get(0).authorization()).isEqualTo("Bearer " + TestSecrets.WEBHOOK_TOKEN);
        }
    }

    @Test
    void unexpectedStatusFailsWithTheStatusAndBodyAsEvidence(TestInfo info) throws Exception {
        try (LoopbackHttp heimdall = new LoopbackHttp("/", n -> text(503, "upstream metis unavailable"))) {
            CheckResult result = run(health(heimdall.base().resolve("/health"), null, null, Duration.ofSeconds(2)),
                    info);

            assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(result.message()).contains("answered HTTP 503, expected 200");
            assertThat(result.evidence()).contains("→ HTTP 503").contains("upstream metis unavailable");
        }
    }

    @Test
    void bodyWithoutTheExpectedTextFails(TestInfo info) throws Exception {
        try (LoopbackHttp heimdall = new LoopbackHttp("/", n -> json(200, "{\"status\":\"DOWN\"}"))) {
            CheckResult result = run(health(heimdall.base().resolve("/health"), "\"status\":\"UP\"", null,
                    Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(result.message()).contains("body does not contain '\"status\":\"UP\"'");
        }
    }

    @Test
    void unreachableEndpointFailsTheHealthCheck(TestInfo info) throws Exception {
        URI down = URI.create("http://127.0.0.1:" + LoopbackHttp.closedPort() + "/health");

        CheckResult result = run(health(down, null, null, Duration.ofSeconds(2)), info);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).contains("connection refused");
    }

    @Test
    void endpointSlowerThanTheTimeoutFails(TestInfo info) throws Exception {
        try (LoopbackHttp slow = new LoopbackHttp("/", n -> text(200, "ok").after(Duration.ofSeconds(3)))) {
            CheckResult result = run(health(slow.base().resolve("/health"), null, null, Duration.ofMillis(300)),
                    info);

            assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(result.message()).contains("no answer within 300ms");
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void queryStringsOfEndpointsAreNotShown(TestInfo info) throws Exception {
        try (LoopbackHttp heimdall = new LoopbackHttp("/", n -> text(500, "boom"))) {
            URI withKey = URI.create(heimdall.base() + "/health?apikey=" + TestSecrets.WEBHOOK_TOKEN);

            CheckResult result = run(health(withKey, null, null, Duration.ofSeconds(2)), info);

            assertThat(result.message() + result.evidence()).doesNotContain(TestSecrets.WEBHOOK_TOKEN)
                    .contains("/health?****");
        }
    }

    @Test
    void tcpProbeToAListeningPortPasses(TestInfo info) throws Exception {
        try (ServerSocket postgres = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            InterLayerCheck probe = new InterLayerCheck(CheckBasics.of("core → cloud postgres", null,
                    Duration.ofSeconds(2)), Layer.CORE_KERNEL, Layer.CLOUD_KERNEL, "127.0.0.1",
                    postgres.getLocalPort(), null, null);

            CheckResult result = run(probe, info);

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(result.type()).isEqualTo(CheckType.INTER_LAYER);
            assertThat(result.message()).startsWith("CORE_KERNEL → CLOUD_KERNEL: TCP connection to 127.0.0.1:"
                    + postgres.getLocalPort() + " opened");
        }
    }

    @Test
    void tcpProbeToAClosedPortFails(TestInfo info) throws Exception {
        int closed = LoopbackHttp.closedPort();
        InterLayerCheck probe = new InterLayerCheck(CheckBasics.of("core → cloud postgres", null,
                Duration.ofSeconds(2)), Layer.CORE_KERNEL, Layer.CLOUD_KERNEL, "127.0.0.1", closed, null, null);

        CheckResult result = run(probe, info);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).isEqualTo("CORE_KERNEL → CLOUD_KERNEL: TCP connection to 127.0.0.1:" + closed
                + " refused");
    }

    @Test
    void tcpProbeToAnUnknownHostFails(TestInfo info) throws Exception {
        InterLayerCheck probe = new InterLayerCheck(CheckBasics.of("user space → gateway", null,
                Duration.ofSeconds(2)), Layer.USER_SPACE, Layer.CORE_KERNEL, "no-such-host.invalid", 443, null, null);

        CheckResult result = run(probe, info);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).contains("no-such-host.invalid");
    }

    @Test
    void httpInterLayerProbeIsJudgedByStatusAndLabelledWithItsDirection(TestInfo info) throws Exception {
        try (LoopbackHttp gateway = new LoopbackHttp("/ready", n -> text(204, ""))) {
            InterLayerCheck probe = new InterLayerCheck(CheckBasics.of("user space → gateway", null,
                    Duration.ofSeconds(2)), Layer.USER_SPACE, Layer.CORE_KERNEL, null, 0,
                    URI.create(gateway.base() + "/ready"), Set.of(200, 204));

            CheckResult result = run(probe, info);

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(result.message()).startsWith("USER_SPACE → CORE_KERNEL: GET").contains("HTTP 204");
        }
    }
}
