package io.dataos.upgrade.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

    @Test
    void vectorSamplesCarryTheirLabelsTimeAndValue() throws Exception {
        PromQueryResult result = PrometheusClient.parse(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"value":[1435781451.781,"1"]},
                  {"metric":{"__name__":"up","job":"node","instance":"localhost:9100"},"value":[1435781451.781,"0"]}]}}
                """, "Prometheus test");

        assertThat(result.resultType()).isEqualTo("vector");
        assertThat(result.samples()).hasSize(2);
        PromSample first = result.samples().get(0);
        assertThat(first.timestamp()).isEqualTo(1435781451.781);
        assertThat(first.value()).isEqualTo(1.0);
        assertThat(first.series()).isEqualTo("{__name__=\"up\", instance=\"localhost:9090\", job=\"prometheus\"}");
    }

    @Test
    void rangeVectorsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> PrometheusClient.parse(200, """
                {"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}}
                """, "Prometheus test"))
                .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PrometheusQueryException.Reason.BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("avg_over_time");
                });
    }

    @Test
    void stringResultsCannotBeComparedWithAThreshold() {
        assertThatThrownBy(() -> PrometheusClient.parse(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"x\"]}}", "P"))
                .hasMessageContaining("resultType 'string'");
    }

    @Test
    void aPageThatIsNotTheApiFormatIsReportedWithItsStatus() {
        assertThatThrownBy(() -> PrometheusClient.parse(502, "<html>Bad Gateway</html>", "Grafana g"))
                .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PrometheusQueryException.Reason.API_ERROR);
                    assertThat(e.getMessage()).isEqualTo("Grafana g answered HTTP 502 without the Prometheus API"
                            + " format");
                    assertThat(e.responseBody()).isEqualTo("<html>Bad Gateway</html>");
                });
    }

    @Test
    void aValueThatIsNotANumberIsABadResponse() {
        assertThatThrownBy(() -> PrometheusClient.parse(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                        + "\"value\":[1,\"lots\"]}]}}", "P"))
                .hasMessageContaining("'lots' is not a number");
    }

    @Test
    void grafanaQueriesGoThroughTheDatasourceProxy() {
        assertThat(new PrometheusEndpoint(URI.create("https://grafana.example/"), "abc-1", null).queryUrl())
                .isEqualTo(URI.create("https://grafana.example/api/datasources/proxy/uid/abc-1/api/v1/query"));
        assertThat(new PrometheusEndpoint(URI.create("http://prom:9090"), null, null).queryUrl())
                .isEqualTo(URI.create("http://prom:9090/api/v1/query"));
    }
}
