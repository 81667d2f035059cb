package io.dataos.upgrade.metrics;

import java.util.List;

/** Opens the response parser to tests in other packages. */
public final class PrometheusClientAccess {

    private PrometheusClientAccess() {
    }

    public static List<PromSample> parse(String body) throws PrometheusQueryException {
        return PrometheusClient.parse(200, body, "test").samples();
    }
}
