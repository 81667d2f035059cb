package io.dataos.upgrade.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmRevision;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.helm.PreCheck;
import io.dataos.upgrade.helm.PreInstallChecks;
import io.dataos.upgrade.kube.RolloutStatus;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.verify.CheckBasics;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.CheckStatus;
import io.dataos.upgrade.verify.HelmTestCheck;
import io.dataos.upgrade.verify.RolloutCheck;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationPurpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled example chart (examples/chart/dataos-manager) through the production adapters, the
 * real helm 3 and helm 4 and a real API server: pre-install checks, install and upgrade with the
 * edited values file and the Prime key overlay, the rollout and helm-test checks, a failing rollout
 * (pods kept unready by kwok) and the rollback to the last good revision, with the release Secrets
 * helm writes.
 */
@RealCluster
class ExampleChartLifecycleTest {

    private static final String RELEASE = "dataos-manager";
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** A helm test hook, as charts ship them; kwok completes it, and fails it when marked "fail". */
    static final String TEST_HOOK = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{ .Release.Name }}-test-health
              namespace: {{ .Release.Namespace }}
              labels:
                dataos-upgrade.io/fault: {{ .Values.helmTestFault | default "none" | quote }}
              annotations:
                helm.sh/hook: test
                helm.sh/hook-delete-policy: before-hook-creation
            spec:
              restartPolicy: Never
              containers:
                - name: health
                  image: registry.example.invalid/curl:8
                  args: ["http://{{ .Release.Name }}:{{ .Values.port }}/health"]
            """;

    @ParameterizedTest
    @ValueSource(strings = {"helm3", "helm4"})
    void installUpgradeFailedRolloutAndRollbackToTheLastGoodRevision(String helmProgram, ControlPlane plane)
            throws Exception {
        RealWorld world = new RealWorld(plane, helmProgram, "example-" + helmProgram);
        world.createNamespace();
        Path chart = world.chartCopy(RealClusterBinaries.repositoryRoot().resolve("examples/chart/dataos-manager"),
                "tests/test-health.yaml", TEST_HOOK);
        Files.copy(RealClusterBinaries.repositoryRoot().resolve("examples/dataos-manager-values.yaml"),
                world.dir.resolve("values.yaml"));
        HelmTarget target = world.target(RELEASE, chart.toString());
        String version = helmProgram.equals("helm3") ? plane.binaries().helm3Version()
                : plane.binaries().helm4Version();

        // pre-install checks: every one passes against the real tools, the release does not exist yet
        List<PreCheck> checks = world.checks().run(new PreInstallChecks.Settings(target, "values.yaml", null, null));
        assertThat(checks).as(checks.toString()).allMatch(PreCheck::passed);
        assertThat(checks.get(0).message()).isEqualTo("helm " + version);
        assertThat(checks.get(1).message()).endsWith("Kubernetes " + plane.binaries().kubernetesVersion());
        assertThat(checks.get(3).message()).contains("resolves to dataos-manager 0.1.0");
        assertThat(checks.get(4).message()).contains("does not exist yet");

        // install: the edited values file and the Prime key overlay, --wait on real StatefulSet status
        ManagerUpgrade upgrade = world.upgrade();
        assertThat(upgrade.updateTag("values.yaml", "1.0.0")).isEqualTo("1.5.0-e4f5a6b");
        HelmRelease installed = upgrade.upgrade(target, "values.yaml", "run", WAIT);
        assertThat(installed.revision()).isEqualTo(1);
        assertThat(installed.status()).isEqualTo(HelmRelease.DEPLOYED);
        // helm status leaves the chart out; helm get metadata names it (the double printed it in status)
        assertThat(installed.chart()).isEqualTo("dataos-manager-0.1.0");
        assertThat(world.releaseSecrets(RELEASE)).containsExactly("sh.helm.release.v1.dataos-manager.v1=deployed");
        assertThat(world.secretField("dataos-manager-secrets", "PRIME_API_KEY"))
                .isEqualTo(TestSecrets.PRIME_API_KEY_VALUE);
        assertThat(world.dir.resolve("run").resolve(ManagerUpgrade.OVERLAY_NAME)).doesNotExist();
        assertThat(world.statefulSetImage(RELEASE)).endsWith(":1.0.0");

        // upgrade: a new tag, revision 2 deployed, 1 superseded; the rollout and helm-test checks pass
        upgrade.updateTag("values.yaml", "1.1.0");
        HelmRelease upgraded = upgrade.upgrade(target, "values.yaml", "run", WAIT);
        assertThat(upgraded.revision()).isEqualTo(2);
        assertThat(world.statefulSetImage(RELEASE)).endsWith(":1.1.0");
        assertThat(world.releaseSecrets(RELEASE)).containsExactly("sh.helm.release.v1.dataos-manager.v1=superseded",
                "sh.helm.release.v1.dataos-manager.v2=deployed");
        RolloutStatus rollout = world.kubectl.rolloutStatus("statefulset/" + RELEASE, world.namespace,
                Duration.ofSeconds(30));
        assertThat(rollout.complete()).as(rollout.message()).isTrue();
        List<CheckResult> verified = verify(world, Duration.ofSeconds(60));
        assertThat(verified).as(verified.toString()).extracting(CheckResult::status)
                .containsExactly(CheckStatus.PASSED, CheckStatus.PASSED);
        assertThat(verified.get(1).message()).contains("1 of 1 test suite(s) succeeded");

        // a failing rollout: pods of the new tag stay unready, helm --wait times out, the revision fails
        upgrade.updateTag("values.yaml", "1.2.0-unready");
        assertThatThrownBy(() -> upgrade.upgrade(target, "values.yaml", "run", Duration.ofSeconds(20)))
                .isInstanceOf(CommandFailedException.class)
                .satisfies(e -> world.log.add("failed upgrade: " + e.getMessage()));
        assertThat(world.dir.resolve("run").resolve(ManagerUpgrade.OVERLAY_NAME)).doesNotExist();
        assertThat(world.helm.history(RELEASE, world.namespace).revisions()).extracting(HelmRevision::status)
                .containsExactly(HelmRelease.SUPERSEDED, HelmRelease.DEPLOYED, HelmRelease.FAILED);
        RolloutStatus stuck = world.kubectl.rolloutStatus("statefulset/" + RELEASE, world.namespace,
                Duration.ofSeconds(5));
        assertThat(stuck.complete()).isFalse();
        List<CheckResult> failing = verify(world, Duration.ofSeconds(5));
        assertThat(failing.get(0).status()).isEqualTo(CheckStatus.FAILED);
        assertThat(failing.get(0).message()).contains("did not complete").contains("timed out waiting for the condition");

        // a failed (not pending) release does not block: the pending check passes and names the status
        PreCheck pending = world.checks().run(new PreInstallChecks.Settings(target, "values.yaml", null, null)).get(4);
        assertThat(pending.passed()).isTrue();
        assertThat(pending.message()).contains("is failed at revision 3");

        // rollback to the last good revision: 2, re-deployed as 4. The example chart's StatefulSet is
        // OrderedReady: the real controller does not replace a pod that never became Ready, even when
        // the template is reverted (Kubernetes documents this: "you must also delete any Pods that
        // StatefulSet had already attempted to run with the bad configuration"). ManagerRollback does
        // that once helm has reverted the template, so helm rollback --wait completes in time.
        String stuckRevision = world.kubectl("get", "pod", RELEASE + "-0", "-o",
                "jsonpath={.metadata.labels.controller-revision-hash}").strip();
        assertThat(world.kubectl("get", "pod", RELEASE + "-0", "-o", "jsonpath={.spec.containers[0].image}"))
                .endsWith(":1.2.0-unready");
        HelmRelease rolledBack = world.rollback().rollback(target, null, WAIT);
        assertThat(world.log).filteredOn(line -> line.startsWith("deleted pod ")).singleElement().asString()
                .startsWith("deleted pod " + RELEASE + "-0: not Ready at revision " + stuckRevision
                        + " since before the rollback");
        assertThat(rolledBack.revision()).isEqualTo(4);
        assertThat(rolledBack.status()).isEqualTo(HelmRelease.DEPLOYED);
        assertThat(world.statefulSetImage(RELEASE)).endsWith(":1.1.0");
        assertThat(world.helm.history(RELEASE, world.namespace).revisions()).extracting(HelmRevision::status)
                .containsExactly(HelmRelease.SUPERSEDED, HelmRelease.SUPERSEDED, HelmRelease.FAILED,
                        HelmRelease.DEPLOYED);
        assertThat(world.kubectl.rolloutStatus("statefulset/" + RELEASE, world.namespace, Duration.ofSeconds(30))
                .complete()).isTrue();

        // the Prime key never reached what helm printed
        assertThat(world.log).noneMatch(line -> line.contains(TestSecrets.PRIME_API_KEY_VALUE));
        Files.write(world.dir.resolve("adapter.log"), world.log);
    }

    /** The rollout and helm-test checks of the verification engine, through the real kubectl and helm. */
    static List<CheckResult> verify(RealWorld world, Duration timeout) throws InterruptedException {
        return new Verification(world.runner, TestSecrets.provider(), world.workspace).log(world.log::add)
                .kubectl(world.plane.binaries().path("kubectl"))
                .helm(world.plane.binaries().path(world.helmProgram))
                .run(VerificationPurpose.POST_UPGRADE, List.of(
                        new RolloutCheck(CheckBasics.of("manager rollout", Layer.USER_SPACE, timeout),
                                "statefulset/" + RELEASE, world.namespace, null),
                        new HelmTestCheck(CheckBasics.of("manager helm test", Layer.USER_SPACE, timeout), RELEASE,
                                world.namespace, false)), false)
                .results();
    }
}
