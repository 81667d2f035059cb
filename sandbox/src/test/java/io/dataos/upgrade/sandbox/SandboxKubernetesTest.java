package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SandboxKubernetesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private SandboxKubernetes k8s;

    @BeforeEach
    void start() {
        k8s = SandboxKubernetes.start(dir);
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(k8s.apiServer() + path))
                .timeout(Duration.ofSeconds(10));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void kubeconfigIsPrivateAndPointsAtTheLoopbackApi() throws Exception {
        String kubeconfig = Files.readString(k8s.kubeconfig());

        assertThat(kubeconfig).contains("server: http://127.0.0.1:" + k8s.port());
        assertThat(Files.getPosixFilePermissions(k8s.kubeconfig()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(k8s.kubeconfig().getParent()).isEqualTo(dir);
    }

    @Test
    void managerNamespaceExistsWithTheDataosLabel() throws Exception {
        HttpResponse<String> response = get("/api/v1/namespaces/dataos-manager");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                .isEqualTo("dataos");
        assertThat(k8s.get("/api/v1/namespaces/dataos-manager")).isPresent();
    }

    @Test
    void discoveryIsServedAsJsonWhateverTheQueryString() throws Exception {
        HttpResponse<String> api = get("/api?timeout=32s");
        HttpResponse<String> apps = get("/apis/apps/v1?timeout=32s");
        HttpResponse<String> groups = get("/apis");

        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(api).path("versions").toString()).isEqualTo("[\"v1\"]");
        assertThat(apps.body()).contains("\"name\":\"statefulsets\"", "\"kind\":\"StatefulSet\"");
        assertThat(json(groups).path("groups").findValuesAsText("name")).contains("apps", "batch");
        assertThat(json(get("/version")).path("gitVersion").asText()).isEqualTo("v1.30.0");
    }

    @Test
    void everyCrudAnswerCarriesJsonContentType() throws Exception {
        HttpResponse<String> missing = get("/api/v1/namespaces/dataos-manager/configmaps/none");
        HttpResponse<String> list = get("/api/v1/namespaces/dataos-manager/configmaps");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(list.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void protobufSecretIsStoredAsJsonAndListedAsSecretList() throws Exception {
        byte[] release = "H4sIAAAA-release-payload".getBytes();
        byte[] body = ProtobufWriter.secretEnvelope("dataos-manager", "sh.helm.release.v1.m.v1", "helm", "release", release);

        HttpResponse<String> created = send("POST", "/api/v1/namespaces/dataos-manager/secrets",
                "application/vnd.kubernetes.protobuf", body);
        HttpResponse<String> list = get("/api/v1/namespaces/dataos-manager/secrets?labelSelector=owner%3Dhelm");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode listed = json(list);
        assertThat(listed.path("kind").asText()).isEqualTo("SecretList");
        assertThat(listed.path("items")).hasSize(1);
        assertThat(Base64.getDecoder().decode(listed.path("items").get(0).path("data").path("release").asText()))
                .isEqualTo(release);
        assertThat(k8s.releaseRecords("dataos-manager")).containsExactly("sh.helm.release.v1.m.v1");
    }

    @Test
    void protobufDeleteOptionsAreDroppedAndTheSecretDeleted() throws Exception {
        send("POST", "/api/v1/namespaces/dataos-manager/secrets", "application/vnd.kubernetes.protobuf",
                ProtobufWriter.secretEnvelope("dataos-manager", "s1", "helm", "release", new byte[] {1}));
        byte[] deleteOptions = {'k', '8', 's', 0, 0x0a, 0x00};

        HttpResponse<String> deleted = send("DELETE", "/api/v1/namespaces/dataos-manager/secrets/s1",
                "application/vnd.kubernetes.protobuf", deleteOptions);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/namespaces/dataos-manager/secrets/s1").statusCode()).isEqualTo(404);
    }

    @Test
    void undecodableProtobufIsAnsweredWithAnErrorInsteadOfHanging() throws Exception {
        byte[] garbage = {'k', '8', 's', 0, (byte) 0x12, (byte) 0xff, (byte) 0xff};

        HttpResponse<String> secret = send("POST", "/api/v1/namespaces/dataos-manager/secrets",
                "application/vnd.kubernetes.protobuf", garbage);
        HttpResponse<String> configMap = send("POST", "/api/v1/namespaces/dataos-manager/configmaps",
                "application/vnd.kubernetes.protobuf", garbage);

        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(json(secret).path("kind").asText()).isEqualTo("Status");
        assertThat(configMap.statusCode()).isEqualTo(415);
        assertThat(json(configMap).path("message").asText()).contains("only for Secrets");
    }

    @Test
    void strategicMergePatchChangesOneContainerImageAndKeepsTheOthers() throws Exception {
        createStatefulSet("m", "repo/m:1.4.0");
        String patch = """
                {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"m"},{"name":"sidecar"}],
                  "containers":[{"image":"repo/m:1.5.0","name":"m"}]}}}}""";

        HttpResponse<String> patched = send("PATCH", "/apis/apps/v1/namespaces/dataos-manager/statefulsets/m?fieldManager=helm",
                "application/strategic-merge-patch+json", patch.getBytes());

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode stored = k8s.get(SandboxKubernetes.statefulSetPath("dataos-manager", "m")).orElseThrow();
        JsonNode containers = stored.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.findValuesAsText("image")).containsExactly("repo/m:1.5.0", "repo/s:1.0");
        assertThat(stored.path("metadata").path("generation").asLong()).isEqualTo(2);
    }

    @Test
    void strategicMergePatchOfMissingObjectIsNotFound() throws Exception {
        HttpResponse<String> patched = send("PATCH", "/apis/apps/v1/namespaces/dataos-manager/statefulsets/none",
                "application/strategic-merge-patch+json", "{\"spec\":{}}".getBytes());

        assertThat(patched.statusCode()).isEqualTo(404);
    }

    @Test
    void rollOutMakesTheStatefulSetReadyAndANewSpecUnreadyAgain() throws Exception {
        createStatefulSet("m", "repo/m:1.4.0");
        assertThat(k8s.statefulSet("dataos-manager", "m").orElseThrow().rolledOut()).isFalse();

        StatefulSetState ready = k8s.rollOut("dataos-manager", "m");
        assertThat(ready.rolledOut()).isTrue();
        assertThat(ready.readyReplicas()).isEqualTo(2);

        send("PATCH", "/apis/apps/v1/namespaces/dataos-manager/statefulsets/m", "application/strategic-merge-patch+json",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"m\",\"image\":\"repo/m:1.5.0\"}]}}}}".getBytes());
        StatefulSetState changed = k8s.statefulSet("dataos-manager", "m").orElseThrow();
        assertThat(changed.imageTag()).isEqualTo("1.5.0");
        assertThat(changed.rolledOut()).as("observedGeneration lags the new generation").isFalse();
        assertThat(k8s.rollOut("dataos-manager", "m").rolledOut()).isTrue();
    }

    @Test
    void rolloutStuckFaultKeepsOnlyTheFaultyTagUnready() throws Exception {
        createStatefulSet("m", "repo/m:1.4.0");
        k8s.rollOut("dataos-manager", "m");
        k8s.injectFault(WorkloadFault.rolloutStuck("dataos-manager", "m", "1.5.0", "CrashLoopBackOff: migration failed"));

        setImage("m", "repo/m:1.5.0");
        StatefulSetState stuck = k8s.rollOut("dataos-manager", "m");
        JsonNode conditions = k8s.get(SandboxKubernetes.statefulSetPath("dataos-manager", "m")).orElseThrow()
                .path("status").path("conditions");

        assertThat(stuck.rolledOut()).isFalse();
        assertThat(stuck.readyReplicas()).isZero();
        assertThat(stuck.currentRevision()).isNotEqualTo(stuck.updateRevision());
        assertThat(conditions.get(0).path("message").asText()).isEqualTo("CrashLoopBackOff: migration failed");

        setImage("m", "repo/m:1.4.0");
        StatefulSetState back = k8s.rollOut("dataos-manager", "m");
        assertThat(back.rolledOut()).isTrue();
        assertThat(back.currentRevision()).isEqualTo(stuck.currentRevision());
    }

    @Test
    void healthEndpointReflectsRolloutAndHealthFaults() throws Exception {
        createStatefulSet("m", "repo/m:1.4.0");
        URI health = k8s.healthUrl("dataos-manager", "m");

        assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("not rolled out yet").isEqualTo(503);
        k8s.rollOut("dataos-manager", "m");
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up).path("status").asText()).isEqualTo("UP");

        k8s.injectFault(WorkloadFault.healthFailing("dataos-manager", "m", "1.4.0", "database connection refused"));
        HttpResponse<String> down = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).path("reason").asText()).isEqualTo("database connection refused");

        URI absent = k8s.healthUrl("dataos-manager", "other");
        assertThat(http.send(HttpRequest.newBuilder(absent).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void rollOutOfMissingStatefulSetSaysWhatToDo() {
        assertThatThrownBy(() -> k8s.rollOut("dataos-manager", "none"))
                .isInstanceOf(SandboxKubernetesException.class)
                .hasMessageContaining("no StatefulSet none in namespace dataos-manager")
                .hasMessageContaining("install the chart first");
    }

    @Test
    void closeStopsTheApiAndRemovesOnlyItsOwnDiscoveryCache() throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".kube", "cache", "discovery", "127.0.0.1_" + k8s.port());
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("servergroups.json"), "{}");
        URI api = URI.create(k8s.apiServer() + "/api");

        k8s.close();

        assertThat(k8s.isClosed()).isTrue();
        assertThat(cache).doesNotExist();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void twoSandboxesRunSideBySideWithSeparateStores(@TempDir Path other) throws Exception {
        createStatefulSet("m", "repo/m:1.4.0");
        try (SandboxKubernetes second = SandboxKubernetes.start(other)) {
            assertThat(second.port()).isNotEqualTo(k8s.port());
            assertThat(second.statefulSet("dataos-manager", "m")).isEmpty();
            assertThat(k8s.statefulSet("dataos-manager", "m")).isPresent();
        }
    }

    private void createStatefulSet(String name, String image) throws Exception {
        String sts = """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%s","namespace":"dataos-manager"},
                 "spec":{"replicas":2,"serviceName":"%s","selector":{"matchLabels":{"app":"%s"}},
                  "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[
                    {"name":"%s","image":"%s"},{"name":"sidecar","image":"repo/s:1.0"}]}}}}"""
                .formatted(name, name, name, name, name, image);
        HttpResponse<String> created = send("POST", "/apis/apps/v1/namespaces/dataos-manager/statefulsets",
                "application/json", sts.getBytes());
        assertThat(created.statusCode()).isEqualTo(201);
    }

    private void setImage(String name, String image) throws Exception {
        HttpResponse<String> patched = send("PATCH", "/apis/apps/v1/namespaces/dataos-manager/statefulsets/" + name,
                "application/strategic-merge-patch+json",
                ("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"" + name + "\",\"image\":\"" + image
                        + "\"}]}}}}").getBytes());
        assertThat(patched.statusCode()).isEqualTo(200);
    }
}
