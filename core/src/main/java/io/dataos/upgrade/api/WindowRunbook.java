package io.dataos.upgrade.api;

import io.dataos.upgrade.metrics.PromSeries;
import io.dataos.upgrade.metrics.PrometheusClient;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.metrics.PrometheusQueryException;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.RedactedUrl;
import io.dataos.upgrade.window.WeeklyTraffic;
import io.dataos.upgrade.window.WindowSuggestion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook's "identify a low-traffic window" (downtime planning) as one operation: reads the
 * traffic of the look-back period from Prometheus ({@code query_range}, directly or through
 * Grafana's data source proxy), folds it onto one week and proposes the recurring weekly window of
 * the length asked for with the lowest mean traffic. Prometheus refuses more than 11,000 points per
 * series, so the step is the look-back period / 11,000 (at least a minute).
 */
public final class WindowRunbook {

    static final String SOURCE = "window suggest";
    static final Duration MIN_LOOKBACK = Duration.ofDays(7);
    static final Duration MAX_LOOKBACK = Duration.ofDays(366);
    static final Duration MAX_DURATION = Duration.ofHours(24).minus(WeeklyTraffic.SLOT);
    static final Duration MIN_STEP = Duration.ofMinutes(1);
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PART = Pattern.compile("(\\d{1,6})([wdhm])");
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,6}[wdhm])+");

    private final RunbookPorts ports;
    private final HttpClient http;

    public WindowRunbook(RunbookPorts ports) {
        this(ports, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    WindowRunbook(RunbookPorts ports, HttpClient http) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The step a range query over {@code lookback} needs: lookback / 11,000 rounded up, at least a minute. */
    public static Duration step(Duration lookback) {
        long seconds = (lookback.toSeconds() + PrometheusClient.MAX_POINTS_PER_SERIES - 1)
                / PrometheusClient.MAX_POINTS_PER_SERIES;
        return Duration.ofSeconds(Math.max(MIN_STEP.toSeconds(), seconds));
    }

    /**
     * Suggests the window.
     *
     * @throws InvalidInputException for a bad URL, query, period, length or zone; nothing was read
     * @throws IOException when Prometheus did not answer with usable data, naming why
     */
    public WindowResult suggest(WindowRequest request) throws IOException, InterruptedException {
        URI url = url(request.prometheus());
        if (request.query() == null || request.query().isBlank()) {
            throw new InvalidInputException(SOURCE, "query", "is missing: give the PromQL query whose value is the"
                    + " platform's traffic, e.g. sum(rate(http_requests_total[5m]))");
        }
        Duration lookback = duration("lookback", request.lookback());
        if (lookback.compareTo(MIN_LOOKBACK) < 0 || lookback.compareTo(MAX_LOOKBACK) > 0) {
            throw new InvalidInputException(SOURCE, "lookback", "'" + request.lookback() + "' is outside 7d to"
                    + " 366d: the window recurs weekly, so read at least one week (14d is usual)");
        }
        Duration length = duration("duration", request.duration());
        if (length.isZero() || length.toMinutes() % WeeklyTraffic.SLOT.toMinutes() != 0
                || length.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException(SOURCE, "duration", "'" + request.duration() + "' is not a window"
                    + " length: give whole quarter hours under a day, e.g. 4h or 2h30m");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(request.zone().equalsIgnoreCase("UTC") ? "UTC" : request.zone());
        } catch (DateTimeException e) {
            throw new InvalidInputException(SOURCE, "zone", "'" + request.zone() + "' is not a time zone: write UTC,"
                    + " an offset (+05:30) or a region (Europe/Berlin)");
        }
        Secret token = null;
        if (request.tokenSecret() != null) {
            token = ports.secrets().require(request.tokenSecret());
        }
        Duration step = step(lookback);
        Instant end = ports.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(lookback);
        PrometheusEndpoint endpoint = new PrometheusEndpoint(url, blankToNull(request.grafanaDatasourceUid()),
                request.tokenSecret());
        ports.log().accept("reading traffic of the last " + request.lookback() + " from "
                + RedactedUrl.origin(url) + " every " + step.toSeconds() + " s");
        List<PromSeries> series;
        try {
            series = new PrometheusClient(http).queryRange(endpoint, request.query(), start, end, step, TIMEOUT,
                    token);
        } catch (PrometheusQueryException e) {
            throw new IOException(SOURCE + ": " + e.getMessage(), e);
        }
        WeeklyTraffic week = WeeklyTraffic.of(series, zone);
        WindowSuggestion chosen = week.quietest(length).orElseThrow(() -> new IOException(SOURCE + ": the query"
                + " returned " + (series.isEmpty() ? "no series" : week.points() + " point(s)") + " over " + start
                + " to " + end + ", which leave no " + request.duration() + " window of the week with data in every"
                + " quarter hour: check the query in Prometheus, or read a longer period"));
        String chart = week.chart(chosen);
        String message = String.format(Locale.ROOT, "suggested window %s: mean traffic %s, %.0f%% of the week's"
                + " mean %s (busiest %s window from %s: %s); %d point(s) every %d s over the last %s",
                chosen.spec(), number(chosen.meanTraffic()), chosen.shareOfWeekMean() * 100,
                number(chosen.weekMeanTraffic()), request.duration(), chosen.busiestStart().text(),
                number(chosen.busiestMeanTraffic()), chosen.points(), step.toSeconds(), request.lookback());
        return new WindowResult(chosen.spec(), zone.getId(), request.duration(), chosen.meanTraffic(),
                chosen.weekMeanTraffic(), chosen.shareOfWeekMean(), chosen.busiestStart().text(),
                chosen.busiestMeanTraffic(), request.lookback(), start.toString(), end.toString(), step.toSeconds(),
                chosen.points(), (double) chosen.coveredSlots() / chosen.weekSlots(), chart, message);
    }

    private static URI url(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(SOURCE, "prometheus", "is missing: give the Prometheus base URL (or"
                    + " Grafana's, with its data source uid), e.g. http://prometheus.monitoring:9090");
        }
        try {
            URI uri = new URI(text.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(SOURCE, "prometheus", "is not an http(s) URL with a host: write e.g."
                    + " http://prometheus.monitoring:9090");
        }
    }

    /** {@code 14d}, {@code 2w}, {@code 4h}, {@code 2h30m}, or ISO-8601 ({@code P14D}, {@code PT4H}). */
    static Duration duration(String field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(SOURCE, field, "'" + text + "' is not a duration: write e.g. 14d,"
                        + " 4h or 2h30m");
            }
        }
        if (!WHOLE.matcher(t).matches()) {
            throw new InvalidInputException(SOURCE, field, "'" + text + "' is not a duration: write e.g. 14d, 4h or"
                    + " 2h30m");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            });
        }
        return total;
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
