package io.dataos.upgrade.verify;

import io.dataos.upgrade.metrics.PromQueryResult;
import io.dataos.upgrade.metrics.PromSample;
import io.dataos.upgrade.metrics.PrometheusClient;
import io.dataos.upgrade.metrics.PrometheusQueryException;
import io.dataos.upgrade.secret.RedactedUrl;
import io.dataos.upgrade.secret.Secret;
import java.time.Duration;

/**
 * Evaluates a PromQL query every interval over the bake time; every sample of every evaluation must
 * hold against the threshold. The first violation fails the check at once with the series, value and
 * moment; a query the server cannot answer makes the check an ERROR (the metrics, not the platform,
 * are in doubt).
 */
final class PromQlProbe implements Probe<PromQlCheck> {

    @Override
    public Outcome probe(PromQlCheck check, ProbeContext context) throws Exception {
        Secret token = check.endpoint().tokenSecret() == null ? null : context.secret(check.endpoint().tokenSecret());
        PrometheusClient client = new PrometheusClient(context.http);
        StringBuilder evidence = new StringBuilder()
                .append("query: ").append(check.query()).append('\n')
                .append("condition: every sample ").append(check.condition()).append('\n')
                .append("endpoint: ").append(RedactedUrl.withoutQuery(check.endpoint().queryUrl())).append('\n')
                .append("bake: ").append(DurationText.format(check.bakeTime())).append(" every ")
                .append(DurationText.format(check.interval())).append('\n');
        long start = System.nanoTime();
        long bakeNanos = check.bakeTime().toNanos();
        int evaluations = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        while (true) {
            Duration at = Duration.ofNanos(System.nanoTime() - start);
            PromQueryResult result;
            try {
                result = client.query(check.endpoint(), check.query(), check.timeout(), token);
            } catch (PrometheusQueryException e) {
                evidence.append("t+").append(DurationText.format(truncate(at))).append(": ").append(e.getMessage());
                if (!e.responseBody().isEmpty()) {
                    evidence.append("\nresponse: ").append(e.responseBody());
                }
                return Outcome.error("query could not be evaluated (evaluation " + (evaluations + 1) + "): "
                        + e.getMessage(), evidence.toString());
            }
            evaluations++;
            evidence.append("t+").append(DurationText.format(truncate(at))).append(": ")
                    .append(result.samples().size()).append(" sample(s)");
            for (PromSample s : result.samples()) {
                lowest = Math.min(lowest, s.value());
                highest = Math.max(highest, s.value());
            }
            if (result.samples().isEmpty() && !check.passWhenEmpty()) {
                evidence.append('\n');
                return Outcome.failed("query returned no samples at t+" + DurationText.format(truncate(at))
                        + " (no data is no evidence of health; set passWhenEmpty: true if an empty result is fine)",
                        evidence.toString());
            }
            for (PromSample s : result.samples()) {
                if (!check.comparison().holds(s.value(), check.threshold())) {
                    evidence.append(", ").append(s.series()).append(" = ").append(s.value()).append(" VIOLATES ")
                            .append(check.condition()).append('\n');
                    return Outcome.failed(s.series() + " = " + s.value() + ", expected " + check.condition()
                            + " (evaluation " + evaluations + " at t+" + DurationText.format(truncate(at))
                            + " of a " + DurationText.format(check.bakeTime()) + " bake)", evidence.toString());
                }
            }
            evidence.append(result.samples().isEmpty() ? "" : ", range " + lowest + " … " + highest).append('\n');
            long elapsed = System.nanoTime() - start;
            long next = (long) evaluations * check.interval().toNanos();
            if (bakeNanos == 0 || next > bakeNanos) {
                break;
            }
            long wait = next - elapsed;
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        String range = lowest == Double.POSITIVE_INFINITY ? "no samples" : "values " + lowest + " … " + highest;
        return Outcome.passed("held " + check.condition() + " over " + evaluations + " evaluation(s)"
                + (check.bakeTime().isZero() ? "" : " in a " + DurationText.format(check.bakeTime()) + " bake")
                + " (" + range + ")", evidence.toString());
    }

    private static Duration truncate(Duration d) {
        return Duration.ofMillis(d.toMillis() / 100 * 100);
    }
}
