package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.RunbookResult;
import io.dataos.upgrade.api.RunbookStatus;
import io.dataos.upgrade.api.RollbackRequest;
import io.dataos.upgrade.api.RollbackRunbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.RunLock;
import io.dataos.upgrade.run.RunLockedException;
import io.dataos.upgrade.run.LockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback runbook through {@link RollbackRunbook} with real processes, the faithful fake helm
 * and kubectl and a real PostgreSQL: gates pass only when approved, a re-run resumes without
 * repeating anything, and a plan the settings cannot carry out is refused before anything runs.
 */
class RollbackRunbookTest {

    static final String RESTORE = "cloud-kernel.restore-postgres.postgres";

    static LocalPostgresCluster cluster;
    static int databases;

    @TempDir
    Path dir;
    RunbookWorld world;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = LocalPostgresCluster.start(new LocalCommandRunner(), null);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        world = RunbookWorld.create(dir, cluster, "dataos_rb_" + (++databases));
        world.clusterAtRelease15();
        world.write(RunbookWorld.VALUES, world.read(RunbookWorld.VALUES).replace(RunbookWorld.OLD_TAG,
                RunbookWorld.NEW_TAG));
    }

    private RollbackRequest.Builder request() {
        // back to the state recorded before the upgrade; it names the platform snapshot dataos-pg-1.4.0-20261120
        return RollbackRequest.builder().installed(RunbookWorld.INSTALLED_15).target(RunbookWorld.INSTALLED)
                .valuesFile(RunbookWorld.VALUES).reason("heimdall errors after the upgrade").startedBy("test");
    }

    @Test
    void rollbackStopsAtAnUnapprovedGateAndResumesWithoutRepeatingAnything() throws Exception {
        RunbookResult waiting = new RollbackRunbook(world.ports(RunbookWorld.approved())).run(request().build());

        assertThat(waiting.status()).isEqualTo(RunbookStatus.WAITING_FOR_APPROVAL);
        assertThat(waiting.refused()).containsExactly("prepare.assess-risk");
        assertThat(waiting.executed()).containsExactly("prepare.check-compatibility", "prepare.backup",
                "prepare.announce");
        assertThat(world.fake.calls("helm", "rollback")).isEmpty();
        assertThat(world.workspace.resolve("applied/reinstalled-flare-5.0.yaml")).doesNotExist();
        assertThat(world.read("dataos-upgrade/runs/" + waiting.runId() + "/notices/rollback-dataProductConsumers.md"))
                .contains("heimdall errors after the upgrade");

        RunbookResult resumed = new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE)))
                .run(request().build());

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(resumed.runId()).isEqualTo(waiting.runId());
        assertThat(world.starts(resumed.runId()).values()).as("no action started twice").containsOnly(1);
        assertThat(world.starts(resumed.runId())).containsKeys("user-space.reinstall-stack.flare",
                "user-space.remove-stack.talos", "core-kernel.rollback-component.metis",
                "manager.helm-rollback.dataos-manager", "verify.verify-rollback");
        assertThat(world.fake.calls("helm", "rollback")).singleElement()
                .satisfies(call -> assertThat(call).containsSequence("rollback", "dataos-manager", "3"));
        assertThat(world.read(RunbookWorld.VALUES)).contains("tag: " + RunbookWorld.OLD_TAG);
        assertThat(world.read("dataos-upgrade/runs/" + resumed.runId() + "/risk-assessment.md"))
                .contains("Risk assessment");
        assertThat(world.read("dataos-upgrade/reports/" + resumed.runId() + "/run-report.md"))
                .contains("prepare.assess-risk").contains("alice");
    }

    @Test
    void aReviewedPlanFileRunsExactlyThatPlan() throws Exception {
        var plan = new io.dataos.upgrade.api.PlanRunbook(java.time.Clock.systemUTC()).run(
                io.dataos.upgrade.api.PlanRequest.rollback(world.workspace.resolve(RunbookWorld.INSTALLED_15),
                        world.workspace.resolve(RunbookWorld.INSTALLED))
                        .withOutDir(world.workspace.resolve("plans/rollback"))).plan();
        Files.move(world.workspace.resolve("plans/rollback/plan.json"), world.workspace.resolve("plans/rollback.json"));

        RunbookResult result = new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE)))
                .run(RollbackRequest.builder().plan("plans/rollback.json").valuesFile(RunbookWorld.VALUES).build());

        assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.planId()).isEqualTo(plan.id());
        assertThat(result.executed()).hasSize(plan.actions().size());
    }

    @Test
    void aKindWithoutItsCommandTemplateIsRefusedBeforeAnythingRuns() throws Exception {
        world.settings(cluster, "");
        String settings = world.read(RunbookWorld.SETTINGS);
        world.write(RunbookWorld.SETTINGS, settings.replaceAll("(?s)  reinstallStack:\\n.*?(?=  revertClusterImage)",
                ""));

        assertThatThrownBy(() -> new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE)))
                .run(request().build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(RunbookWorld.SETTINGS + ": commands.reinstallStack: is missing")
                .hasMessageContaining("user-space.reinstall-stack.flare");
        assertThat(world.workspace.resolve(".dataos-upgrade/runs")).doesNotExist();
        assertThat(world.fake.calls()).isEmpty();
    }

    @Test
    void aTemplateUsingAPlaceholderTheActionLacksIsRefused() throws Exception {
        world.settings(cluster, "");
        world.write(RunbookWorld.SETTINGS, world.read(RunbookWorld.SETTINGS).replace(
                "removeStack: [mkdir, -p, \"applied/remove-{component}-{version}\"]",
                "removeStack: [mkdir, -p, \"applied/{image}\"]"));

        assertThatThrownBy(() -> new RollbackRunbook(world.ports(RunbookWorld.approved())).run(request().build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("commands.removeStack: uses {image}")
                .hasMessageContaining("user-space.remove-stack.talos");
    }

    @Test
    void anotherRunHoldingTheReleaseLockStopsTheRollbackBeforeItStarts() throws Exception {
        RunLock held = RunLock.acquire(world.workspace, "dataos-manager", LockHolder.current("other-run", "bob",
                Clock.systemUTC()), RunLock.DEFAULT_STALE_AFTER, Clock.systemUTC());
        try {
            assertThatThrownBy(() -> new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE)))
                    .run(request().build()))
                    .isInstanceOf(RunLockedException.class)
                    .hasMessageContaining("other-run");
            assertThat(world.fake.calls("helm", "rollback")).isEmpty();
        } finally {
            held.release();
        }
    }

    @Test
    void newClusterWithoutACommandIsAManualStepCheckedAgainstTheCluster() throws Exception {
        // Kubernetes goes back from 1.30 to 1.28: the fake cluster answers v1.30.12, so the manual step is not done.
        world.write(RunbookWorld.INSTALLED_15, world.read(RunbookWorld.INSTALLED_15).replace("version: \"1.28\"",
                "version: \"1.30\""));

        RunbookResult result = new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE,
                "cloud-kernel.new-cluster.kubernetes"))).run(request().build());

        assertThat(result.status()).isEqualTo(RunbookStatus.FAILED);
        assertThat(result.failedAction()).isEqualTo("cloud-kernel.new-cluster.kubernetes");
        assertThat(result.error()).startsWith("manual step: create a Kubernetes cluster at version 1.28")
                .contains("re-run with the same run id").contains("Kubernetes v1.30.12");
        assertThat(world.fake.calls("helm", "rollback")).isEmpty();
        assertThat(Map.copyOf(world.starts(result.runId()))).containsKey("user-space.reinstall-stack.flare");
    }

    @Test
    void aRestoreThroughTheSnapshotTemplateRunsTheTemplateWithTheNamedSnapshot() throws Exception {
        RunbookResult result = new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE)))
                .run(request().build());

        assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        // the site's template ran against the real database, with the password only in PGPASSWORD
        assertThat(RunbookWorld.admin(cluster).sql(world.database, "SELECT name || ' ' || version FROM"
                + " restored_snapshot")).containsExactly("dataos-pg-1.4.0-20261120 1.4.0");
        var restore = world.journal(result.runId()).stream().filter(e -> RESTORE.equals(e.actionId())
                && e.typeName().equals("action-succeeded")).findFirst().orElseThrow();
        assertThat(restore.fields().get("summary").asText()).contains("from platform snapshot dataos-pg-1.4.0-20261120");
        assertThat(world.read("dataos-upgrade/reports/" + result.runId() + "/run-report.md"))
                .contains("platform snapshot dataos-pg-1.4.0-20261120");
        // the rollback's --reason reaches the root-cause analysis
        assertThat(world.read("dataos-upgrade/reports/" + result.runId() + "/rca-report.md"))
                .contains("heimdall errors after the upgrade");
    }

    @Test
    void preflightRefusesARollbackWithoutTheUpgradesKitBeforeAnySiteCommandRunsNamingEveryProblem() throws Exception {
        // planned for the rollback of an upgrade whose backup kit is in another workspace
        var plan = new RollbackPlanner().undoingUpgrade("upgrade-elsewhere").plan(
                Manifests.readPlatformState(Files.readAllBytes(world.workspace.resolve(RunbookWorld.INSTALLED_15)),
                        RunbookWorld.INSTALLED_15),
                Manifests.read(Files.readAllBytes(world.workspace.resolve(RunbookWorld.INSTALLED)),
                        RunbookWorld.INSTALLED));
        world.write(RunbookWorld.SETTINGS, world.read(RunbookWorld.SETTINGS).replace(
                "  removeStack: [mkdir, -p, \"applied/remove-{component}-{version}\"]\n", ""));
        // A reviewed plan file cannot name a kit (plans are sealed: the kit is chosen when the rollback is planned
        // where it is kept), so the runbooks' preflight is asked directly, as the automatic rollback asks it.
        RunbookPorts ports = world.ports(RunbookWorld.approved("prepare.assess-risk", RESTORE));
        RunbookRun run = new RunbookRun(RunbookSettings.load(ports.workspace(), RunbookWorld.SETTINGS), plan,
                plan.id(), RunbookWorld.VALUES, RunbookWorld.INSTALLED_15, Manifests.readPlatformState(Files
                        .readAllBytes(world.workspace.resolve(RunbookWorld.INSTALLED_15)), RunbookWorld.INSTALLED_15),
                true, null, null, java.util.List.of());

        for (boolean dryRun : new boolean[] {true, false}) {
            var problems = Runbooks.preflight(run, ports, "rollback", dryRun, null);
            assertThat(problems).extracting(Throwable::getMessage).hasSize(2)
                    .anySatisfy(m -> assertThat(m).contains("commands.removeStack: is missing"))
                    .anySatisfy(m -> assertThat(m).contains("the backup kit of run upgrade-elsewhere, which is not"
                            + " in this workspace"));
            assertThatThrownBy(() -> Runbooks.refuse(problems))
                    .isInstanceOf(io.dataos.upgrade.api.PreflightException.class);
        }
        assertThat(world.fake.calls()).isEmpty();
        assertThat(world.workspace.resolve("applied/reinstalled-flare-5.0.yaml")).doesNotExist();
        assertThat(world.workspace.resolve(".dataos-upgrade/runs")).doesNotExist();
    }

    @Test
    void markDoneRecordsAManualStepAndTheRollbackContinuesAfterIt() throws Exception {
        world.write(RunbookWorld.INSTALLED_15, world.read(RunbookWorld.INSTALLED_15).replace("version: \"1.28\"",
                "version: \"1.30\""));
        var approvals = RunbookWorld.approved("prepare.assess-risk", RESTORE, "cloud-kernel.new-cluster.kubernetes");
        RunbookResult failed = new RollbackRunbook(world.ports(approvals)).run(request().build());
        assertThat(failed.failedAction()).isEqualTo("cloud-kernel.new-cluster.kubernetes");
        assertThatThrownBy(() -> new RollbackRunbook(world.ports(approvals)).run(request()
                .markDone("manager.helm-rollback.dataos-manager", "done by hand").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("the run has not reached it");
        // a run that preflight refuses (here: the checks file the verification needs is gone) records no mark
        String checks = world.read(RunbookWorld.CHECKS);
        java.nio.file.Files.delete(world.workspace.resolve(RunbookWorld.CHECKS));
        assertThatThrownBy(() -> new RollbackRunbook(world.ports(approvals)).run(request().startedBy("carol")
                .markDone("cloud-kernel.new-cluster.kubernetes", "cluster built in the console").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("checks");
        assertThat(world.journal(failed.runId())).noneMatch(e -> e.flag("manual"));
        world.write(RunbookWorld.CHECKS, checks);

        RunbookResult resumed = new RollbackRunbook(world.ports(approvals)).run(request().startedBy("carol")
                .markDone("cloud-kernel.new-cluster.kubernetes", "cluster 1.28 built in the console, DataOS moved")
                .build());

        assertThat(resumed.status()).as(resumed.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(world.fake.calls("helm", "rollback")).singleElement();
        assertThat(world.succeeded(resumed.runId())).contains("cloud-kernel.new-cluster.kubernetes",
                "manager.helm-rollback.dataos-manager", "verify.verify-rollback");
        assertThat(world.journal(resumed.runId())).filteredOn(e -> e.flag("manual")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actionId()).isEqualTo("cloud-kernel.new-cluster.kubernetes");
                    assertThat(e.text("markedBy")).isEqualTo("carol");
                    assertThat(e.text("reason")).isEqualTo("cluster 1.28 built in the console, DataOS moved");
                    assertThat(e.text("markedAt")).isNotBlank();
                });
        assertThat(world.starts(resumed.runId())).doesNotContainEntry("cloud-kernel.new-cluster.kubernetes", 2);
        assertThat(world.read("dataos-upgrade/reports/" + resumed.runId() + "/run-report.md"))
                .contains("done by hand (manual) by carol");
    }

    @Test
    void anApprovalByANonApproverIsRefusedNamingTheGateAndItsApprovers() throws Exception {
        var byBob = new io.dataos.upgrade.run.PreApprovedGates(Map.of("prepare.assess-risk", "bob", RESTORE, "alice"));

        assertThatThrownBy(() -> new RollbackRunbook(world.ports(byBob)).run(request().build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("approvals: prepare.assess-risk: gate prepare.assess-risk approved by bob, who"
                        + " is not among its approvers dataos-ops@acme.example");
        assertThat(world.fake.calls()).isEmpty();
        assertThat(world.workspace.resolve(".dataos-upgrade/runs")).doesNotExist();

        // a member of the approvers' group may approve, as input's submitter matches a user's groups
        var bobInOps = new io.dataos.upgrade.run.PreApprovedGates(Map.of("prepare.assess-risk", "bob", RESTORE,
                "alice"), Map.of("bob", java.util.List.of("dataos-ops@acme.example")), Clock.systemUTC());
        RunbookResult result = new RollbackRunbook(world.ports(bobInOps)).run(request().build());

        assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(world.journal(result.runId())).filteredOn(e -> e.typeName().equals("action-approved")
                && "prepare.assess-risk".equals(e.actionId())).singleElement()
                .satisfies(e -> assertThat(e.text("approver")).isEqualTo("bob"));
    }

    @Test
    void aRollbackWithNoSnapshotAndNoKitWaitsAtANamedHighRiskGateAndKeepsTheData() throws Exception {
        world.write(RunbookWorld.INSTALLED, world.read(RunbookWorld.INSTALLED)
                .replace("    snapshot: dataos-pg-1.4.0-20261120\n", ""));
        String keep = "cloud-kernel.keep-postgres-data.postgres";

        RunbookResult waiting = new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk")))
                .run(request().build());

        assertThat(waiting.status()).isEqualTo(RunbookStatus.WAITING_FOR_APPROVAL);
        assertThat(waiting.refused()).containsExactly(keep);
        assertThat(world.read("dataos-upgrade/runs/" + waiting.runId() + "/risk-assessment.md"))
                .contains("PostgreSQL cannot be restored");

        RunbookResult done = new RollbackRunbook(world.ports(RunbookWorld.approved("prepare.assess-risk", keep)))
                .run(request().build());

        assertThat(done.status()).as(done.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(RunbookWorld.admin(cluster).sql(world.database, "SELECT count(*) FROM stacks"))
                .containsExactly("500");
    }
}
