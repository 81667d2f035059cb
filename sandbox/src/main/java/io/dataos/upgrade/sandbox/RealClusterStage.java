package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.realcluster.ControlPlane;
import io.dataos.upgrade.realcluster.RealClusterBinaries;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The real cluster a rehearsal plays on with {@code --cluster real}: a {@link ControlPlane} started
 * from the binaries {@code realcluster/build} made, the real helm ({@code helm3} or {@code helm4})
 * and kubectl, and a chart repository served over HTTP on a loopback port (the packages {@code helm
 * package} made of the chart at the manifests' versions, indexed by {@code helm repo index}, added
 * with {@code helm repo add} into a helm home of the rehearsal's own). Two parts are simulated and
 * labelled so: kwok plays the kubelet (no container runs), and the manager's health endpoint, which
 * answers from the StatefulSet's real status (and 503 for a tag the validation fault marks).
 *
 * <p>{@link #close()} stops the servers and the control plane (every process), also when the
 * rehearsal failed; the control plane's own shutdown hook covers a JVM that ends without it.
 */
final class RealClusterStage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    /** The namespace label the pre-checks look for (the public chart's README sets it). */
    static final String NAMESPACE_LABEL = "dataos.io/partOf=dataos";

    private final ControlPlane plane;
    private final String helmProgram;
    private final Path dir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Secret> masks;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private volatile String unhealthyTag;
    private volatile String unhealthyReason;
    private boolean closed;

    private RealClusterStage(ControlPlane plane, String helmProgram, Path dir, List<Secret> masks) {
        this.plane = plane;
        this.helmProgram = helmProgram;
        this.dir = dir;
        this.masks = masks;
    }

    /** Starts the control plane in {@code dir}/control-plane; helm keeps its home in {@code dir}/helm. */
    static RealClusterStage start(RealClusterBinaries binaries, Path dir, String helmProgram, List<Secret> masks)
            throws IOException, InterruptedException {
        ControlPlane plane = ControlPlane.start(binaries, dir.resolve("control-plane"));
        RealClusterStage stage = new RealClusterStage(plane, helmProgram, dir, masks);
        try {
            Path home = dir.resolve("helm");
            for (String part : List.of("config", "cache", "data")) {
                Files.createDirectories(home.resolve(part));
            }
            stage.env.put("KUBECONFIG", plane.kubeconfig().toString());
            stage.env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
            stage.env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
            stage.env.put("HELM_DATA_HOME", home.resolve("data").toString());
            return stage;
        } catch (IOException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    ControlPlane plane() {
        return plane;
    }

    Path kubeconfig() {
        return plane.kubeconfig();
    }

    String helmPath() {
        return plane.binaries().path(helmProgram);
    }

    String kubectlPath() {
        return plane.binaries().path("kubectl");
    }

    String helmProgram() {
        return helmProgram;
    }

    /** {@code helm version --template {{.Version}}} of the real helm. */
    String helmVersion() throws IOException, InterruptedException {
        return helm("version", "--template", "{{.Version}}").strip();
    }

    /** Creates {@code namespace} (when missing) with the DataOS label, as a DataOS installation has it. */
    void ensureNamespace(String namespace) throws IOException, InterruptedException {
        if (plane.kubectlOrThrow("get", "namespace", "--ignore-not-found", "-o", "name", namespace).isBlank()) {
            plane.kubectlOrThrow("create", "namespace", namespace);
        }
        plane.kubectlOrThrow("label", "--overwrite", "namespace", namespace, NAMESPACE_LABEL);
    }

    /**
     * Serves the chart directories {@code versions} (version → directory) as the repository of
     * {@code reference} ({@code repo/name}): packages them with the real helm, indexes them and adds
     * the repository to the rehearsal's helm home. Returns the repository's URL.
     */
    URI serveCharts(String reference, Map<String, Path> versions) throws IOException, InterruptedException {
        String[] parts = reference.split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || reference.contains(":")) {
            throw new InvalidInputException("rehearse --cluster real", "manager.chart", "'" + reference + "' is not a"
                    + " chart of a repository (repo/name): the real-cluster rehearsal serves the chart as such a"
                    + " repository; name the chart repo/name in the manifests");
        }
        Path repo = Files.createDirectories(dir.resolve("chart-repository"));
        for (Map.Entry<String, Path> chart : versions.entrySet()) {
            Path chartYaml = chart.getValue().resolve("Chart.yaml");
            ObjectNode metadata = (ObjectNode) YAML.readTree(chartYaml.toFile());
            if (!parts[1].equals(metadata.path("name").asText())) {
                // the repository holds the chart under the name the manifests use
                metadata.put("name", parts[1]);
                Files.writeString(chartYaml, YAML.writeValueAsString(metadata), StandardCharsets.UTF_8);
            }
            helm("package", chart.getValue().toString(), "--destination", repo.toString());
        }
        HttpServer server = server("chart-repository");
        server.createContext("/", exchange -> serveFile(repo, exchange));
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        helm("repo", "index", repo.toString(), "--url", url.toString());
        helm("repo", "add", parts[0], url.toString());
        return url;
    }

    /**
     * {@code helm upgrade --install --wait} of the baseline, with the Prime key in a private values
     * overlay (never in argv) that is deleted afterwards.
     */
    ReleaseStatus installBaseline(String release, String namespace, String chart, String version, Path values,
            Secret prime, String description, Duration timeout) throws IOException, InterruptedException {
        Path overlay = dir.resolve("baseline-key-overlay.yaml");
        Files.deleteIfExists(overlay);
        Files.createFile(overlay, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(overlay, "primeApiKey: " + JSON.writeValueAsString(prime.reveal()) + "\n",
                    StandardCharsets.UTF_8);
            helm("upgrade", "--install", release, chart, "--version", version, "--namespace", namespace,
                    "--values", values.toString(), "--values", overlay.toString(), "--wait", "--timeout",
                    timeout.toSeconds() + "s", "--description", description);
        } finally {
            Files.deleteIfExists(overlay);
        }
        return status(release, namespace);
    }

    /** The release's latest revision, from {@code helm history -o json}. */
    ReleaseStatus status(String release, String namespace) throws IOException, InterruptedException {
        List<ReleaseRevision> history = history(release, namespace);
        if (history.isEmpty()) {
            throw new IOException("helm history " + release + " -n " + namespace + " shows no revision");
        }
        ReleaseRevision last = history.get(history.size() - 1);
        return new ReleaseStatus(release, namespace, last.revision(), last.status(), last.chart(), last.appVersion(),
                last.updated());
    }

    /** {@code helm history -o json} of the release, oldest first. */
    List<ReleaseRevision> history(String release, String namespace) throws IOException, InterruptedException {
        JsonNode entries = JSON.readTree(helm("history", release, "--namespace", namespace, "--max", "256",
                "--output", "json"));
        List<ReleaseRevision> history = new ArrayList<>();
        for (JsonNode e : entries) {
            history.add(new ReleaseRevision(e.path("revision").asInt(), time(e.path("updated").asText(null)),
                    e.path("status").asText(), e.path("chart").asText(), e.path("app_version").asText(),
                    e.path("description").asText()));
        }
        return history;
    }

    /** The image tag the StatefulSet's template names, or "(none)". */
    String imageTag(String namespace, String statefulSet) throws IOException, InterruptedException {
        String image = plane.kubectlOrThrow("get", "statefulset", statefulSet, "--namespace", namespace,
                "--ignore-not-found", "-o", "jsonpath={.spec.template.spec.containers[0].image}").strip();
        return image.isEmpty() ? "(none)" : image.substring(image.lastIndexOf(':') + 1);
    }

    /** From now on the health endpoint answers 503 with {@code reason} while the manager runs {@code tag}. */
    void failHealth(String tag, String reason) {
        this.unhealthyReason = reason;
        this.unhealthyTag = tag;
    }

    /**
     * The manager's health endpoint, SIMULATED (no container runs on this cluster): {@code GET
     * /health/<namespace>/<statefulset>} answers from the StatefulSet's real status through the API
     * server: 503 while its rollout is not complete or while it runs a tag {@link #failHealth} marked,
     * 200 {"status":"UP"} otherwise, 404 without such a StatefulSet.
     */
    URI startHealthEndpoint() throws IOException {
        HttpServer server = server("health");
        server.createContext("/health/", this::answerHealth);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/");
    }

    private void answerHealth(HttpExchange exchange) throws IOException {
        try {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length != 4) {
                send(exchange, 404, JSON.createObjectNode().put("status", "UNKNOWN")
                        .put("reason", "use GET /health/<namespace>/<statefulset>"));
                return;
            }
            String out = plane.kubectlOrThrow("get", "statefulset", parts[3], "--namespace", parts[2],
                    "--ignore-not-found", "-o", "json");
            if (out.isBlank()) {
                send(exchange, 404, JSON.createObjectNode().put("status", "UNKNOWN")
                        .put("reason", "no StatefulSet " + parts[3] + " in namespace " + parts[2]));
                return;
            }
            JsonNode sts = JSON.readTree(out);
            int replicas = sts.path("spec").path("replicas").asInt(1);
            JsonNode status = sts.path("status");
            String image = sts.path("spec").path("template").path("spec").path("containers").path(0).path("image")
                    .asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            boolean rolledOut = status.path("observedGeneration").asLong() >= sts.path("metadata").path("generation")
                    .asLong() && status.path("readyReplicas").asInt() == replicas
                    && status.path("updatedReplicas").asInt() == replicas
                    && status.path("currentRevision").asText().equals(status.path("updateRevision").asText());
            ObjectNode body = JSON.createObjectNode().put("image", image)
                    .put("readyReplicas", status.path("readyReplicas").asInt()).put("replicas", replicas)
                    .put("simulated", "no container runs on the real-cluster rehearsal: this endpoint answers from"
                            + " the StatefulSet's status");
            if (!rolledOut) {
                send(exchange, 503, body.put("status", "DOWN").put("reason", "rollout not complete: "
                        + status.path("readyReplicas").asInt() + "/" + replicas + " replicas ready"));
            } else if (tag.equals(unhealthyTag)) {
                send(exchange, 503, body.put("status", "DOWN").put("reason", unhealthyReason));
            } else {
                send(exchange, 200, body.put("status", "UP"));
            }
        } catch (IOException | RuntimeException e) {
            send(exchange, 500, JSON.createObjectNode().put("status", "UNKNOWN")
                    .put("reason", "the rehearsal's health endpoint failed: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 500, JSON.createObjectNode().put("status", "UNKNOWN").put("reason", "interrupted"));
        } finally {
            exchange.close();
        }
    }

    /**
     * The runbooks' command runner on this cluster: the real helm and kubectl (named by path in the
     * settings) run by {@code others} with the control plane's KUBECONFIG and the rehearsal's helm
     * home; the simulator's site commands answered with a labelled line; {@code afterUpgrade} called
     * once a {@code helm upgrade} has succeeded (the injected fault). Everything else (pg_dump,
     * pg_restore, psql) goes to {@code others} as it is.
     */
    CommandRunner runner(CommandRunner others, SandboxCommandRunner.UpgradeListener afterUpgrade) {
        return new CommandRunner() {
            @Override
            public CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException {
                return run(command, output, pid -> { });
            }

            @Override
            public CommandResult run(Command command, Consumer<String> output, LongConsumer onStart)
                    throws IOException, InterruptedException {
                List<String> argv = command.argv();
                String program = argv.get(0);
                if (Path.of(program).getFileName().toString().equals(SandboxCommandRunner.SIMULATOR)) {
                    String line = Secret.mask(SandboxCommandRunner.SIMULATED + "a real run would execute: "
                            + String.join(" ", argv.subList(1, argv.size())), masks);
                    output.accept(line);
                    onStart.accept(-1);
                    return new CommandResult(0, false, line, Duration.ZERO);
                }
                boolean helm = program.equals(helmPath());
                Command tool = command;
                if (helm || program.equals(kubectlPath())) {
                    for (Map.Entry<String, String> e : env.entrySet()) {
                        tool = tool.withEnv(e.getKey(), e.getValue());
                    }
                }
                CommandResult result = others.run(tool, output, onStart);
                if (helm && result.succeeded() && argv.size() > 2 && argv.get(1).equals("upgrade")) {
                    afterUpgrade.upgraded(release(argv), namespace(argv), output);
                }
                return result;
            }

            @Override
            public void withhold(Secret secret) {
                others.withhold(secret);
            }

            @Override
            public void withholdVariables(Iterable<String> names) {
                others.withholdVariables(names);
            }
        };
    }

    /** The release of {@code helm upgrade [flags] RELEASE CHART}: the first word after "upgrade" that is no flag. */
    private static String release(List<String> argv) {
        for (int i = 2; i < argv.size(); i++) {
            if (!argv.get(i).startsWith("-")) {
                return argv.get(i);
            }
            if (!argv.get(i).contains("=") && List.of("--namespace", "-n", "--version", "--values", "-f", "--timeout",
                    "--kubeconfig", "--kube-context", "--description", "--set", "--set-string").contains(argv.get(i))) {
                i++;
            }
        }
        return "";
    }

    private static String namespace(List<String> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            if ((arg.equals("--namespace") || arg.equals("-n")) && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (arg.startsWith("--namespace=")) {
                return arg.substring("--namespace=".length());
            }
        }
        return "default";
    }

    /** Runs the real helm with this cluster's environment; its output, or an IOException naming the failure. */
    private String helm(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(helmPath()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(helmProgram + " " + args[0] + " did not finish in " + TOOL_TIMEOUT.toSeconds() + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(Secret.mask(helmProgram + " " + String.join(" ", args) + " failed (exit "
                    + p.exitValue() + "): " + out.strip(), masks));
        }
        return out;
    }

    private HttpServer server(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rehearsal-" + name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        servers.add(server);
        executors.add(executor);
        return server;
    }

    private static void serveFile(Path root, HttpExchange exchange) throws IOException {
        try {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
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

    private static ZonedDateTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Stops the servers and every process of the control plane. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        servers.forEach(s -> s.stop(0));
        executors.forEach(ExecutorService::shutdownNow);
        plane.close();
    }
}
