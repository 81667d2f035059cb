package io.dataos.upgrade.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where to read traffic and what window to find: a Prometheus base URL (or a Grafana base URL with
 * the uid of its Prometheus data source), the PromQL query whose value is the traffic (requests per
 * second, say), how far back to read ({@code 14d}), how long the window must be ({@code 4h}, whole
 * quarter hours, under a day), the time zone the window is written in (null: UTC), and the name of
 * a bearer-token secret (null: none).
 */
public record WindowRequest(String prometheus, String grafanaDatasourceUid, String query, String lookback,
        String duration, String zone, String tokenSecret) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_LOOKBACK = "14d";
    public static final String DEFAULT_DURATION = "4h";

    public WindowRequest {
        lookback = lookback == null || lookback.isBlank() ? DEFAULT_LOOKBACK : lookback.strip();
        duration = duration == null || duration.isBlank() ? DEFAULT_DURATION : duration.strip();
        zone = zone == null || zone.isBlank() ? "UTC" : zone.strip();
    }

    /** Prometheus at {@code url}, no token, in UTC. */
    public static WindowRequest of(String url, String query, String lookback, String duration) {
        return new WindowRequest(Objects.requireNonNull(url, "url"), null, query, lookback, duration, null, null);
    }
}
