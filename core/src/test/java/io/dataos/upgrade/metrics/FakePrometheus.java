package io.dataos.upgrade.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.DoubleUnaryOperator;

/**
 * A real HTTP server on the loopback interface answering Prometheus' {@code /api/v1/query_range}
 * (and the same path behind Grafana's data source proxy) with synthetic traffic: each series'
 * value at Unix time t is its function of t. Like Prometheus it answers 400 {@code bad_data} when
 * a query would return more than 11,000 points per series, and parses start, end and step as
 * Prometheus does (Unix seconds; a step in seconds or with a unit).
 */
public final class FakePrometheus implements AutoCloseable {

    /** The query range as asked. */
    public record Asked(String path, String query, double start, double end, double stepSeconds) {
    }

    private final HttpServer server;
    private final Map<String, DoubleUnaryOperator> series;
    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    private volatile String token;

    /** Serves {@code series}: label value of {@code job} → traffic at a Unix time. */
    public FakePrometheus(Map<String, DoubleUnaryOperator> series) throws IOException {
        this.series = new LinkedHashMap<>(series);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-prometheus");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/v1/query_range", this::handle);
        server.createContext("/api/datasources/proxy/uid/prom-1/api/v1/query_range", this::handle);
        server.start();
    }

    /**
     * Two series (gateway 60 %, lens 40 %) of a day-and-night traffic curve (busiest in the afternoon,
     * quietest at 02:00, weekends at 70 %) with a quiet window planted on Wednesdays 13:00-17:00 UTC,
     * where traffic is otherwise high: only the data, not the time of day, can point there.
     */
    public static FakePrometheus quietWednesdayAfternoons() throws IOException {
        return new FakePrometheus(Map.of("gateway", t -> 0.6 * quietWednesdayAfternoon(t),
                "lens", t -> 0.4 * quietWednesdayAfternoon(t)));
    }

    /** The platform's traffic at Unix time {@code unixSeconds} in {@link #quietWednesdayAfternoons()}. */
    public static double quietWednesdayAfternoon(double unixSeconds) {
        java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(Math.round(unixSeconds * 1000))
                .atZone(java.time.ZoneOffset.UTC);
        double hour = t.getHour() + t.getMinute() / 60.0;
        if (t.getDayOfWeek() == java.time.DayOfWeek.WEDNESDAY && hour >= 13 && hour < 17) {
            return 10 + 2 * Math.sin(unixSeconds * 0.0137);
        }
        double level = 200 + 150 * Math.sin(2 * Math.PI * (hour - 8) / 24);
        boolean weekend = t.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
                || t.getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
        return (weekend ? 0.7 : 1.0) * level + 5 * Math.sin(unixSeconds * 0.0137);
    }

    /**
     * Answers only requests with {@code Authorization: Bearer token}, others 401 as Grafana does (Prometheus behind
     * an authenticating proxy answers the same way).
     */
    public FakePrometheus requireToken(String token) {
        this.token = token;
        return this;
    }

    public URI base() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public List<Asked> asked() {
        return List.copyOf(asked);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String required = token;
            if (required != null && !("Bearer " + required).equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"message\":\"Unauthorized\"}");
                return;
            }
            double start = Double.parseDouble(params.get("start"));
            double end = Double.parseDouble(params.get("end"));
            double step = seconds(params.get("step"));
            asked.add(new Asked(exchange.getRequestURI().getPath(), params.get("query"), start, end, step));
            // Prometheus' web/api/v1: "exceeded maximum resolution of 11,000 points per timeseries"
            if ((end - start) / step > 11_000) {
                answer(exchange, 400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"exceeded maximum"
                        + " resolution of 11,000 points per timeseries. Try decreasing the query resolution"
                        + " (?step=XX)\"}");
                return;
            }
            StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                    + "\"result\":[");
            List<String> out = new ArrayList<>();
            series.forEach((job, traffic) -> {
                StringBuilder one = new StringBuilder("{\"metric\":{\"job\":\"" + job + "\"},\"values\":[");
                boolean first = true;
                for (double t = start; t <= end; t += step) {
                    one.append(first ? "" : ",").append('[').append(String.format(Locale.ROOT, "%.3f", t))
                            .append(",\"").append(String.format(Locale.ROOT, "%.6f", traffic.applyAsDouble(t)))
                            .append("\"]");
                    first = false;
                }
                out.add(one.append("]}").toString());
            });
            body.append(String.join(",", out)).append("]}}");
            answer(exchange, 200, body.toString());
        }
    }

    private static double seconds(String step) {
        if (step.endsWith("s")) {
            return Double.parseDouble(step.substring(0, step.length() - 1));
        }
        if (step.endsWith("m")) {
            return Double.parseDouble(step.substring(0, step.length() - 1)) * 60;
        }
        return Double.parseDouble(step);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
