package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fabric8 CRUD dispatcher with the shims Helm needs (see docs/sandbox.md): JSON content type on
 * every answer, discovery documents, {@code /version}, protobuf Secret bodies decoded to JSON,
 * protobuf DeleteOptions dropped, typed list kinds, and strategic merge patches applied for real.
 * Every request gets an answer, even when a shim fails, because an unanswered request hangs the
 * native Helm call that made it.
 */
final class HelmApiDispatcher extends KubernetesMixedDispatcher {

    static final String JSON_TYPE = "application/json";
    private static final String STRATEGIC_MERGE = "application/strategic-merge-patch+json";
    static final String SERVER_VERSION = "{\"major\":\"1\",\"minor\":\"30\",\"gitVersion\":\"v1.30.0\","
            + "\"gitCommit\":\"dataos-sandbox\",\"gitTreeState\":\"clean\",\"buildDate\":\"2024-04-17T00:00:00Z\","
            + "\"goVersion\":\"go1.22.2\",\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}";

    /** /api/v1[/namespaces/ns]/plural or /apis/group/version[/namespaces/ns]/plural: a collection. */
    private static final Pattern COLLECTION = Pattern.compile(
            "^/(?:api/(v1)|apis/([^/]+/[^/]+))(?:/namespaces/[^/]+)?/([a-z0-9]+)$");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Discovery URIs (path and query) served, so the client-go HTTP cache entries they left can be removed. */
    private final java.util.Set<String> servedDiscovery = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Serializes read-modify-write sequences (strategic merge, status updates) against the store. */
    private final ReentrantLock writes = new ReentrantLock();

    /** The kinds this sandbox serves; every CustomResourceDefinition written here adds its own. */
    private final DiscoveryDocuments discovery = new DiscoveryDocuments();

    private static final String CRD_COLLECTION = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /** Decides whether a write of an object to a path is refused, and why (an injected admission denial). */
    interface WriteGuard {
        Optional<String> refuses(String path, ObjectNode object);
    }

    private volatile WriteGuard writeGuard = (path, object) -> Optional.empty();

    HelmApiDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    void writeGuard(WriteGuard guard) {
        this.writeGuard = guard;
    }

