package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The health endpoints of the sandbox's workloads, on their own loopback HTTP server:
 * {@code GET /health/<namespace>/<statefulset>} answers 200 {"status":"UP"} when the StatefulSet is
 * rolled out and no {@link WorkloadFault.Kind#HEALTH_FAILING} fault applies to its image tag, 503
 * {"status":"DOWN","reason":…} otherwise, and 404 when there is no such StatefulSet. It stands in for
 * the manager's own health URL, which a real cluster would expose through its Service.
 */
final class SandboxHealthEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxHealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static SandboxHealthEndpoint start(SandboxKubernetes sandbox) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sandbox-health");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/health/", exchange -> answer(sandbox, exchange));
            server.start();
            return new SandboxHealthEndpoint(server, executor);
        } catch (IOException e) {
            throw new SandboxKubernetesException("could not start the sandbox health endpoint on a loopback port: "
                    + e.getMessage(), e);
        }
    }

    URI url(String namespace, String statefulSet) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/" + namespace + "/" + statefulSet);
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(SandboxKubernetes sandbox, HttpExchange exchange) throws IOException {
        try {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // "", "health", namespace, name
            if (parts.length != 4 || !"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 404, JSON.createObjectNode().put("status", "UNKNOWN")
                        .put("reason", "use GET /health/<namespace>/<statefulset>"));
                return;
            }
            String namespace = parts[2];
            String name = parts[3];
            Optional<StatefulSetState> state = sandbox.statefulSet(namespace, name);
            if (state.isEmpty()) {
                send(exchange, 404, JSON.createObjectNode().put("status", "UNKNOWN")
                        .put("reason", "no StatefulSet " + name + " in namespace " + namespace));
                return;
            }
            StatefulSetState sts = state.get();
            ObjectNode body = JSON.createObjectNode()
                    .put("image", sts.image())
                    .put("readyReplicas", sts.readyReplicas())
                    .put("replicas", sts.replicas());
            Optional<WorkloadFault> failing =
                    sandbox.faultFor(WorkloadFault.Kind.HEALTH_FAILING, namespace, name, sts.imageTag());
            if (!sts.rolledOut()) {
                send(exchange, 503, body.put("status", "DOWN").put("reason", "rollout not complete: "
                        + sts.readyReplicas() + "/" + sts.replicas() + " replicas ready"));
            } else if (failing.isPresent()) {
                send(exchange, 503, body.put("status", "DOWN").put("reason", failing.get().reason()));
            } else {
                send(exchange, 200, body.put("status", "UP"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, JSON.createObjectNode().put("status", "UNKNOWN")
                    .put("reason", "sandbox health check failed: " + e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
