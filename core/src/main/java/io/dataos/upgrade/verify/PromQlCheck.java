package io.dataos.upgrade.verify;

import io.dataos.upgrade.metrics.PrometheusEndpoint;
import java.time.Duration;
import java.util.Objects;

/**
 * A PromQL query whose every sample must satisfy {@code <value> <comparison> <threshold>}, evaluated
 * every {@code interval} for {@code bakeTime} (zero: once). {@code passWhenEmpty} says whether a query
 * with no samples passes; by default it fails, because no data is no evidence of health.
 */
public record PromQlCheck(CheckBasics basics, PrometheusEndpoint endpoint, String query, Comparison comparison,
        double threshold, Duration bakeTime, Duration interval, boolean passWhenEmpty) implements Check {

    public PromQlCheck {
        Objects.requireNonNull(basics, "basics");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(comparison, "comparison");
        bakeTime = bakeTime == null ? Duration.ZERO : bakeTime;
        interval = interval == null ? Duration.ofSeconds(30) : interval;
    }

    @Override
    public CheckType type() {
        return CheckType.PROMQL;
    }

    /** The condition as written in the checks file, e.g. {@code < 0.05}. */
    public String condition() {
        return comparison.symbol() + " " + threshold;
    }

    @Override
    public Duration budget() {
        // each evaluation may take up to the timeout, the last one starting at the end of the bake
        return bakeTime.plus(timeout()).plus(timeout());
    }
}
