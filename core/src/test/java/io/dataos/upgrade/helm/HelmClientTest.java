package io.dataos.upgrade.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.kube.KubeTarget;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.HelmFixtures.Rev;
import io.dataos.upgrade.testing.TestSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmClientTest {

    @TempDir
    Path dir;
    FakeClis fake;
    HelmClient helm;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir);
        helm = new HelmClient(new LocalCommandRunner(), fake.helm(), new KubeTarget("/etc/kube/config", "prod"),
                log::add);
    }

    @Test
    void statusJsonIsReadWithHelmsOwnFieldNames() throws Exception {
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 7,
                "deployed", "Upgrade complete", "1.11.4"));

        HelmRelease release = helm.status("dataos-manager", "dataos-manager").orElseThrow();

        assertThat(release.revision()).isEqualTo(7);
        assertThat(release.status()).isEqualTo("deployed");
        assertThat(release.description()).isEqualTo("Upgrade complete");
        assertThat(release.chart()).isEqualTo("dataos-manager-1.11.4");
        assertThat(release.appVersion()).isEqualTo("1.11.4");
        assertThat(release.lastDeployed()).isEqualTo(OffsetDateTime.parse("2024-05-06T10:00:01.123456789+02:00"));
        assertThat(release.toString()).doesNotContain("pk-fixture-value");
        assertThat(fake.calls()).containsExactly(List.of("helm", "status", "dataos-manager", "-n", "dataos-manager",
                "-o", "json", "--kubeconfig", "/etc/kube/config", "--kube-context", "prod"));
    }

    @Test
    void missingReleaseIsEmptyNotAnError() throws Exception {
        assertThat(helm.status("dataos-manager", "dataos-manager")).isEmpty();
        assertThat(helm.history("dataos-manager", "dataos-manager").isEmpty()).isTrue();
    }

    @Test
    void historyFindsTheLastGoodRevisionSkippingFailedOnes() throws Exception {
        fake.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new Rev(4, "superseded", "1.10.0", "Install complete"),
                new Rev(5, "superseded", "1.10.2", "Upgrade complete"),
                new Rev(6, "deployed", "1.11.0", "Upgrade complete"),
                new Rev(7, "failed", "1.11.4", "Upgrade \\\"dataos-manager\\\" failed: context deadline exceeded"))));

        ReleaseHistory history = helm.history("dataos-manager", "dataos-manager");

        assertThat(history.revisions()).extracting(HelmRevision::revision).containsExactly(4, 5, 6, 7);
        assertThat(history.revision(7).orElseThrow().description())
                .isEqualTo("Upgrade \"dataos-manager\" failed: context deadline exceeded");
        assertThat(history.revision(5).orElseThrow().chart()).isEqualTo("dataos-manager-1.10.2");
        assertThat(history.revision(5).orElseThrow().appVersion()).isEqualTo("1.10.2");
        assertThat(history.lastGood().orElseThrow().revision()).isEqualTo(6);
        assertThat(history.lastGoodBefore(6).orElseThrow().revision()).isEqualTo(5);
        assertThat(fake.calls("helm", "history").get(0)).containsExactly("helm", "history", "dataos-manager", "-n",
                "dataos-manager", "-o", "json", "--kubeconfig", "/etc/kube/config", "--kube-context", "prod");
    }

    @Test
    void upgradeRunsTheDocumentedUpgradeInstallCommand() throws Exception {
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 8,
                "deployed", "Upgrade complete", "1.12.0"));

        String values = java.nio.file.Files.writeString(dir.resolve("values.yaml"), "image:\n  tag: x\n").toString();
        String overlay = java.nio.file.Files.writeString(dir.resolve("overlay.yaml"), "a: b\n").toString();

        helm.upgradeInstall(HelmTarget.DATAOS_MANAGER.withChartVersion("1.12.0"), List.of(values, overlay),
                Duration.ofMinutes(15), List.of());

        assertThat(fake.calls("helm", "upgrade")).containsExactly(List.of("helm", "upgrade", "--install",
                "dataos-manager", "dataos/dataos-manager", "-n", "dataos-manager", "-f", values, "-f",
                overlay, "--version", "1.12.0", "--wait", "--timeout", "900s", "--kubeconfig",
                "/etc/kube/config", "--kube-context", "prod"));
    }

    @Test
    void failedUpgradeKeepsHelmsErrorAndIsNotRetried() throws Exception {
        fake.put("upgrade-error", "template rejected");

        assertThatThrownBy(() -> helm.upgradeInstall(HelmTarget.DATAOS_MANAGER, List.of(), Duration.ofMinutes(1),
                List.of()))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Error: UPGRADE FAILED: execution error at"
                        + " (dataos-manager/templates/statefulset.yaml:12:4): template rejected")
                .hasMessageContaining("exit code 1");
        assertThat(fake.calls("helm", "upgrade")).hasSize(1);
    }

    @Test
    void secretAndItsBase64FormAreMaskedInValuesAndManifest() throws Exception {
        String key = TestSecrets.PRIME_API_KEY_VALUE;
        String b64 = java.util.Base64.getEncoder().encodeToString(key.getBytes());
        fake.put("releases/dataos-manager/values-6.yaml", "image:\n  tag: 1.11.0\nprimeApiKey: " + key + "\n");
        fake.put("releases/dataos-manager/manifest-6.yaml", "---\nkind: Secret\ndata:\n  primeApiKey: " + b64 + "\n");

        String values = helm.getValues("dataos-manager", "dataos-manager", 6, List.of(TestSecrets.primeApiKey()));
        String manifest = helm.getManifest("dataos-manager", "dataos-manager", 6, List.of(TestSecrets.primeApiKey()));

        assertThat(values).isEqualTo("image:\n  tag: 1.11.0\nprimeApiKey: ****\n");
        assertThat(manifest).doesNotContain(b64).contains("primeApiKey: ****");
        assertThat(fake.calls("helm", "get").get(0)).containsExactly("helm", "get", "values", "dataos-manager", "-n",
                "dataos-manager", "--revision", "6", "-o", "yaml", "--kubeconfig", "/etc/kube/config",
                "--kube-context", "prod");
    }

    @Test
    void versionAndChartAreRead() throws Exception {
        fake.put("charts/dataos_dataos-manager.yaml", HelmFixtures.chart("1.12.0"));

        assertThat(helm.version()).isEqualTo("v3.21.0");
        ChartInfo chart = helm.showChart("dataos/dataos-manager", "1.12.0");

        assertThat(chart).isEqualTo(new ChartInfo("dataos-manager", "1.12.0", "1.12.0"));
        assertThat(fake.calls("helm", "version").get(0)).containsExactly("helm", "version", "--template",
                "{{.Version}}", "--kubeconfig", "/etc/kube/config", "--kube-context", "prod");
        assertThatThrownBy(() -> helm.showChart("dataos/dataos-manager", "9.9.9"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Error: chart \"dataos-manager\" version \"9.9.9\" not found in dataos index");
    }

    @Test
    void rollbackWaitsAndReportsHelmsError() throws Exception {
        helm.rollback("dataos-manager", "dataos-manager", 6, Duration.ofMinutes(10));

        assertThat(fake.calls("helm", "rollback")).containsExactly(List.of("helm", "rollback", "dataos-manager", "6",
                "-n", "dataos-manager", "--wait", "--timeout", "600s", "--kubeconfig", "/etc/kube/config",
                "--kube-context", "prod"));
        assertThat(log).contains("Rollback was a success! Happy Helming!");

        fake.put("rollback-error", "Error: release has no 9 version");
        assertThatThrownBy(() -> helm.rollback("dataos-manager", "dataos-manager", 9, Duration.ofMinutes(1)))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("Error: release has no 9 version");
    }

    @Test
    void missingHelmIsAnIoErrorNamingTheProgram() {
        HelmClient absent = new HelmClient(new LocalCommandRunner(), dir.resolve("no-helm").toString(), null, null);

        assertThatThrownBy(absent::version).isInstanceOf(java.io.IOException.class).hasMessageContaining("no-helm");
    }
}
