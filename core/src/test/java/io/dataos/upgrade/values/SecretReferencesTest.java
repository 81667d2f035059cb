package io.dataos.upgrade.values;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

    private static String redact(String yaml, Secret... known) {
        return new String(SecretReferences.redact("values.yaml", yaml.getBytes(StandardCharsets.UTF_8), List.of(known)),
                StandardCharsets.UTF_8);
    }

    @Test
    void primeApiKeyBecomesAReferenceToItsCredential() {
        String out = redact("instanceName: x # name\nprimeApiKey: pk-live-123 # DataOS Prime API key\nlogLevel: info\n");

        assertThat(out).isEqualTo(
                "instanceName: x # name\nprimeApiKey: <from credential prime-api-key> # DataOS Prime API key\nlogLevel: info\n");
    }

    @Test
    void everyKeyNamedLikeASecretIsReplacedWhereverItSits() {
        String out = redact("""
                db:
                  password: "hunter2"
                  PASSWORD_FILE: /run/pw
                grafana: {apiKey: 'g-1', url: http://g}
                auth:
                  bearer-token: t0k
                  clientSecret: cs
                tokens:
                  - a1
                  - a2
                sso_secret: |
                  line one
                  line two
                after: kept
                """);

        assertThat(out).isEqualTo("""
                db:
                  password: <redacted secret>
                  PASSWORD_FILE: <redacted secret>
                grafana: {apiKey: <redacted secret>, url: http://g}
                auth:
                  bearer-token: <redacted secret>
                  clientSecret: <redacted secret>
                tokens:
                  - <redacted secret>
                  - <redacted secret>
                sso_secret: <redacted secret>
                after: kept
                """);
    }

    @Test
    void knownSecretValueUnderAnInnocentKeyIsMaskedToo() {
        Secret key = Secret.of("prime-api-key", "pk-live-123");

        String out = redact("primeApiKey: pk-live-123\nnote: pk-live-123\nurl: https://x?k=pk-live-123\n", key);

        assertThat(out).doesNotContain("pk-live-123")
                .isEqualTo("primeApiKey: <from credential prime-api-key>\nnote: <masked secret>\n"
                        + "url: https://x?k=<masked secret>\n");
    }

    @Test
    void keysThatOnlyLookSimilarAreKept() {
        String out = redact("keyName: a\nprimeAccountId: acct\ncloudKernelJson: abc\n");

        assertThat(out).isEqualTo("keyName: a\nprimeAccountId: acct\ncloudKernelJson: abc\n");
    }

    @Test
    void renderedManifestKeepsEverythingButSecretData() {
        String manifest = """
                ---
                # Source: dataos-manager/templates/secret.yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: dataos-manager-prime
                type: Opaque
                data:
                  primeApiKey: "cGstbGl2ZS0xMjM="
                stringData:
                  extra: plain
                ---
                # Source: dataos-manager/templates/statefulset.yaml
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: dataos-manager
                spec:
                  template:
                    spec:
                      containers:
                        - name: dataos-manager
                          image: "docker.io/dataos/dataos-manager:1.11.4"
                          env:
                            - name: DB_PASSWORD
                              value: pk-live-123
                """;

        String out = SecretReferences.redactManifest("manifest", manifest, List.of(Secret.of("k", "pk-live-123")));

        assertThat(out).contains("  primeApiKey: <redacted secret>\n", "  extra: <redacted secret>\n",
                "image: \"docker.io/dataos/dataos-manager:1.11.4\"", "# Source: dataos-manager/templates/statefulset.yaml",
                "value: <masked secret>", "name: dataos-manager-prime")
                .doesNotContain("cGstbGl2ZS0xMjM=", "pk-live-123", "plain");
        assertThat(out.lines().count()).isEqualTo(manifest.lines().count());
    }
}
