package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * An in-process Kubernetes API on a loopback port, good enough for Helm's release bookkeeping: the
 * fabric8 mock server in CRUD mode behind {@link HelmApiDispatcher}'s shims, a kubeconfig pointing
 * at it, and the {@value #MANAGER_NAMESPACE} namespace labelled as DataOS's. It is not a real
 * apiserver: no controller runs, so nothing becomes ready unless {@link #rollOut} says so, and
 * {@link #injectFault} decides what a rollout or a health check of a given image tag reports.
 */
public final class SandboxKubernetes implements AutoCloseable {

    /** The namespace the runbook installs dataos-manager into. */
    public static final String MANAGER_NAMESPACE = "dataos-manager";
    /** The label every DataOS namespace carries in the sandbox (key). */
    public static final String DATAOS_LABEL_KEY = "app.kubernetes.io/part-of";
    /** The label every DataOS namespace carries in the sandbox (value). */
    public static final String DATAOS_LABEL_VALUE = "dataos";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Held so the level set below sticks: the mock logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final HelmApiDispatcher store;
    private final SandboxHealthEndpoint health;
    private final Path kubeconfig;
    private final int port;
    private final List<WorkloadFault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastRevisions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SandboxKubernetes(KubernetesMockServer server, HelmApiDispatcher store, Path kubeconfig) {
        this.server = server;
        this.store = store;
        this.port = server.getPort();
        this.kubeconfig = kubeconfig;
        this.health = SandboxHealthEndpoint.start(this);
        store.writeGuard(this::refusal);
    }

    /**
     * Starts the API on a free loopback port, writes {@code kubeconfig} (mode 0600) into
     * {@code directory} and creates the {@value #MANAGER_NAMESPACE} namespace.
     */
    public static SandboxKubernetes start(Path directory) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
        HelmApiDispatcher dispatcher = new HelmApiDispatcher(responses);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new SandboxKubernetesException("could not start the sandbox Kubernetes API on a loopback port: "
                    + e.getMessage(), e);
        }
        SandboxKubernetes sandbox = null;
        try {
            Files.createDirectories(directory);
            Path kubeconfig = directory.resolve("kubeconfig");
            writePrivate(kubeconfig, kubeconfigYaml(server.getPort()));
            sandbox = new SandboxKubernetes(server, dispatcher, kubeconfig);
            sandbox.ensureNamespace(MANAGER_NAMESPACE);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            } else {
                server.destroy();
            }
            throw new SandboxKubernetesException("could not prepare the sandbox in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The kubeconfig file Helm (or kubectl) uses to reach this API. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The API's base address, {@code http://127.0.0.1:PORT}. */
    public URI apiServer() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The loopback port the API listens on. */
    public int port() {
        return port;
    }

    /** The health endpoint of a StatefulSet: 200 when rolled out and healthy, 503 otherwise, 404 if absent. */
    public URI healthUrl(String namespace, String statefulSet) {
        return health.url(namespace, statefulSet);
    }

    /** Creates namespace {@code name} with the DataOS label unless it exists. */
    public void ensureNamespace(String name) {
        if (store.read("/api/v1/namespaces/" + name).isPresent()) {
            return;
        }
        ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
        ObjectNode metadata = ns.putObject("metadata").put("name", name);
        metadata.putObject("labels")
                .put(DATAOS_LABEL_KEY, DATAOS_LABEL_VALUE)
                .put("kubernetes.io/metadata.name", name);
        ns.putObject("status").put("phase", "Active");
        store.create("/api/v1/namespaces", ns);
    }

    /** The stored object at an API path such as {@code /api/v1/namespaces/dataos-manager}, as JSON. */
    public Optional<ObjectNode> get(String apiPath) {
        return store.read(apiPath);
    }

    /** The StatefulSet {@code name} in {@code namespace}, if Helm (or anyone) created it. */
    public Optional<StatefulSetState> statefulSet(String namespace, String name) {
        return store.read(statefulSetPath(namespace, name)).map(StatefulSetState::of);
    }

    /** Names of Helm's release records (Secrets of type helm.sh/release.v1) in {@code namespace}. */
    public List<String> releaseRecords(String namespace) {
        return store.read("/api/v1/namespaces/" + namespace + "/secrets")
                .map(list -> {
                    List<String> names = new java.util.ArrayList<>();
                    list.path("items").forEach(item -> {
                        if ("helm.sh/release.v1".equals(item.path("type").asText())) {
                            names.add(item.path("metadata").path("name").asText());
                        }
                    });
                    names.sort(null);
                    return names;
                })
                .orElse(List.of());
    }

    /**
     * Plays the StatefulSet controller once: the pods of the current spec become ready, unless a
     * {@link WorkloadFault.Kind#ROLLOUT_STUCK} fault applies to the image tag, in which case the new
     * pods stay unready and the current revision stays the old one.
     *
     * @return the StatefulSet after the update
     * @throws SandboxKubernetesException if there is no such StatefulSet
     */
    public StatefulSetState rollOut(String namespace, String name) {
        String path = statefulSetPath(namespace, name);
        ObjectNode updated = store.update(path, path + "/status", sts -> {
            StatefulSetState state = StatefulSetState.of(sts);
            String updateRevision = name + "-" + templateHash(sts);
            String key = namespace + "/" + name;
            Optional<WorkloadFault> stuck = faultFor(WorkloadFault.Kind.ROLLOUT_STUCK, namespace, name, state.imageTag());
            ObjectNode status = sts.putObject("status");
            status.put("observedGeneration", state.generation())
                    .put("replicas", state.replicas())
                    .put("updateRevision", updateRevision)
                    .put("collisionCount", 0);
            if (stuck.isPresent()) {
                String previous = lastRevisions.getOrDefault(key, updateRevision);
                status.put("readyReplicas", 0)
                        .put("availableReplicas", 0)
                        .put("currentReplicas", 0)
                        .put("updatedReplicas", state.replicas())
                        .put("currentRevision", previous);
                ObjectNode condition = status.putArray("conditions").addObject();
                condition.put("type", "Ready").put("status", "False")
                        .put("reason", "InjectedFault").put("message", stuck.get().reason());
            } else {
                lastRevisions.put(key, updateRevision);
                status.put("readyReplicas", state.replicas())
                        .put("availableReplicas", state.replicas())
                        .put("currentReplicas", state.replicas())
                        .put("updatedReplicas", state.replicas())
                        .put("currentRevision", updateRevision);
            }
            return sts;
        }).orElseThrow(() -> new SandboxKubernetesException("no StatefulSet " + name + " in namespace " + namespace
                + " to roll out: install the chart first"));
        return StatefulSetState.of(updated);
    }

    /** Arms {@code fault}; it applies from the next rollout or health check on. */
    public void injectFault(WorkloadFault fault) {
        faults.add(fault);
    }

    /** Disarms every injected fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** The armed faults. */
    public List<WorkloadFault> faults() {
        return List.copyOf(faults);
    }

    /** An armed UPDATE_REJECTED fault's reason when {@code object} is the faulty StatefulSet at the faulty tag. */
    private Optional<String> refusal(String path, ObjectNode object) {
        if (!path.startsWith("/apis/apps/v1/namespaces/") || !path.contains("/statefulsets/")) {
            return Optional.empty();
        }
        StatefulSetState state = StatefulSetState.of(object);
        String[] parts = path.split("/");
        // /apis/apps/v1/namespaces/<ns>/statefulsets/<name>
        String namespace = parts.length > 5 ? parts[5] : state.namespace();
        String name = parts.length > 7 ? parts[7] : state.name();
        return faultFor(WorkloadFault.Kind.UPDATE_REJECTED, namespace, name, state.imageTag()).map(WorkloadFault::reason);
    }

    Optional<WorkloadFault> faultFor(WorkloadFault.Kind kind, String namespace, String name, String imageTag) {
        return faults.stream().filter(f -> f.kind() == kind && f.appliesTo(namespace, name, imageTag)).findFirst();
    }

    /**
     * Creates the CustomResourceDefinitions in {@code chart}'s {@code crds/} (YAML, several documents
     * per file allowed), as Helm's install does, and makes their kinds servable here; returns their
     * names. Helm then finds them present and does not wait for them.
     */
    public List<String> installCustomResourceDefinitions(Path chart) throws IOException {
        Path crds = chart.resolve("crds");
        if (!Files.isDirectory(crds)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(crds)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList();
        }
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        List<String> names = new java.util.ArrayList<>();
        for (Path file : files) {
            try (var documents = yaml.readerFor(ObjectNode.class).<ObjectNode>readValues(file.toFile())) {
                while (documents.hasNext()) {
                    ObjectNode crd = documents.next();
                    if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                        continue;
                    }
                    String name = crd.path("metadata").path("name").asText();
                    if (store.read("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + name).isEmpty()) {
                        store.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", store.establish(crd));
                    }
                    names.add(name);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SandboxKubernetesException(chart.relativize(file) + " is not valid YAML (line "
                        + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
            }
        }
        return names;
    }

    /** Whether this API serves {@code kind} in {@code apiVersion} (built in, or added by a CustomResourceDefinition). */
    public boolean serves(String apiVersion, String kind) {
        return store.serves(apiVersion, kind);
    }

    /** The dispatcher's store, for the sandbox's own read-modify-write of objects. */
    HelmApiDispatcher store() {
        return store;
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the API and the health endpoint and removes the discovery cache client-go wrote for this
     * port under the user's kube cache directory. The kubeconfig stays (it holds no secret).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        health.stop();
        server.destroy();
        deleteDiscoveryCache();
    }

    /**
     * client-go caches discovery under {@code ~/.kube/cache} (or {@code $KUBECACHEDIR}): a folder per
     * server ({@code discovery/127.0.0.1_PORT}) and HTTP responses named by the SHA-256 of their URL
     * ({@code http/<sha256>}). Both are removed for the URLs this sandbox served, and nothing else.
     */
    private void deleteDiscoveryCache() {
        String cacheHome = System.getenv("KUBECACHEDIR");
        Path cache = cacheHome != null && !cacheHome.isBlank()
                ? Path.of(cacheHome)
                : Path.of(System.getProperty("user.home"), ".kube", "cache");
        Path discovery = cache.resolve("discovery").resolve("127.0.0.1_" + port);
        if (Files.isDirectory(discovery)) {
            try (Stream<Path> files = Files.walk(discovery)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover discovery cache holds only API resource lists; nothing to report.
            }
        }
        Path http = cache.resolve("http");
        if (Files.isDirectory(http)) {
            for (String uri : store.servedDiscovery()) {
                try {
                    Files.deleteIfExists(http.resolve(sha256Hex(apiServer() + uri)));
                } catch (IOException e) {
                    // As above: only discovery documents, safe to leave.
                }
            }
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String statefulSetPath(String namespace, String name) {
        return "/apis/apps/v1/namespaces/" + namespace + "/statefulsets/" + name;
    }

    private static String templateHash(ObjectNode sts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sts.path("spec").path("template").toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String kubeconfigYaml(int port) {
        // The token is a fixed placeholder: the sandbox API checks no credentials.
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dataos-sandbox
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: dataos-sandbox
                  context:
                    cluster: dataos-sandbox
                    user: dataos-sandbox
                    namespace: %s
                current-context: dataos-sandbox
                users:
                - name: dataos-sandbox
                  user:
                    token: sandbox-placeholder-token
                """.formatted(port, MANAGER_NAMESPACE);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
