package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProtobufSecretDecoderTest {

    @Test
    void decodesHelmReleaseSecretEnvelopeIntoKubernetesJson() {
        byte[] release = new byte[300]; // longer than 127 bytes: a multi-byte length varint
        Arrays.fill(release, (byte) 0xC3);
        byte[] body = ProtobufWriter.secretEnvelope("dataos-manager", "sh.helm.release.v1.dataos-manager.v1",
                "helm", "release", release);

        ObjectNode secret = ProtobufSecretDecoder.decodeSecret(body);

        assertThat(secret.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("type").asText()).isEqualTo("helm.sh/release.v1");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("sh.helm.release.v1.dataos-manager.v1");
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("dataos-manager");
        assertThat(secret.path("metadata").path("generation").asLong()).isEqualTo(3);
        assertThat(secret.path("metadata").path("creationTimestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(secret.path("metadata").path("labels").path("owner").asText()).isEqualTo("helm");
        assertThat(secret.path("metadata").path("annotations").path("note").asText()).isEqualTo("x");
        assertThat(Base64.getDecoder().decode(secret.path("data").path("release").asText())).isEqualTo(release);
    }

    @Test
    void recognisesOnlyTheKubernetesProtobufMagic() {
        assertThat(ProtobufSecretDecoder.isKubernetesProtobuf(new byte[] {'k', '8', 's', 0, 1})).isTrue();
        assertThat(ProtobufSecretDecoder.isKubernetesProtobuf("{\"kind\":\"Secret\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(ProtobufSecretDecoder.isKubernetesProtobuf(new byte[] {'k', '8'})).isFalse();
        assertThat(ProtobufSecretDecoder.isKubernetesProtobuf(null)).isFalse();
    }

    @Test
    void truncatedBodyIsRefusedWithThePosition() {
        byte[] body = ProtobufWriter.secretEnvelope("ns", "s", "helm", "release", new byte[50]);
        byte[] truncated = Arrays.copyOf(body, body.length - 20);

        assertThatThrownBy(() -> ProtobufSecretDecoder.decodeSecret(truncated))
                .isInstanceOf(ProtobufSecretDecoder.ProtobufFormatException.class)
                .hasMessageContaining("runs past the end");
    }

    @Test
    void otherKindsAreRefusedByName() {
        ProtobufWriter unknown = new ProtobufWriter()
                .messageField(1, new ProtobufWriter().stringField(1, "v1").stringField(2, "ConfigMap"))
                .bytesField(2, new byte[0]);
        byte[] body = new byte[4 + unknown.toByteArray().length];
        System.arraycopy(ProtobufSecretDecoder.MAGIC, 0, body, 0, 4);
        System.arraycopy(unknown.toByteArray(), 0, body, 4, body.length - 4);

        assertThatThrownBy(() -> ProtobufSecretDecoder.decodeSecret(body))
                .hasMessageContaining("only for Secrets, got kind ConfigMap");
    }
}
