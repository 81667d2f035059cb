package io.dataos.upgrade.realcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real Kubernetes control plane on loopback ports in a temporary folder: etcd, kube-apiserver
 * (service-account keys, a token file), kube-controller-manager, kube-scheduler, and kwok as the
 * node simulator with one node, {@value #NODE}. kwok is the one simulated part: it plays the
 * kubelet's status changes (realcluster/kwok-stages.yaml), no container runs.
 *
 * <p>Main code (JDK only), so that both the real-cluster test tier and {@code rehearse --cluster
 * real} start it. kwok's stages come from this module's jar (realcluster/kwok-stages.yaml).
 *
 * <p>{@link #close()} stops every process and its descendants (SIGTERM, then SIGKILL after a
 * grace period) and deletes the credentials; a JVM shutdown hook does the same if the test JVM
 * ends without closing it. The logs stay in {@link #dir()}/logs.
 */
public final class ControlPlane implements AutoCloseable {

    public static final String NODE = "kwok-node-0";
    /** The label that marks a pod for a fault in kwok's stages ({@code unready} or {@code fail}). */
    public static final String FAULT_LABEL = "dataos-upgrade.io/fault";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final RealClusterBinaries binaries;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook;
    private Path kubeconfig;
    private String serverUrl;
    private Duration startTime;
    private boolean closed;

    private ControlPlane(RealClusterBinaries binaries, Path dir) {
        this.binaries = binaries;
        this.dir = dir;
        this.shutdownHook = new Thread(this::stopAll, "control plane teardown");
    }

    /** Starts the control plane in {@code dir} and waits until a pod can be scheduled and become Ready. */
    public static ControlPlane start(RealClusterBinaries binaries, Path dir) throws IOException, InterruptedException {
        ControlPlane plane = new ControlPlane(binaries, dir);
        Runtime.getRuntime().addShutdownHook(plane.shutdownHook);
        try {
            plane.boot();
            return plane;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            plane.close();
            throw e;
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Path dir() {
        return dir;
    }

    public RealClusterBinaries binaries() {
        return binaries;
    }

    /** How long {@link #start} took until the control plane was ready. */
    public Duration startTime() {
        return startTime;
    }

    /** The API server's URL (https on a loopback port). */
    public String serverUrl() {
        return serverUrl;
    }

    /** The API server's version as it reports it ({@code kubectl version}: serverVersion.gitVersion). */
    public String serverVersion() throws IOException, InterruptedException {
        String json = kubectlOrThrow("version", "-o", "json");
        int server = json.indexOf("\"serverVersion\"");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"gitVersion\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(json);
        if (server < 0 || !m.find(server)) {
            throw new IOException("kubectl version -o json names no server version: " + json);
        }
        return m.group(1);
    }

    /** The pids of the control plane's own processes, for the teardown test. */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    private void boot() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Files.createDirectories(dir.resolve("logs"));
        Path secrets = Files.createDirectories(dir.resolve("credentials"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        int etcdClient = freePort();
        int etcdPeer = freePort();
        int apiserver = freePort();
        int kcm = freePort();
        int scheduler = freePort();
        int kwokPort = freePort();
        serverUrl = "https://127.0.0.1:" + apiserver;

        // service-account keys and the token of the one user, an administrator (system:masters)
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA key generator", e);
        }
        Path saKey = secrets.resolve("sa.key");
        Path saPub = secrets.resolve("sa.pub");
        writePrivate(saKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        writePrivate(saPub, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Path tokens = secrets.resolve("tokens.csv");
        writePrivate(tokens, token + ",real-cluster-admin,real-cluster-admin,\"system:masters\"\n");
        kubeconfig = secrets.resolve("kubeconfig");
        writePrivate(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: real-cluster
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: real-cluster-admin
                  user:
                    token: %s
                contexts:
                - name: real-cluster
                  context:
                    cluster: real-cluster
                    user: real-cluster-admin
                current-context: real-cluster
                """.formatted(serverUrl, token));

        spawn("etcd", List.of(binaries.path("etcd"), "--name", "real-cluster",
                "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdClient,
                "--advertise-client-urls", "http://127.0.0.1:" + etcdClient,
                "--listen-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-cluster", "real-cluster=http://127.0.0.1:" + etcdPeer,
                "--unsafe-no-fsync", "--log-level", "warn"));
        Path certs = dir.resolve("apiserver-certs");
        spawn("kube-apiserver", List.of(binaries.path("kube-apiserver"),
                "--etcd-servers", "http://127.0.0.1:" + etcdClient,
                "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
                "--secure-port", Integer.toString(apiserver), "--cert-dir", certs.toString(),
                "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file", saPub.toString(),
                "--service-account-signing-key-file", saKey.toString(),
                "--token-auth-file", tokens.toString(),
                "--authorization-mode", "RBAC",
                "--service-cluster-ip-range", "10.96.0.0/24",
                // the kubernetes Service's endpoints would be 127.0.0.1, which Endpoints refuse
                "--endpoint-reconciler-type", "none",
                "--allow-privileged=true", "--profiling=false", "--v", "1"));
        waitUntil("kube-apiserver answers /readyz", () -> get("/readyz") == 200);

        spawn("kube-controller-manager", List.of(binaries.path("kube-controller-manager"),
                "--kubeconfig", kubeconfig.toString(), "--leader-elect=false",
                "--bind-address", "127.0.0.1", "--secure-port", Integer.toString(kcm),
                "--cert-dir", dir.resolve("kcm-certs").toString(),
                "--service-account-private-key-file", saKey.toString(),
                "--root-ca-file", certs.resolve("apiserver.crt").toString(),
                "--use-service-account-credentials=false",
                "--concurrent-statefulset-syncs", "2", "--profiling=false", "--v", "1"));
        spawn("kube-scheduler", List.of(binaries.path("kube-scheduler"),
                "--kubeconfig", kubeconfig.toString(), "--leader-elect=false",
                "--bind-address", "127.0.0.1", "--secure-port", Integer.toString(scheduler),
                "--cert-dir", dir.resolve("scheduler-certs").toString(), "--profiling=false", "--v", "1"));
        Path stages = dir.resolve("kwok-stages.yaml");
        try (java.io.InputStream in = ControlPlane.class.getResourceAsStream("kwok-stages.yaml")) {
            if (in == null) {
                throw new IllegalStateException("realcluster/kwok-stages.yaml is not bundled in this build: rebuild"
                        + " the controlplane module");
            }
            Files.copy(in, stages, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        spawn("kwok", List.of(binaries.path("kwok"), "--kubeconfig", kubeconfig.toString(),
                "--config", stages.toString(),
                "--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--node-ip", "10.0.0.1", "--cidr", "10.0.0.1/24",
                "--server-address", "127.0.0.1:" + kwokPort, "--v", "1"));
        Path node = dir.resolve("node.yaml");
        Files.writeString(node, """
                apiVersion: v1
                kind: Node
                metadata:
                  name: %s
                  annotations:
                    kwok.x-k8s.io/node: fake
                  labels:
                    kubernetes.io/hostname: %s
                    kubernetes.io/os: linux
                    type: kwok
                """.formatted(NODE, NODE));
        kubectlOrThrow("apply", "-f", node.toString());
        waitUntil("node " + NODE + " is Ready", () -> kubectl("get", "node", NODE, "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").strip().equals("True"));
        waitUntil("the default service account exists", () -> !kubectl("get", "serviceaccount", "default",
                "-n", "default", "-o", "name").isBlank());
        startTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Runs kubectl against this control plane; its merged output, or throws when it fails. */
    public String kubectlOrThrow(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(binaries.path("kubectl"), "--kubeconfig", kubeconfig.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("kubectl " + String.join(" ", args) + " did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("kubectl " + String.join(" ", args) + " failed (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }

    private String kubectl(String... args) {
        try {
            return kubectlOrThrow(args);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void spawn(String name, List<String> argv) throws IOException {
        Path log = dir.resolve("logs").resolve(name + ".log");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        processes.add(process);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void waitUntil(String what, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a control plane process ended (exit " + p.exitValue()
                            + ") while waiting until " + what + ": see the logs in " + dir.resolve("logs"));
                }
            }
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the control plane did not come up in " + START_TIMEOUT.toSeconds()
                + " s: waited until " + what + (last == null ? "" : " (last error: " + last.getMessage() + ")")
                + "; see the logs in " + dir.resolve("logs"));
    }

    private int get(String path) throws IOException, InterruptedException {
        // HTTP/1.1: the JDK's HTTP/2 client meets GOAWAY from the Go server while it starts and never recovers
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll())
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(serverUrl + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    /** Trusts the API server's self-signed loopback certificate, as the kubeconfig does. */
    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    /** Stops every process (and its descendants), then deletes the credentials. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: stopAll is idempotent
        }
        deleteTree(dir.resolve("credentials"));
        deleteTree(dir.resolve("etcd"));
    }

    private void stopAll() {
        // the newest first: kwok and the controllers before the API server, etcd last
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            ProcessHandle handle = processes.get(i).toHandle();
            handle.descendants().forEach(all::add);
            all.add(handle);
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception notYet) {
                // forced below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the teardown test through pids()
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort; the folder is under target/
        }
    }
}