    private static MockResponse denied(String path, String reason) {
        return status(422, "Invalid", "admission webhook \"sandbox.dataos.io\" denied the request to write " + path
                + ": " + reason);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = pathOnly(request.getPath());
        try {
            return withJsonContentType(handle(request, path));
        } catch (ProtobufSecretDecoder.ProtobufFormatException e) {
            return status(400, "BadRequest", "sandbox could not decode the protobuf body of "
                    + request.getMethod() + " " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Never echo the exception message: it may quote the request body, which can hold secrets.
            return status(500, "InternalError", "sandbox Kubernetes API failed on " + request.getMethod() + " "
                    + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private MockResponse handle(RecordedRequest request, String path) {
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            if (path.equals("/version")) {
                servedDiscovery.add(request.getPath());
                return ok(SERVER_VERSION);
            }
            Optional<String> document = discovery.forPath(path);
            if (document.isPresent()) {
                servedDiscovery.add(request.getPath());
                return ok(document.get());
            }
            if (path.startsWith("/openapi/")) {
                return status(404, "NotFound", "the sandbox Kubernetes API serves no OpenAPI schema");
            }
        }
        byte[] body = request.getBody() == null ? null : request.getBody().getBytes();
        if (ProtobufSecretDecoder.isKubernetesProtobuf(body)) {
            if (method == HttpMethod.DELETE) {
                // A protobuf DeleteOptions; the mock deletes by path and cannot parse it.
                return super.dispatch(rebuild(request, null, null));
            }
            if ((method == HttpMethod.POST || method == HttpMethod.PUT) && isSecretsPath(path)) {
                byte[] json = ProtobufSecretDecoder.decodeSecret(body).toString().getBytes(StandardCharsets.UTF_8);
                return fixListKind(path, super.dispatch(rebuild(request, json, JSON_TYPE)));
            }
            return status(415, "UnsupportedMediaType",
                    "the sandbox Kubernetes API decodes protobuf bodies only for Secrets; send JSON");
        }
        if (method == HttpMethod.PATCH) {
            String contentType = contentType(request);
            if (contentType.startsWith(STRATEGIC_MERGE)) {
                return strategicMerge(request, path);
            }
            if (contentType.startsWith("application/apply-patch")) {
                return status(415, "UnsupportedMediaType",
                        "the sandbox Kubernetes API has no server-side apply; use a merge or strategic merge patch");
            }
        }
        if ((method == HttpMethod.PUT || method == HttpMethod.POST) && body != null && body.length > 0
                && !path.endsWith("/status")) {
            ObjectNode object = parseObject(body);
            String objectPath = method == HttpMethod.POST
                    ? path + "/" + object.path("metadata").path("name").asText()
                    : path;
            Optional<String> refusal = writeGuard.refuses(objectPath, object);
            if (refusal.isPresent()) {
                return denied(objectPath, refusal.get());
            }
            if (objectPath.startsWith(CRD_COLLECTION + "/")) {
                byte[] established = establish(object).toString().getBytes(StandardCharsets.UTF_8);
                return alreadyExists(method, object, super.dispatch(rebuild(request, established, JSON_TYPE)));
            }
            if (method == HttpMethod.POST) {
                return alreadyExists(method, object, super.dispatch(request));
            }
        }
        MockResponse response = super.dispatch(request);
        return method == HttpMethod.GET ? fixListKind(path, response) : response;
    }

    /** Applies a strategic merge patch to the stored object and stores the result with a PUT. */
    private MockResponse strategicMerge(RecordedRequest request, String path) {
        ObjectNode patch = parseObject(request.getBody().getBytes());
        writes.lock();
        try {
            String objectPath = path.endsWith("/status") ? path.substring(0, path.length() - "/status".length()) : path;
            MockResponse current = super.dispatch(local(HttpMethod.GET, objectPath, null));
            if (current.code() != 200) {
                return current;
            }
            ObjectNode live = parseObject(current.getBody().getBytes());
            ObjectNode merged = StrategicMergePatch.apply(live, patch);
            Optional<String> refusal = writeGuard.refuses(objectPath, merged);
            if (refusal.isPresent()) {
                return denied(objectPath, refusal.get());
            }
            return super.dispatch(local(HttpMethod.PUT, path, merged.toString().getBytes(StandardCharsets.UTF_8)));
        } finally {
            writes.unlock();
        }
    }

    /**
     * Registers a CustomResourceDefinition's kind in discovery and marks it Established (no
     * controller here does), so Helm maps the kind and does not wait for the CRD; returns the CRD
     * as it is to be stored.
     */
    ObjectNode establish(ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText("");
        if (group.isEmpty() || names.path("plural").asText("").isEmpty() || names.path("kind").asText("").isEmpty()) {
            throw new SandboxKubernetesException("CustomResourceDefinition " + crd.path("metadata").path("name").asText()
                    + " has no spec.group, spec.names.plural or spec.names.kind");
        }
        java.util.List<String> shortNames = new java.util.ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        DiscoveryDocuments.ApiResource resource = new DiscoveryDocuments.ApiResource(names.path("plural").asText(),
                names.path("singular").asText(names.path("kind").asText().toLowerCase(Locale.ROOT)),
                names.path("kind").asText(), !"Cluster".equals(spec.path("scope").asText("Namespaced")), shortNames);
        for (JsonNode version : spec.path("versions")) {
            if (version.path("served").asBoolean(true)) {
                discovery.addCustomResource(group + "/" + version.path("name").asText(), resource);
            }
        }
        ObjectNode stored = crd.deepCopy();
        ObjectNode status = stored.putObject("status");
        status.set("acceptedNames", names.deepCopy());
        var conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts");
        conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted");
        return stored;
    }

    /**
     * The mock answers a create of an existing object with a bare 409; the apiserver's Status has
     * reason AlreadyExists, which clients test for (Helm skips a CRD that is already installed).
     */
    private static MockResponse alreadyExists(HttpMethod method, ObjectNode object, MockResponse response) {
        if (method != HttpMethod.POST || response.code() != 409) {
            return response;
        }
        String kind = object.path("kind").asText();
        String name = object.path("metadata").path("name").asText();
        MockResponse conflict = status(409, "AlreadyExists", kind + " \"" + name + "\" already exists");
        return conflict;
    }

    /** Whether this sandbox serves {@code kind} in {@code apiVersion}. */
    boolean serves(String apiVersion, String kind) {
        return discovery.serves(apiVersion, kind);
    }

    /** The discovery and version URIs (path and query) answered so far. */
    java.util.Set<String> servedDiscovery() {
        return java.util.Set.copyOf(servedDiscovery);
    }

    // ---- direct access to the store for the sandbox itself (no HTTP round trip) ----

    /** The stored object at {@code path}, if any. */
    Optional<ObjectNode> read(String path) {
        MockResponse response = withJsonContentType(super.dispatch(local(HttpMethod.GET, path, null)));
        if (response.code() == 404) {
            return Optional.empty();
        }
        requireSuccess("GET", path, response);
        return Optional.of(parseObject(response.getBody().getBytes()));
    }

    /** Creates {@code object} in the collection at {@code collectionPath}; returns it as stored. */
    ObjectNode create(String collectionPath, ObjectNode object) {
        MockResponse response = super.dispatch(
                local(HttpMethod.POST, collectionPath, object.toString().getBytes(StandardCharsets.UTF_8)));
        requireSuccess("POST", collectionPath, response);
        return parseObject(response.getBody().getBytes());
    }

    /** Reads the object at {@code path}, changes it and stores it back, atomically for the sandbox's writers. */
    Optional<ObjectNode> update(String path, String storePath, java.util.function.UnaryOperator<ObjectNode> change) {
        writes.lock();
        try {
            Optional<ObjectNode> current = read(path);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode changed = change.apply(current.get().deepCopy());
            MockResponse response = super.dispatch(
                    local(HttpMethod.PUT, storePath, changed.toString().getBytes(StandardCharsets.UTF_8)));
            requireSuccess("PUT", storePath, response);
            return Optional.of(parseObject(response.getBody().getBytes()));
        } finally {
            writes.unlock();
        }
    }

    private static void requireSuccess(String method, String path, MockResponse response) {
        if (response.code() / 100 != 2) {
            String body = response.getBody() == null ? "" : response.getBody().readUtf8();
            throw new SandboxKubernetesException(method + " " + path + " answered " + response.code() + ": " + body);
        }
    }

    // ---- helpers ----

    private static boolean isSecretsPath(String path) {
        return path.matches("^/api/v1/namespaces/[^/]+/secrets(/[^/]+)?$");
    }

    /** The mock answers every collection with kind "List"; client-go's typed clients want e.g. "SecretList". */
    private MockResponse fixListKind(String path, MockResponse response) {
        Matcher m = COLLECTION.matcher(path);
        if (!m.matches() || response.code() != 200 || response.getBody() == null || response.getBody().size() == 0) {
            return response;
        }
        String groupVersion = m.group(1) != null ? m.group(1) : m.group(2);
        Optional<DiscoveryDocuments.ApiResource> resource = discovery.resource(groupVersion, m.group(3));
        if (resource.isEmpty()) {
            return response;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.getBody().getBytes());
        } catch (java.io.IOException e) {
            return response;
        }
        if (body instanceof ObjectNode list && "List".equals(list.path("kind").asText())) {
            list.put("kind", resource.get().kind() + "List");
            list.put("apiVersion", groupVersion);
            return response.setBody(list.toString());
        }
        return response;
    }

    private static MockResponse withJsonContentType(MockResponse response) {
        if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", JSON_TYPE);
        }
        return response;
    }

    private static MockResponse ok(String json) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", JSON_TYPE).setBody(json);
    }

