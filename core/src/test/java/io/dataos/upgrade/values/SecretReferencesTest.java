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
    void everySecretLikeKeyAndUrlPasswordIsRedactedNestedAndInAnyCaseProvenByReadingItBack() throws Exception {
        String values = """
                db:
                  PWD: pw-value-1
                  Passwd: pw-value-2
                  url: postgres://dataos:db-url-pass-3@db:5432/dataos
                  replicas:
                    - host: r1
                      dsn: "mysql://app:dsn-pass-4@r1/app?sslmode=require"
                tls:
                  privateKey: |
                    -----BEGIN PRIVATE KEY-----
                    private-key-body-5
                    -----END PRIVATE KEY-----
                  ssh-key: ssh-key-6
                cloud:
                  Credentials: {json: creds-7}
                  ACCESS_KEY: access-key-8
                  key: plain-key-9
                  ApiKey: api-key-10
                  SECRET: secret-11
                notify:
                  webhook: https://hooks.example/notify?channel=ops&token=hook-token-12
                  nested:
                    deeper:
                      Token: token-13
                kept:
                  keyName: visible
                  monkey: banana
                  url: https://example.com/path?channel=ops
                """;
        List<String> planted = List.of("pw-value-1", "pw-value-2", "db-url-pass-3", "dsn-pass-4", "private-key-body-5",
                "ssh-key-6", "creds-7", "access-key-8", "plain-key-9", "api-key-10", "secret-11", "hook-token-12",
                "token-13");

        String out = redact(values);

        assertThat(out).doesNotContain(planted);
        java.util.Map<String, Object> tree = new org.yaml.snakeyaml.Yaml().load(out);
        List<String> seen = new java.util.ArrayList<>();
        walk(tree, "", seen);
        assertThat(seen).doesNotContain(planted.toArray(new String[0]))
                .contains("db.PWD=<redacted secret>", "db.Passwd=<redacted secret>",
                        "db.url=postgres://dataos:REDACTED@db:5432/dataos",
                        "db.replicas[0].dsn=mysql://app:REDACTED@r1/app?sslmode=require",
                        "tls.privateKey=<redacted secret>", "tls.ssh-key=<redacted secret>",
                        "cloud.Credentials.json=<redacted secret>", "cloud.ACCESS_KEY=<redacted secret>",
                        "cloud.key=<redacted secret>", "cloud.ApiKey=<redacted secret>", "cloud.SECRET=<redacted secret>",
                        "notify.webhook=https://hooks.example/notify?channel=ops&token=REDACTED",
                        "notify.nested.deeper.Token=<redacted secret>", "kept.keyName=visible", "kept.monkey=banana",
                        "kept.url=https://example.com/path?channel=ops");
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object node, String path, List<String> seen) {
        if (node instanceof java.util.Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, seen));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", seen);
            }
        } else {
            seen.add(path + "=" + node);
            seen.add(String.valueOf(node));
        }
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
