package io.dataos.upgrade.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.HelmFixtures.Rev;
import io.dataos.upgrade.values.ManagerValuesFileTest;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreInstallChecksTest {

    @TempDir
    Path dir;
    FakeClis fake;
    LocalWorkspace workspace;
    PreInstallChecks checks;
    final PreInstallChecks.Settings settings =
            new PreInstallChecks.Settings(HelmTarget.DATAOS_MANAGER, "values.yaml", null, null);

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir.resolve("bin"));
        workspace = new LocalWorkspace(dir.resolve("ws"));
        workspace.write("values.yaml", ManagerValuesFileTest.runbookSample());
        LocalCommandRunner runner = new LocalCommandRunner();
        checks = new PreInstallChecks(new HelmClient(runner, fake.helm(), null, null),
                new KubectlClient(runner, fake.kubectl(), null, null), workspace);
        fake.put("charts/dataos_dataos-manager.yaml", HelmFixtures.chart("1.12.0"));
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager",
                "app.kubernetes.io/part-of=dataos"));
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 6,
                "deployed", "Upgrade complete", "1.11.4"));
    }

    private Map<String, PreCheck> run() throws Exception {
        return checks.run(settings).stream().collect(Collectors.toMap(PreCheck::name, Function.identity()));
    }

    @Test
    void healthyInstallationPassesEveryCheck() throws Exception {
        List<PreCheck> results = checks.run(settings);

        assertThat(results).allSatisfy(c -> assertThat(c.outcome()).as(c.describe()).isEqualTo(PreCheck.Outcome.PASSED));
        assertThat(PreInstallChecks.allPassed(results)).isTrue();
        assertThat(results).extracting(PreCheck::message).contains("helm v3.21.0",
                "namespace dataos-manager exists with app.kubernetes.io/part-of=dataos",
                "values.yaml is valid YAML; image.tag is 1.11.4");
        assertThat(fake.calls("kubectl", "get").get(0)).containsExactly("kubectl", "get", "namespace",
                "dataos-manager", "-o", "json", "--request-timeout=20s");
    }

    @Test
    void releaseStuckInPendingUpgradeFailsAndOffersRollbackToTheLastDeployedRevision() throws Exception {
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 7,
                "pending-upgrade", "Preparing upgrade", "1.12.0"));
        fake.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new Rev(5, "superseded", "1.10.2", "Install complete"),
                new Rev(6, "deployed", "1.11.4", "Upgrade complete"),
                new Rev(7, "pending-upgrade", "1.12.0", "Preparing upgrade"))));

        PreCheck pending = run().get(PreInstallChecks.RELEASE_NOT_PENDING);

        assertThat(pending.outcome()).isEqualTo(PreCheck.Outcome.FAILED);
        assertThat(pending.message()).contains("stuck in pending-upgrade at revision 7")
                .contains("rolling back to revision 6");
        assertThat(pending.recovery()).containsExactly("helm", "rollback", "dataos-manager", "6", "-n",
                "dataos-manager", "--wait");
    }

    @Test
    void firstInstallStuckPendingCanOnlyBeUninstalled() throws Exception {
        fake.put("releases/dataos-manager/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 1,
                "pending-install", "Initial install underway", "1.12.0"));
        fake.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new Rev(1, "pending-install", "1.12.0", "Initial install underway"))));

        PreCheck pending = run().get(PreInstallChecks.RELEASE_NOT_PENDING);

        assertThat(pending.outcome()).isEqualTo(PreCheck.Outcome.FAILED);
        assertThat(pending.recovery()).containsExactly("helm", "uninstall", "dataos-manager", "-n", "dataos-manager");
        assertThat(pending.message()).contains("no revision was ever deployed");
    }

    @Test
    void unreachableClusterFailsAndSkipsWhatDependsOnIt() throws Exception {
        fake.put("kube/unreachable", "");

        Map<String, PreCheck> results = run();

        assertThat(results.get(PreInstallChecks.KUBE_CONTEXT).outcome()).isEqualTo(PreCheck.Outcome.FAILED);
        assertThat(results.get(PreInstallChecks.KUBE_CONTEXT).message())
                .contains("The connection to the server 127.0.0.1:6443 was refused");
        assertThat(results.get(PreInstallChecks.NAMESPACE).outcome()).isEqualTo(PreCheck.Outcome.SKIPPED);
        assertThat(results.get(PreInstallChecks.RELEASE_NOT_PENDING).outcome()).isEqualTo(PreCheck.Outcome.SKIPPED);
        assertThat(results.get(PreInstallChecks.CHART).outcome()).isEqualTo(PreCheck.Outcome.PASSED);
    }

    @Test
    void namespaceWithoutTheDataosLabelFailsWithTheLabelCommand() throws Exception {
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager", "team=other"));

        PreCheck ns = run().get(PreInstallChecks.NAMESPACE);

        assertThat(ns.outcome()).isEqualTo(PreCheck.Outcome.FAILED);
        assertThat(ns.fix()).contains("kubectl label namespace dataos-manager dataos.io/partOf=dataos");
    }

    @Test
    void namespaceLabelledAsTheDataosManagerChartDocumentsPasses() throws Exception {
        // tmdc-io/dataos-helm charts/dataos-manager/README.md: kubectl label ns dataos-manager dataos.io/partOf=dataos
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager",
                "dataos.io/partOf=dataos"));

        PreCheck ns = run().get(PreInstallChecks.NAMESPACE);

        assertThat(ns.outcome()).isEqualTo(PreCheck.Outcome.PASSED);
        assertThat(ns.message()).contains("dataos.io/partOf=dataos");
    }

    @Test
    void aConfiguredNamespaceLabelIsTheOnlyOneAccepted() throws Exception {
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager",
                "dataos.io/partOf=dataos"));

        PreCheck ns = checks.namespace(new PreInstallChecks.Settings(HelmTarget.DATAOS_MANAGER, "values.yaml",
                "acme.example/platform=dataos", null));

        assertThat(ns.outcome()).isEqualTo(PreCheck.Outcome.FAILED);
        assertThat(ns.fix()).contains("kubectl label namespace dataos-manager acme.example/platform=dataos");
    }

    @Test
    void missingNamespaceUnresolvableChartOldHelmAndBrokenValuesAllFail() throws Exception {
        fake.put("kube/namespaces/dataos-manager.json", "");
        java.nio.file.Files.delete(fake.state().resolve("kube/namespaces/dataos-manager.json"));
        fake.put("charts/dataos_dataos-manager.yaml", HelmFixtures.chart("1.11.4"));
        fake.put("version", "v3.12.3");
        workspace.write("values.yaml", "image:\n  tag: [broken\n".getBytes(StandardCharsets.UTF_8));
        PreInstallChecks.Settings pinned = new PreInstallChecks.Settings(
                HelmTarget.DATAOS_MANAGER.withChartVersion("1.12.0"), "values.yaml", null, null);

        Map<String, PreCheck> results = checks.run(pinned).stream()
                .collect(Collectors.toMap(PreCheck::name, Function.identity()));

        assertThat(results.get(PreInstallChecks.HELM).message()).contains("v3.12.3 is older than the supported 3.13.0");
        assertThat(results.get(PreInstallChecks.NAMESPACE).message())
                .isEqualTo("namespace dataos-manager does not exist");
        assertThat(results.get(PreInstallChecks.CHART).outcome()).isEqualTo(PreCheck.Outcome.SKIPPED);
        assertThat(results.get(PreInstallChecks.VALUES_FILE).message()).contains("is not valid YAML at line");
    }

    @Test
    void chartThatDoesNotResolveFailsNamingThePublicChartRepository() throws Exception {
        PreInstallChecks.Settings pinned = new PreInstallChecks.Settings(
                HelmTarget.DATAOS_MANAGER.withChartVersion("9.9.9"), "values.yaml", null, null);

        PreCheck chart = checks.run(pinned).stream().filter(c -> c.name().equals(PreInstallChecks.CHART)).findFirst()
                .orElseThrow();

        assertThat(chart.outcome()).isEqualTo(PreCheck.Outcome.FAILED);
        assertThat(chart.message()).contains("not found in dataos index");
        assertThat(chart.fix()).contains("helm repo update")
                .contains("helm repo add dataos https://tmdc-io.github.io/dataos-helm")
                .contains("https://github.com/tmdc-io/dataos-helm");
    }
}
