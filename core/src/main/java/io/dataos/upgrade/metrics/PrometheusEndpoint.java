package io.dataos.upgrade.metrics;

import java.net.URI;
import java.util.Objects;

/**
 * Where PromQL queries go: a Prometheus server's base URL, or a Grafana base URL with the uid of its
 * Prometheus data source (queries then take Grafana's data source proxy path). {@code tokenSecret}
 * names the bearer token in the secret provider, or is null when the endpoint needs none.
 */
public record PrometheusEndpoint(URI baseUrl, String grafanaDatasourceUid, String tokenSecret) {

    public PrometheusEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** The instant-query URL: {@code /api/v1/query} on Prometheus, the proxied path on Grafana. */
    public URI queryUrl() {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (grafanaDatasourceUid != null) {
            return URI.create(base + "/api/datasources/proxy/uid/" + grafanaDatasourceUid + "/api/v1/query");
        }
        return URI.create(base + "/api/v1/query");
    }

    /** The range-query URL: {@code /api/v1/query_range}, on Prometheus or through Grafana's proxy. */
    public URI queryRangeUrl() {
        String query = queryUrl().toString();
        return URI.create(query + "_range");
    }

    public boolean viaGrafana() {
        return grafanaDatasourceUid != null;
    }
}
