package io.dataos.upgrade.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlClientTest {

    @TempDir
    Path dir;
    FakeClis fake;
    KubectlClient kubectl;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir);
        kubectl = new KubectlClient(new LocalCommandRunner(), fake.kubectl(), new KubeTarget(null, "prod"), null);
    }

    @Test
    void rolloutStatusOfTheManagerStatefulSetCompletes() throws Exception {
        fake.put("kube/rollout/dataos-manager", "complete");

        RolloutStatus status = kubectl.rolloutStatus("statefulset/dataos-manager", "dataos-manager",
                Duration.ofMinutes(5));

        assertThat(status.complete()).isTrue();
        assertThat(status.message()).startsWith("statefulset rolling update complete 3 pods");
        assertThat(fake.calls()).containsExactly(List.of("kubectl", "--context", "prod", "rollout", "status",
                "statefulset/dataos-manager", "-n", "dataos-manager", "--timeout=300s"));
    }

    @Test
    void rolloutThatTimesOutIsReportedWithKubectlsWords() throws Exception {
        fake.put("kube/rollout/dataos-manager", "stuck");

        RolloutStatus status = kubectl.rolloutStatus("statefulset/dataos-manager", "dataos-manager",
                Duration.ofSeconds(30));

        assertThat(status.complete()).isFalse();
        assertThat(status.message()).isEqualTo("error: timed out waiting for the condition");
    }

    @Test
    void namespaceLabelsAreReadAndAMissingNamespaceIsEmpty() throws Exception {
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager",
                "app.kubernetes.io/part-of=dataos"));

        KubeNamespace ns = kubectl.namespace("dataos-manager").orElseThrow();

        assertThat(ns.labels()).containsEntry("app.kubernetes.io/part-of", "dataos").containsKey(
                "kubernetes.io/metadata.name");
        assertThat(ns.phase()).isEqualTo("Active");
        assertThat(kubectl.namespace("absent")).isEmpty();
    }

    @Test
    void serverVersionProvesReachabilityOrFailsWithKubectlsError() throws Exception {
        assertThat(kubectl.serverVersion()).isEqualTo("v1.30.12");

        fake.put("kube/unreachable", "");
        assertThatThrownBy(kubectl::serverVersion).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("The connection to the server 127.0.0.1:6443 was refused")
                .hasMessageContaining("context 'prod'");
    }
}
