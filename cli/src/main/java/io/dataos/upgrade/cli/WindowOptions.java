package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.WindowRequest;
import picocli.CommandLine.Option;

/** Where the traffic comes from and what window to find: shared by {@code window suggest} and {@code plan upgrade}. */
final class WindowOptions {

    @Option(names = "--grafana-datasource", paramLabel = "UID",
            description = "The uid of Grafana's Prometheus data source, when the URL is Grafana's: queries then go"
                    + " through its data source proxy.")
    String grafanaDatasource;

    @Option(names = "--query", paramLabel = "PROMQL",
            description = "The query whose value is the platform's traffic, e.g. 'sum(rate(http_requests_total[5m]))'.")
    String query;

    @Option(names = "--lookback", paramLabel = "PERIOD",
            description = "How far back to read traffic, 7d to 366d. Default: " + WindowRequest.DEFAULT_LOOKBACK + ".")
    String lookback;

    @Option(names = "--duration", paramLabel = "LENGTH",
            description = "How long the window must be, whole quarter hours under a day. Default: "
                    + WindowRequest.DEFAULT_DURATION + ".")
    String duration;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "The time zone the window is written in (UTC, +05:30, Europe/Berlin). Default: UTC.")
    String zone;

    @Option(names = "--token-secret", paramLabel = "NAME",
            description = "Send the secret NAME (environment variable NAME upper-cased, '-' as '_') as a bearer token.")
    String tokenSecret;

    WindowRequest request(String url) {
        return new WindowRequest(url, grafanaDatasource, query, lookback, duration, zone, tokenSecret);
    }
}
