package io.dataos.upgrade.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmRevision;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.helm.PendingReleaseRecovery;
import io.dataos.upgrade.helm.PreCheck;
import io.dataos.upgrade.helm.PreInstallChecks;
import io.dataos.upgrade.process.CommandFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kill points around {@code helm upgrade} and {@code helm rollback}, with the real helm: helm
 * is SIGKILLed while it waits for the StatefulSet (the node is cordoned, so the new pod cannot be
 * scheduled), which leaves the release Secret of the new revision in pending-upgrade or
 * pending-rollback. The pre-install check must find it and offer the documented recovery, and the
 * recovery (helm rollback to the last deployed revision) must bring the release back to deployed.
 */
@RealCluster
class HelmKillPointsTest {

    private static final String RELEASE = "dataos-manager";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @ValueSource(strings = {"helm3", "helm4"})
    void aKilledUpgradeAndAKilledRollbackLeaveAPendingReleaseThatTheRecoveryRollsBack(String helmProgram,
            ControlPlane plane) throws Exception {
        RealWorld world = new RealWorld(plane, helmProgram, "kill-" + helmProgram);
        world.createNamespace();
        Path chart = world.chartCopy(RealClusterBinaries.repositoryRoot().resolve("examples/chart/dataos-manager"));
        Files.copy(RealClusterBinaries.repositoryRoot().resolve("examples/dataos-manager-values.yaml"),
                world.dir.resolve("values.yaml"));
        HelmTarget target = world.target(RELEASE, chart.toString());
        ManagerUpgrade upgrade = world.upgrade();
        upgrade.updateTag("values.yaml", "1.0.0");
        assertThat(upgrade.upgrade(target, "values.yaml", "run", WAIT).revision()).isEqualTo(1);

        ExecutorService background = Executors.newSingleThreadExecutor();
        plane.kubectlOrThrow("cordon", ControlPlane.NODE);
        try {
            // kill point 1: helm upgrade killed while it waits
            upgrade.updateTag("values.yaml", "1.1.0");
            Future<HelmRelease> upgrading = background.submit(() -> upgrade.upgrade(target, "values.yaml", "run",
                    Duration.ofSeconds(300)));
            killWhenPending(world, "upgrade", "pending-upgrade");
            assertThatThrownBy(() -> upgrading.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CommandFailedException.class);
            assertThat(world.releaseSecrets(RELEASE)).containsExactly(
                    "sh.helm.release.v1.dataos-manager.v1=deployed",
                    "sh.helm.release.v1.dataos-manager.v2=pending-upgrade");

            // the pre-install check finds it and names the recovery: roll back to revision 1
            PreCheck pending = world.checks().run(new PreInstallChecks.Settings(target, "values.yaml", null, null))
                    .get(4);
            assertThat(pending.outcome()).isEqualTo(PreCheck.Outcome.FAILED);
            assertThat(pending.message()).contains("stuck in pending-upgrade at revision 2");
            assertThat(pending.recovery()).containsExactly("helm", "rollback", RELEASE, "1", "-n", world.namespace,
                    "--wait");
            // helm itself refuses another upgrade of the pending release
            assertThatThrownBy(() -> upgrade.upgrade(target, "values.yaml", "run", Duration.ofSeconds(30)))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining("another operation (install/upgrade/rollback) is in progress");

            // kill point 2: the recovery's helm rollback killed while it waits
            Future<HelmRelease> rollingBack = background.submit(() -> world.rollback().rollback(target, 1,
                    Duration.ofSeconds(300)));
            killWhenPending(world, "rollback", "pending-rollback");
            assertThatThrownBy(() -> rollingBack.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CommandFailedException.class);
            List<HelmRevision> history = world.helm.history(RELEASE, world.namespace).revisions();
            assertThat(history.get(history.size() - 1).status()).isEqualTo("pending-rollback");
            Optional<PendingReleaseRecovery> recovery = PendingReleaseRecovery.of(target,
                    world.helm.history(RELEASE, world.namespace));
            assertThat(recovery).isPresent();
            assertThat(recovery.get().rollbackTo()).map(HelmRevision::revision).contains(1);
        } finally {
            plane.kubectlOrThrow("uncordon", ControlPlane.NODE);
            background.shutdownNow();
        }

        // the recovery, with the node schedulable again, brings the release back
        PendingReleaseRecovery recovery = PendingReleaseRecovery.of(target,
                world.helm.history(RELEASE, world.namespace)).orElseThrow();
        HelmRelease recovered = world.rollback().rollback(target, recovery.rollbackTo().orElseThrow().revision(), WAIT);
        assertThat(recovered.status()).isEqualTo(HelmRelease.DEPLOYED);
        assertThat(world.statefulSetImage(RELEASE)).endsWith(":1.0.0");
        assertThat(world.checks().run(new PreInstallChecks.Settings(target, "values.yaml", null, null)).get(4)
                .passed()).isTrue();
        assertThat(world.dir.resolve("run").resolve(ManagerUpgrade.OVERLAY_NAME)).doesNotExist();
        Files.write(world.dir.resolve("releases.txt"), world.releaseSecrets(RELEASE));
    }

    /** Waits until helm runs {@code subcommand} and the release is {@code status}, then SIGKILLs helm. */
    private static void killWhenPending(RealWorld world, String subcommand, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> helm = world.runningHelm(subcommand);
            Optional<HelmRelease> release = world.helm.status(RELEASE, world.namespace);
            if (helm.isPresent() && release.isPresent() && status.equals(release.get().status())) {
                // a moment more, so helm is in its wait and not between two writes of the release
                Thread.sleep(1000);
                helm.get().destroyForcibly();
                helm.get().onExit().get(10, TimeUnit.SECONDS);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("helm " + subcommand + " never reached " + status + " within 60 s");
    }
}