    static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode()
                .put("kind", "Status")
                .put("apiVersion", "v1")
                .put("status", "Failure")
                .put("message", message)
                .put("reason", reason)
                .put("code", code);
        status.putObject("metadata");
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON_TYPE).setBody(status.toString());
    }

    private static String contentType(RecordedRequest request) {
        String value = request.getHeader("Content-Type");
        return value == null ? "" : value.toLowerCase(Locale.ROOT).trim();
    }

    static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static RecordedRequest rebuild(RecordedRequest original, byte[] body, String contentType) {
        Headers.Builder headers = original.getHeaders().newBuilder();
        headers.removeAll("Content-Length");
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        } else if (body == null) {
            headers.removeAll("Content-Type");
        }
        if (body != null) {
            headers.set("Content-Length", Integer.toString(body.length));
        }
        return new RecordedRequest(original.getHttpVersion(), original.method(), original.getPath(),
                headers.build(), body == null ? new Buffer() : new Buffer(body));
    }

    private static RecordedRequest local(HttpMethod method, String path, byte[] body) {
        Headers.Builder headers = Headers.builder().set("Accept", JSON_TYPE);
        if (body != null) {
            headers.set("Content-Type", JSON_TYPE).set("Content-Length", Integer.toString(body.length));
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(),
                body == null ? new Buffer() : new Buffer(body));
    }

    private static ObjectNode parseObject(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new SandboxKubernetesException("expected a JSON object, got " + node.getNodeType());
        } catch (JsonProcessingException e) {
            // The parser's message can quote the body (a secret, perhaps): report the position only.
            throw new SandboxKubernetesException("body is not JSON (error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new SandboxKubernetesException("body could not be read: " + e.getClass().getSimpleName());
        }
    }
}
