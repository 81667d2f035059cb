package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's own release records in the sandbox store: the Secret {@code sh.helm.release.v1.<release>.v<N>}
 * whose {@code data.release} is base64 (Kubernetes) of base64 (Helm) of gzip of the release JSON
 * (name, namespace, version, info, chart, config, manifest). Reading them gives what helm-java does
 * not expose ({@code get manifest}, the full status); writing one marks a revision failed, as Helm
 * does when {@code --wait} runs out.
 */
final class HelmReleaseRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SandboxKubernetes k8s;

    HelmReleaseRecords(SandboxKubernetes k8s) {
        this.k8s = k8s;
    }

    static String secretPath(String namespace, String release, int revision) {
        return "/api/v1/namespaces/" + namespace + "/secrets/sh.helm.release.v1." + release + ".v" + revision;
    }

    /** The release JSON of {@code revision}, if Helm recorded it. */
    Optional<ObjectNode> read(String namespace, String release, int revision) {
        return k8s.get(secretPath(namespace, release, revision)).map(secret -> decode(secret.path("data").path("release").asText("")));
    }

    /** Rewrites revision's record with {@code status} and {@code description}, in the JSON and in the Secret's label. */
    void mark(String namespace, String release, int revision, String status, String description) {
        k8s.store().update(secretPath(namespace, release, revision), secretPath(namespace, release, revision), secret -> {
            ObjectNode record = decode(secret.path("data").path("release").asText(""));
            ((ObjectNode) record.withObjectProperty("info")).put("status", status).put("description", description);
            secret.withObjectProperty("data").put("release", encode(record));
            secret.withObjectProperty("metadata").withObjectProperty("labels").put("status", status);
            return secret;
        });
    }

    static ObjectNode decode(String kubernetesBase64) {
        try {
            byte[] helmBase64 = Base64.getDecoder().decode(kubernetesBase64);
            byte[] payload = Base64.getDecoder().decode(new String(helmBase64, StandardCharsets.US_ASCII).trim());
            if (payload.length > 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
                    payload = in.readAllBytes();
                }
            }
            JsonNode node = JSON.readTree(payload);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new SandboxKubernetesException("a Helm release record is not a JSON object");
        } catch (IOException | IllegalArgumentException e) {
            throw new SandboxKubernetesException("a Helm release record could not be decoded ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static String encode(ObjectNode record) {
        try {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(JSON.writeValueAsBytes(record));
            }
            String helm = Base64.getEncoder().encodeToString(gz.toByteArray());
            return Base64.getEncoder().encodeToString(helm.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
