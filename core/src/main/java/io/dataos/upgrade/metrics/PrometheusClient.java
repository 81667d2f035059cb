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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates instant PromQL queries through the Prometheus HTTP API ({@code GET /api/v1/query}),
 * directly or through Grafana's data source proxy, and reads the API's success and error formats.
 */
public final class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_EXCERPT = 4096;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token.reveal());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
        return parse(response.statusCode(), response.body(), where(endpoint));
    }

    /** Reads a query response body in the Prometheus API format. */
    static PromQueryResult parse(int httpStatus, String body, String where) throws PrometheusQueryException {
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
        JsonNode data = root.path("data");
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
