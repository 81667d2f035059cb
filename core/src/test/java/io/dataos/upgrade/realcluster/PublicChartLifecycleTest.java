package io.dataos.upgrade.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmRevision;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.helm.PreCheck;
import io.dataos.upgrade.helm.PreInstallChecks;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public dataos-manager chart (the public repository tmdc-io/dataos-helm, charts/dataos-manager)
 * through the production adapters with the real helm 3 and helm 4: install, upgrade with the edited
 * values file and the Prime key overlay, a failing rollout, rollback to the last good revision. The
 * chart's own objects meet real admission: its ResourceQuota lets the system-cluster-critical pods
 * into a namespace other than kube-system, its ClusterRoleBinding meets real RBAC.
 *
 * <p>The chart is not in this repository (its repository gives no license); the tier reads it from
 * {@code -Ddataos.realcluster.publicChart=DIR}, else {@code $DATAOS_HELM_CHART}, else the cache folder
 * {@link #DEFAULT_CHART_DIR} under the real-cluster cache, and fails saying so when it is missing.
 */
@RealCluster
class PublicChartLifecycleTest {

    /** Under ${DATAOS_UPGRADE_CACHE:-~/.cache/dataos-upgrade}/realcluster: the chart at the commit the tier was written against. */
    static final String DEFAULT_CHART_DIR = "charts/tmdc-io-dataos-helm-42232fc/charts/dataos-manager";
    private static final String RELEASE = "dataos-manager";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @ValueSource(strings = {"helm3", "helm4"})
    void installUpgradeFailedRolloutAndRollback(String helmProgram, ControlPlane plane) throws Exception {
        Path chart = publicChart();
        RealWorld world = new RealWorld(plane, helmProgram, "public-" + helmProgram);
        world.createNamespace();
        // The operator's values file for this chart: instance, account, image tag, and where it installs.
        Files.writeString(world.dir.resolve("values.yaml"), """
                instanceName: demo-test-01.dataos.example.invalid
                primeAccountId: acct-realcluster
                primeApiKey: <PRIME_API_KEY>
                namespace: %s
                image:
                  name: docker.io/tmdcio/dataos-manager
                  tag: 0.29.2
                """.formatted(world.namespace));
        HelmTarget target = world.target(RELEASE, chart.toString());
        List<PreCheck> checks = world.checks().run(new PreInstallChecks.Settings(target, "values.yaml", null, null));
        assertThat(checks).as(checks.toString()).allMatch(PreCheck::passed);

        ManagerUpgrade upgrade = world.upgrade();
        HelmRelease installed = upgrade.upgrade(target, "values.yaml", "run", WAIT);
        assertThat(installed.revision()).isEqualTo(1);
        assertThat(installed.chartVersion()).isEqualTo("1.9.9");
        assertThat(world.secretField("dataos-manager-env", "PRIME_APIKEY")).isEqualTo(TestSecrets.PRIME_API_KEY_VALUE);

        assertThat(upgrade.updateTag("values.yaml", "0.29.3")).isEqualTo("0.29.2");
        assertThat(upgrade.upgrade(target, "values.yaml", "run", WAIT).revision()).isEqualTo(2);
        assertThat(world.statefulSetImage(RELEASE)).isEqualTo("docker.io/tmdcio/dataos-manager:0.29.3");
        assertThat(world.kubectl.rolloutStatus("statefulset/" + RELEASE, world.namespace, Duration.ofSeconds(30))
                .complete()).isTrue();

        upgrade.updateTag("values.yaml", "0.30.0-unready");
        assertThatThrownBy(() -> upgrade.upgrade(target, "values.yaml", "run", Duration.ofSeconds(20)))
                .isInstanceOf(CommandFailedException.class);
        assertThat(world.helm.history(RELEASE, world.namespace).revisions()).extracting(HelmRevision::status)
                .containsExactly(HelmRelease.SUPERSEDED, HelmRelease.DEPLOYED, HelmRelease.FAILED);

        HelmRelease rolledBack = world.rollback().rollback(target, null, WAIT);
        assertThat(rolledBack.revision()).isEqualTo(4);
        assertThat(rolledBack.status()).isEqualTo(HelmRelease.DEPLOYED);
        assertThat(world.statefulSetImage(RELEASE)).isEqualTo("docker.io/tmdcio/dataos-manager:0.29.3");
        assertThat(world.releaseSecrets(RELEASE)).hasSize(4).last().asString().endsWith(".v4=deployed");
        assertThat(world.log).noneMatch(line -> line.contains(TestSecrets.PRIME_API_KEY_VALUE));

        // clean up, so the cluster-scoped binding does not outlive the test
        world.plane.kubectlOrThrow("delete", "clusterrolebinding", RELEASE + "-" + world.namespace + "-crb");
        world.plane.kubectlOrThrow("delete", "namespace", world.namespace, "--wait=false");
    }

    static Path publicChart() {
        String configured = System.getProperty("dataos.realcluster.publicChart", "");
        if (configured.isBlank()) {
            configured = System.getenv().getOrDefault("DATAOS_HELM_CHART", "");
        }
        Path chart;
        if (!configured.isBlank()) {
            chart = Path.of(configured);
        } else {
            String cache = System.getenv("DATAOS_UPGRADE_CACHE");
            Path root = cache == null || cache.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache", "dataos-upgrade") : Path.of(cache);
            chart = root.resolve("realcluster").resolve(DEFAULT_CHART_DIR);
        }
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new IllegalStateException("the public dataos-manager chart is not at " + chart + ": put"
                    + " charts/dataos-manager of the public repository tmdc-io/dataos-helm (commit 42232fc) there, or"
                    + " name its folder with -Ddataos.realcluster.publicChart=DIR or DATAOS_HELM_CHART (docs/real-cluster.md)");
        }
        return chart;
    }
}
