package io.dataos.upgrade.verify;

import io.dataos.upgrade.loopback.LoopbackHttp;
import static io.dataos.upgrade.loopback.LoopbackHttp.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class PromQlCheckTest {

    static final String ERROR_RATE = "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";

    private CheckResult run(PromQlCheck check, TestInfo info) throws InterruptedException {
        KeptOutputs.Log log = KeptOutputs.log(getClass(), info.getTestMethod().orElseThrow().getName());
        Verification verification = new Verification(new LocalCommandRunner(), TestSecrets.provider(),
                new LocalWorkspace(KeptOutputs.dir(getClass(), info.getTestMethod().orElseThrow().getName())))
                .log(log);
        VerificationReport report = verification.run(VerificationPurpose.POST_UPGRADE, List.<Check>of(check), true);
        CheckResult result = report.results().get(0);
        log.keep("result", result.toString());
        return result;
    }

    private static PromQlCheck check(URI base, String uid, Duration bake, Duration interval, Duration timeout) {
        return new PromQlCheck(CheckBasics.of("api error rate", null, timeout),
                new PrometheusEndpoint(base, uid, "prometheus-token"), ERROR_RATE, Comparison.LESS, 0.05, bake,
                interval, false);
    }

    @Test
    void valueBelowThresholdThroughoutTheBakePasses(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query",
                n -> json(200, PrometheusResponses.vector("{\"job\":\"metis\"}", "0.012")))) {
            CheckResult result = run(check(prometheus.base(), null, Duration.ofMillis(800), Duration.ofMillis(200),
                    Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(prometheus.received()).hasSize(5);
            assertThat(result.message()).contains("held < 0.05 over 5 evaluation(s)").contains("800ms bake");
            assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(result.evidence()).contains("query: " + ERROR_RATE).contains("0.012");
        }
    }

    @Test
    void valueCrossingTheThresholdDuringTheBakeFailsNamingSeriesValueAndMoment(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query", n -> json(200, n < 2
                ? PrometheusResponses.vector("{\"job\":\"metis\"}", "0.01", "{\"job\":\"poros\"}", "0.02")
                : PrometheusResponses.vector("{\"job\":\"metis\"}", "0.01", "{\"job\":\"poros\"}", "0.31")))) {
            CheckResult result = run(check(prometheus.base(), null, Duration.ofSeconds(5), Duration.ofMillis(100),
                    Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(result.message()).contains("{job=\"poros\"} = 0.31, expected < 0.05").contains("evaluation 3");
            assertThat(prometheus.received()).as("fails at once, without waiting out the bake").hasSize(3);
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(4));
            assertThat(result.evidence()).contains("VIOLATES");
        }
    }

    @Test
    void queryAndBearerTokenReachPrometheusAsSent(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query",
                n -> json(200, PrometheusResponses.vector("{}", "0")))) {
            run(check(prometheus.base(), null, Duration.ZERO, null, Duration.ofSeconds(2)), info);

            LoopbackHttp.Received request = prometheus.received().get(0);
            assertThat(request.method()).isEqualTo("GET");
            assertThat(URLDecoder.decode(request.rawQuery(), StandardCharsets.UTF_8)).isEqualTo("query=" + ERROR_RATE);
            assertThat(request.authorization()).isEqualTo("Bearer " + TestSecrets.PROMETHEUS_TOKEN);
        }
    }

    @Test
    void grafanaDatasourceProxyPathIsUsedWhenAUidIsGiven(TestInfo info) throws Exception {
        try (LoopbackHttp grafana = new LoopbackHttp("/api/datasources/proxy/uid/prom-main/api/v1/query",
                n -> json(200, PrometheusResponses.scalar("0.001")))) {
            CheckResult result = run(check(grafana.base(), "prom-main", Duration.ZERO, null, Duration.ofSeconds(2)),
                    info);

            assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(grafana.received()).singleElement().satisfies(r -> assertThat(r.path())
                    .isEqualTo("/api/datasources/proxy/uid/prom-main/api/v1/query"));
        }
    }

    @Test
    void prometheusErrorResponseIsAnErrorQuotingItsTypeAndMessage(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query", n -> json(400,
                PrometheusResponses.error("bad_data", "invalid parameter \"query\": 1:24: parse error: unexpected"
                        + " right parenthesis ')'")))) {
            CheckResult result = run(check(prometheus.base(), null, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(result.message()).contains("HTTP 400 error bad_data: invalid parameter \"query\": 1:24: parse"
                    + " error");
            assertThat(result.evidence()).contains("\"errorType\":\"bad_data\"");
        }
    }

    @Test
    void unreachablePrometheusIsAnErrorNotAPass(TestInfo info) throws Exception {
        URI down = URI.create("http://127.0.0.1:" + LoopbackHttp.closedPort());

        CheckResult result = run(check(down, null, Duration.ZERO, null, Duration.ofSeconds(2)), info);

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.message()).contains("cannot connect to Prometheus " + down);
    }

    @Test
    void answerSlowerThanTheTimeoutIsAnError(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query",
                n -> json(200, PrometheusResponses.vector("{}", "0")).after(Duration.ofSeconds(3)))) {
            CheckResult result = run(check(prometheus.base(), null, Duration.ZERO, null, Duration.ofMillis(300)),
                    info);

            assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(result.message()).contains("did not answer within 300 ms");
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void emptyResultFailsBecauseNoDataIsNoEvidence(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query", n -> json(200, PrometheusResponses.vector()))) {
            CheckResult result = run(check(prometheus.base(), null, Duration.ZERO, null, Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(result.message()).contains("no samples").contains("passWhenEmpty");
        }
    }

    @Test
    void emptyResultPassesWhenTheCheckAllowsIt(TestInfo info) throws Exception {
        try (LoopbackHttp prometheus = new LoopbackHttp("/api/v1/query", n -> json(200, PrometheusResponses.vector()))) {
            PromQlCheck allowEmpty = new PromQlCheck(CheckBasics.of("alerts firing", null, Duration.ofSeconds(2)),
                    new PrometheusEndpoint(prometheus.base(), null, null), "ALERTS{alertstate=\"firing\"}",
                    Comparison.EQUAL, 0, Duration.ZERO, null, true);

            assertThat(run(allowEmpty, info).status()).isEqualTo(CheckStatus.PASSED);
            assertThat(prometheus.received().get(0).authorization()).as("no token configured, none sent").isNull();
        }
    }

    @Test
    void tokenEchoedBackByTheServerIsMaskedInTheResult(TestInfo info) throws Exception {
        try (LoopbackHttp grafana = new LoopbackHttp("/api/v1/query", n -> LoopbackHttp.Answer.text(401,
                "invalid API key: Bearer " + TestSecrets.PROMETHEUS_TOKEN))) {
            CheckResult result = run(check(grafana.base(), null, Duration.ZERO, null, Duration.ofSeconds(2)), info);

            assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
            assertThat(result.message()).contains("HTTP 401").contains("check the bearer token");
            assertThat(result.evidence()).contains("Bearer ****").doesNotContain(TestSecrets.PROMETHEUS_TOKEN);
        }
    }

    @Test
    void specialFloatsAreReadAsPrometheusWritesThem() throws Exception {
        assertThat(io.dataos.upgrade.metrics.PrometheusClientAccess.parse(PrometheusResponses.vector(
                "{\"a\":\"1\"}", "NaN", "{\"a\":\"2\"}", "+Inf", "{\"a\":\"3\"}", "-Inf")))
                .extracting(s -> s.value())
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(Comparison.LESS.holds(Double.NaN, 1)).as("NaN never satisfies a threshold").isFalse();
    }
}
