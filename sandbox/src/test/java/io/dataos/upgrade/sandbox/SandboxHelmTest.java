package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real Helm (helm-java's native library) against the sandbox API, with the bundled example chart. */
@Timeout(120)
class SandboxHelmTest {

    private static final String NS = SandboxKubernetes.MANAGER_NAMESPACE;
    private static final String RELEASE = "dataos-manager";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Secret PRIME_KEY = Secret.of("prime-api-key", "pk-test-7f3a9c2e51d84b06");

    @TempDir
    Path dir;

    private SandboxKubernetes k8s;
    private SandboxHelm helm;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private ExampleChart.Extracted example;

    @BeforeEach
    void start() {
        k8s = SandboxKubernetes.start(dir.resolve("kube"));
        helm = SandboxHelm.forSandbox(k8s, log::add);
        example = ExampleChart.extractTo(dir.resolve("example"));
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private HelmUpgradeRequest install() {
        return HelmUpgradeRequest.of(RELEASE, NS, example.chart()).withValuesFile(example.valuesFile())
                .withValue("image.tag", "1.4.0");
    }

    @Test
    void installMakesDeployedRevisionOneAndStoresTheStatefulSetWithTheRenderedImageTag() {
        ReleaseStatus status = helm.upgradeInstall(install());

        assertThat(status.revision()).isEqualTo(1);
        assertThat(status.status()).isEqualTo("deployed");
        assertThat(status.chart()).isEqualTo("dataos-manager-0.1.0");
        assertThat(status.appVersion()).isEqualTo("1.0.0");
        assertThat(status.namespace()).isEqualTo(NS);
        StatefulSetState sts = k8s.statefulSet(NS, RELEASE).orElseThrow();
        assertThat(sts.image()).isEqualTo("registry.example.invalid/dataos/dataos-manager:1.4.0");
        assertThat(k8s.get("/api/v1/namespaces/" + NS + "/services/" + RELEASE)).isPresent();
        assertThat(k8s.get("/api/v1/namespaces/" + NS + "/configmaps/" + RELEASE + "-config").orElseThrow()
                .path("data").path("INSTANCE_NAME").asText()).isEqualTo("<DATAOS_INSTANCE_DOMAIN_NAME>");
        assertThat(k8s.releaseRecords(NS)).containsExactly("sh.helm.release.v1.dataos-manager.v1");
        assertThat(log).singleElement().asString().contains("revision 1 deployed");
    }

    @Test
    void upgradeWithNewImageTagMakesRevisionTwoAndChangesTheStoredImage() {
        helm.upgradeInstall(install());
        k8s.rollOut(NS, RELEASE);

        ReleaseStatus upgraded = helm.upgradeInstall(install().withValue("image.tag", "1.5.0"));

        assertThat(upgraded.revision()).isEqualTo(2);
        assertThat(upgraded.deployed()).isTrue();
        StatefulSetState sts = k8s.statefulSet(NS, RELEASE).orElseThrow();
        assertThat(sts.imageTag()).isEqualTo("1.5.0");
        assertThat(sts.generation()).isEqualTo(2);
        assertThat(sts.rolledOut()).as("no controller has seen the new spec yet").isFalse();
        assertThat(k8s.rollOut(NS, RELEASE).rolledOut()).isTrue();
    }

    @Test
    void historyAndStatusReportTheRevisionsHelmRecorded() {
        helm.upgradeInstall(install());
        helm.upgradeInstall(install().withValue("image.tag", "1.5.0").withDescription("DataOS 1.5.0 upgrade"));

        List<ReleaseRevision> history = helm.history(RELEASE, NS);
        ReleaseStatus status = helm.status(RELEASE, NS);

        assertThat(history).extracting(ReleaseRevision::revision).containsExactly(1, 2);
        assertThat(history).extracting(ReleaseRevision::status).containsExactly("superseded", "deployed");
        assertThat(history).extracting(ReleaseRevision::description)
                .containsExactly("Install complete", "DataOS 1.5.0 upgrade");
        assertThat(history).extracting(ReleaseRevision::chart).containsOnly("dataos-manager-0.1.0");
        assertThat(history.get(1).updated()).isNotNull();
        assertThat(status.revision()).isEqualTo(2);
        assertThat(status.status()).isEqualTo(history.get(1).status());
        assertThat(status.chart()).isEqualTo(history.get(1).chart());
        assertThat(status.appVersion()).isEqualTo(history.get(1).appVersion());
        assertThat(k8s.releaseRecords(NS)).containsExactly(
                "sh.helm.release.v1.dataos-manager.v1", "sh.helm.release.v1.dataos-manager.v2");
        assertThat(helm.find(RELEASE, NS)).contains(status);
        assertThat(helm.find("not-installed", NS)).isEmpty();
    }

    @Test
    void rollbackToRevisionOneMakesRevisionThreeWithRevisionOneValues() throws Exception {
        helm.upgradeInstall(install().withValue("logLevel", "debug"));
        helm.upgradeInstall(install().withValue("image.tag", "1.5.0"));

        ReleaseStatus rolledBack = helm.rollback(HelmRollbackRequest.of(RELEASE, NS, example.chart(), 1));

        assertThat(rolledBack.revision()).isEqualTo(3);
        assertThat(rolledBack.deployed()).isTrue();
        assertThat(helm.history(RELEASE, NS)).extracting(ReleaseRevision::description)
                .containsExactly("Install complete", "Upgrade complete", "Rollback to 1");
        JsonNode revision1 = YAML.readTree(helm.values(RELEASE, NS, 1));
        JsonNode revision3 = YAML.readTree(helm.values(RELEASE, NS, 3));
        assertThat(revision3).isEqualTo(revision1);
        assertThat(revision3.path("logLevel").asText()).isEqualTo("debug");
        assertThat(revision3.path("image").path("tag").asText()).isEqualTo("1.4.0");
        assertThat(k8s.statefulSet(NS, RELEASE).orElseThrow().imageTag()).isEqualTo("1.4.0");
        assertThat(log).last().asString().contains("rollback dataos-manager to revision 1", "revision 3 deployed");
        try (var leftovers = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("dataos-sandbox-rollback-"));
        }
    }

    @Test
    void rollbackRefusesAMissingRevisionAndAChartOtherThanTheRevisions() throws Exception {
        helm.upgradeInstall(install());
        Path otherChart = dir.resolve("other-chart");
        Files.createDirectories(otherChart.resolve("templates"));
        Files.writeString(otherChart.resolve("Chart.yaml"), "apiVersion: v2\nname: dataos-manager\nversion: 0.2.0\n");

        assertThatThrownBy(() -> helm.rollback(HelmRollbackRequest.of(RELEASE, NS, example.chart(), 7)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("toRevision")
                .hasMessageContaining("has no revision 7");
        assertThatThrownBy(() -> helm.rollback(HelmRollbackRequest.of(RELEASE, NS, otherChart, 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("chart")
                .hasMessageContaining("was made from chart dataos-manager-0.1.0")
                .hasMessageContaining("dataos-manager-0.2.0");
        assertThat(helm.history(RELEASE, NS)).hasSize(1);
    }

    @Test
    void uninstallRemovesTheResourcesAndTheReleaseRecords() {
        helm.upgradeInstall(install());
        helm.upgradeInstall(install().withValue("image.tag", "1.5.0"));

        String message = helm.uninstall(RELEASE, NS);

        assertThat(message).contains("uninstalled");
        assertThat(k8s.statefulSet(NS, RELEASE)).isEmpty();
        assertThat(k8s.get("/api/v1/namespaces/" + NS + "/configmaps/" + RELEASE + "-config")).isEmpty();
        assertThat(k8s.releaseRecords(NS)).isEmpty();
        assertThat(helm.find(RELEASE, NS)).isEmpty();
    }

    @Test
    void primeKeyReachesTheClusterButNothingSandboxHelmReturnsOrLogs() throws Exception {
        String key = PRIME_KEY.reveal();
        String keyBase64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        List<String> returned = new ArrayList<>();

        returned.add(helm.upgradeInstall(install().withSecretValue("primeApiKey", PRIME_KEY)).toString());
        returned.add(helm.upgradeInstall(install().withSecretValue("primeApiKey", PRIME_KEY)
                .withValue("image.tag", "1.5.0")).toString());
        returned.add(helm.values(RELEASE, NS, 1));
        returned.add(helm.values(RELEASE, NS, 2));
        returned.add(helm.history(RELEASE, NS).toString());
        returned.add(helm.status(RELEASE, NS).toString());
        returned.add(helm.template(install().withSecretValue("primeApiKey", PRIME_KEY)));
        returned.add(helm.rollback(HelmRollbackRequest.of(RELEASE, NS, example.chart(), 1)).toString());
        returned.add(helm.values(RELEASE, NS, 3));
        // A chart whose rendering fails with the key in Helm's own error message.
        Path leaky = dir.resolve("leaky");
        Files.createDirectories(leaky.resolve("templates"));
        Files.writeString(leaky.resolve("Chart.yaml"), "apiVersion: v2\nname: leaky\nversion: 0.1.0\n");
        Files.writeString(leaky.resolve("templates/fail.yaml"), "{{ fail (printf \"refused key %s\" .Values.primeApiKey) }}\n");
        SandboxHelmException failure = org.junit.jupiter.api.Assertions.assertThrows(SandboxHelmException.class,
                () -> helm.upgradeInstall(HelmUpgradeRequest.of("leaky", NS, leaky).withSecretValue("primeApiKey", PRIME_KEY)));
        assertThat(failure.getMessage()).contains("refused key ****");
        returned.add(failure.getMessage());

        // The key did reach Helm and the cluster: the rendered Secret holds it, in every revision.
        JsonNode stored = k8s.get("/api/v1/namespaces/" + NS + "/secrets/" + RELEASE + "-secrets").orElseThrow();
        assertThat(stored.path("data").path("PRIME_API_KEY").asText()).isEqualTo(keyBase64);
        assertThat(YAML.readTree(helm.values(RELEASE, NS, 3)).path("primeApiKey").asText()).isEqualTo("****");
        assertThat(returned).allSatisfy(text -> assertThat(text).doesNotContain(key).doesNotContain(keyBase64));
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(key).doesNotContain(keyBase64));
        assertThat(returned.get(6)).contains("PRIME_API_KEY: \"****\"");
    }

    @Test
    void templateAndLintNeedNoCluster() {
        k8s.close();

        String manifests = helm.template(install().withValue("image.tag", "2.0.0"));
        LintReport lint = helm.lint(example.chart(), List.of(example.valuesFile()));

        assertThat(manifests).contains("kind: StatefulSet", "image: \"registry.example.invalid/dataos/dataos-manager:2.0.0\"");
        assertThat(lint.failed()).isFalse();
    }

    @Test
    void lintReportsABrokenTemplate() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve("templates"));
        Files.writeString(broken.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
        Files.writeString(broken.resolve("templates/cm.yaml"), "kind: ConfigMap\ndata: {{ .Values.missing.deeper }}\n");

        LintReport lint = helm.lint(broken, List.of());

        assertThat(lint.failed()).isTrue();
        assertThat(lint.messages()).anyMatch(m -> m.contains("[ERROR]") && m.contains("nil pointer"));
    }

    @Test
    void callAgainstAStoppedApiFailsWithinItsTimeout() {
        helm.upgradeInstall(install());
        k8s.close();
        SandboxHelm bounded = new SandboxHelm(k8s.kubeconfig(), k8s.apiServer().toString(), Duration.ofSeconds(10), log::add);

        long started = System.nanoTime();
        assertThatThrownBy(() -> bounded.status(RELEASE, NS)).isInstanceOf(SandboxHelmException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldBeforeHelmRuns() {
        assertThatThrownBy(() -> HelmUpgradeRequest.of("Bad_Name", NS, example.chart()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("release");
        assertThatThrownBy(() -> HelmUpgradeRequest.of(RELEASE, NS, dir.resolve("nowhere")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("chart");
        assertThatThrownBy(() -> install().withValuesFile(dir.resolve("../../etc/missing.yaml")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("valuesFiles[1]");
        assertThatThrownBy(() -> install().withValue("image.tag; rm -rf /", "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overlay");
        assertThatThrownBy(() -> install().withTimeout(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("timeout");
        assertThat(k8s.releaseRecords(NS)).isEmpty();
    }
}
