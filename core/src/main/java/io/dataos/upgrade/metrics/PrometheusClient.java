package io.dataos.upgrade.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.metrics.PrometheusQueryException.Reason;
import io.dataos.upgrade.secret.RedactedUrl;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates PromQL queries through the Prometheus HTTP API ({@code GET /api/v1/query}, and
 * {@code /api/v1/query_range} for traffic over a period),
 * directly or through Grafana's data source proxy, and reads the API's success and error formats.
 */
public final class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_EXCERPT = 4096;
    /** Prometheus refuses a range query that would return more points than this per series. */
    public static final int MAX_POINTS_PER_SERIES = 11_000;
    private final HttpClient http;

    public PrometheusClient(HttpClient http) {
        this.http = http;
    }

    /**
     * Evaluates {@code query} now.
     *
     * @param token bearer token sent as {@code Authorization}, or null
     * @throws PrometheusQueryException when no usable answer came within {@code timeout}
     */
    public PromQueryResult query(PrometheusEndpoint endpoint, String query, Duration timeout, Secret token)
            throws PrometheusQueryException, InterruptedException {
        URI uri = URI.create(endpoint.queryUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(endpoint, uri, timeout, token);
        return parse(response.statusCode(), response.body(), where(endpoint));
    }

    /**
     * Evaluates {@code query} over {@code [start, end]} every {@code step} ({@code GET /api/v1/query_range}),
     * one series per label set. Prometheus refuses more than {@link #MAX_POINTS_PER_SERIES} points per
     * series: the caller picks a step of at least {@code (end - start) / 11,000}.
     *
     * @throws PrometheusQueryException when no usable answer came within {@code timeout}
     */
    public List<PromSeries> queryRange(PrometheusEndpoint endpoint, String query, Instant start, Instant end,
            Duration step, Duration timeout, Secret token) throws PrometheusQueryException, InterruptedException {
        URI uri = URI.create(endpoint.queryRangeUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds()
                + "s");
        HttpResponse<String> response = send(endpoint, uri, timeout, token);
        return parseRange(response.statusCode(), response.body(), where(endpoint));
    }

    private HttpResponse<String> send(PrometheusEndpoint endpoint, URI uri, Duration timeout, Secret token)
            throws PrometheusQueryException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token.reveal());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new PrometheusQueryException(Reason.UNREACHABLE, "no connection to " + where(endpoint)
                    + " within " + timeout.toMillis() + " ms", null);
        } catch (HttpTimeoutException e) {
            throw new PrometheusQueryException(Reason.TIMEOUT, where(endpoint) + " did not answer within "
                    + timeout.toMillis() + " ms", null);
        } catch (ConnectException e) {
            throw new PrometheusQueryException(Reason.UNREACHABLE, "cannot connect to " + where(endpoint)
                    + ": connection refused or host down", null);
        } catch (IOException e) {
            throw new PrometheusQueryException(Reason.UNREACHABLE, "cannot query " + where(endpoint) + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), null);
        }
    }

    /** Reads a range-query response body: a matrix of series, each with its [time, "value"] pairs. */
    static List<PromSeries> parseRange(int httpStatus, String body, String where) throws PrometheusQueryException {
        JsonNode data = data(httpStatus, body, where);
        String excerpt = excerpt(body);
        if (!"matrix".equals(data.path("resultType").asText("")) || !data.path("result").isArray()) {
            throw bad(where, "a range query answered resultType '" + data.path("resultType").asText("")
                    + "', expected matrix", excerpt);
        }
        List<PromSeries> series = new ArrayList<>();
        for (JsonNode one : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            one.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            JsonNode values = one.path("values");
            double[] times = new double[values.size()];
            double[] numbers = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                PromSample point = sample(labels, values.get(i), where, excerpt);
                times[i] = point.timestamp();
                numbers[i] = point.value();
            }
            series.add(new PromSeries(labels, times, numbers));
        }
        return series;
    }

    /** Reads a query response body in the Prometheus API format. */
    static PromQueryResult parse(int httpStatus, String body, String where) throws PrometheusQueryException {
        String excerpt = excerpt(body);
        JsonNode data = data(httpStatus, body, where);
        String resultType = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        List<PromSample> samples = new ArrayList<>();
        switch (resultType) {
            case "vector" -> {
                if (!result.isArray()) {
                    throw bad(where, "data.result is not a list", excerpt);
                }
                for (JsonNode series : result) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    samples.add(sample(labels, series.path("value"), where, excerpt));
                }
            }
            case "scalar" -> samples.add(sample(Map.of(), result, where, excerpt));
            case "matrix" -> throw new PrometheusQueryException(Reason.BAD_RESPONSE, where + " returned a range"
                    + " vector (matrix): write an instant-vector query, e.g. wrap the range in avg_over_time(...)",
                    excerpt);
            default -> throw bad(where, "resultType '" + resultType + "' cannot be compared with a threshold",
                    excerpt);
        }
        return new PromQueryResult(resultType, samples);
    }

    /** The {@code data} of a success answer; the API's error, or a body in another format, as an exception. */
    private static JsonNode data(int httpStatus, String body, String where) throws PrometheusQueryException {
        String excerpt = excerpt(body);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.has("status")) {
            throw new PrometheusQueryException(httpStatus / 100 == 2 ? Reason.BAD_RESPONSE : Reason.API_ERROR,
                    where + " answered HTTP " + httpStatus + " without the Prometheus API format"
                            + (httpStatus == 401 || httpStatus == 403 ? " (check the bearer token)" : ""), excerpt);
        }
        String status = root.path("status").asText();
        if ("error".equals(status)) {
            throw new PrometheusQueryException(Reason.API_ERROR, where + " answered HTTP " + httpStatus + " error "
                    + root.path("errorType").asText("?") + ": " + root.path("error").asText(""), excerpt);
        }
        if (!"success".equals(status)) {
            throw new PrometheusQueryException(Reason.BAD_RESPONSE, where + " answered status '" + status
                    + "', expected success or error", excerpt);
        }
        return root.path("data");
    }

    private static PromSample sample(Map<String, String> labels, JsonNode pair, String where, String excerpt)
            throws PrometheusQueryException {
        if (!pair.isArray() || pair.size() != 2) {
            throw bad(where, "a sample value is not [<unix time>, \"<number>\"]", excerpt);
        }
        double value;
        try {
            value = number(pair.get(1).asText());
        } catch (NumberFormatException e) {
            throw bad(where, "sample value '" + pair.get(1).asText() + "' is not a number", excerpt);
        }
        return new PromSample(labels, pair.get(0).asDouble(), value);
    }

    /** Prometheus writes special floats as {@code NaN}, {@code +Inf} and {@code -Inf}. */
    static double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static PrometheusQueryException bad(String where, String what, String excerpt) {
        return new PrometheusQueryException(Reason.BAD_RESPONSE, where + " answered in an unexpected format: "
                + what, excerpt);
    }

    private static String where(PrometheusEndpoint endpoint) {
        return (endpoint.viaGrafana() ? "Grafana " : "Prometheus ")
                + RedactedUrl.origin(endpoint.baseUrl());
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= BODY_EXCERPT ? body : body.substring(0, BODY_EXCERPT) + " …(truncated)";
    }
}
