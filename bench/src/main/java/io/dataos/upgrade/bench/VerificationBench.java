package io.dataos.upgrade.bench;

import com.sun.net.httpserver.HttpServer;
import io.dataos.upgrade.metrics.PromQueryResult;
import io.dataos.upgrade.metrics.PrometheusClient;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.CheckStatus;
import io.dataos.upgrade.verify.CheckType;
import io.dataos.upgrade.verify.VerificationJUnitXml;
import io.dataos.upgrade.verify.VerificationMarkdown;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How verification scales: a PromQL answer with many series (HTTP on loopback plus parsing), and the
 * JUnit XML and Markdown of a report with many checks carrying evidence. Prints medians of several
 * runs. Run: {@code java -cp <core and bench jars and deps> io.dataos.upgrade.bench.VerificationBench}.
 */
public final class VerificationBench {

    private static final int RUNS = 7;

    private VerificationBench() {
    }

    public static void main(String[] args) throws Exception {
        promql(1_000);
        promql(20_000);
        outputs(500);
        outputs(5_000);
    }

    private static void promql(int series) throws Exception {
        StringBuilder body = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < series; i++) {
            body.append(i == 0 ? "" : ",").append("{\"metric\":{\"__name__\":\"http_requests_total\",\"job\":\"svc-")
                    .append(i % 97).append("\",\"instance\":\"10.0.").append(i / 250).append('.').append(i % 250)
                    .append(":8080\"},\"value\":[1732530000.781,\"0.0").append(i % 9).append("\"]}");
        }
        byte[] bytes = body.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            PrometheusClient client = new PrometheusClient(HttpClient.newHttpClient());
            PrometheusEndpoint endpoint = new PrometheusEndpoint(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort()), null, null);
            long[] nanos = new long[RUNS];
            int samples = 0;
            for (int i = 0; i < RUNS + 2; i++) {
                long start = System.nanoTime();
                PromQueryResult result = client.query(endpoint, "http_requests_total", Duration.ofSeconds(30), null);
                long took = System.nanoTime() - start;
                samples = result.samples().size();
                if (i >= 2) {
                    nanos[i - 2] = took; // the first two warm up the JIT and the connection
                }
            }
            System.out.printf("promql query, %,d series (%,d KB answer): median %.1f ms, %d samples read%n", series,
                    bytes.length / 1024, median(nanos) / 1e6, samples);
        } finally {
            server.stop(0);
        }
    }

    private static void outputs(int checks) {
        String evidence = "x".repeat(3000) + "\n<error> & \"quoted\" ]]>\n";
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < checks; i++) {
            CheckStatus status = i % 10 == 0 ? CheckStatus.FAILED : CheckStatus.PASSED;
            results.add(new CheckResult("check " + i, CheckType.HTTP, Layer.values()[i % 3], status,
                    "GET /health answered " + (status == CheckStatus.FAILED ? 503 : 200), evidence,
                    Duration.ofMillis(i), true));
        }
        Instant now = Instant.now();
        VerificationReport report = new VerificationReport(VerificationPurpose.POST_UPGRADE, now, now.plusSeconds(60),
                results, true);
        long[] xml = new long[RUNS];
        long[] md = new long[RUNS];
        int xmlSize = 0;
        int mdSize = 0;
        for (int i = 0; i < RUNS + 2; i++) {
            long start = System.nanoTime();
            xmlSize = VerificationJUnitXml.render(report).length();
            long mid = System.nanoTime();
            mdSize = VerificationMarkdown.render(report).length();
            long end = System.nanoTime();
            if (i >= 2) {
                xml[i - 2] = mid - start;
                md[i - 2] = end - mid;
            }
        }
        System.out.printf("report of %,d checks (3 KB evidence each): JUnit XML median %.1f ms (%,d KB),"
                + " Markdown median %.1f ms (%,d KB)%n", checks, median(xml) / 1e6, xmlSize / 1024, median(md) / 1e6,
                mdSize / 1024);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
