package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.RunbookResult;
import io.dataos.upgrade.api.RunbookStatus;
import io.dataos.upgrade.api.GateWaiting;
import io.dataos.upgrade.api.UpgradeRequest;
import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.UpgradeRunbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.JournalEvent;
import io.dataos.upgrade.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade runbook end to end through {@link UpgradeRunbook}: real processes through
 * {@link LocalCommandRunner}, the faithful fake helm and kubectl, a real PostgreSQL, a real HTTP
 * health endpoint on loopback.
 */
class UpgradeRunbookTest {

    static LocalPostgresCluster cluster;
    static PostgresClient admin;
    static int databases;

    @TempDir
    Path dir;
    RunbookWorld world;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = LocalPostgresCluster.start(new LocalCommandRunner(), null);
        admin = RunbookWorld.admin(cluster);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        world = RunbookWorld.create(dir, cluster, "dataos_up_" + (++databases));
    }

    private UpgradeRequest.Builder request() {
        return UpgradeRequest.builder().installed(RunbookWorld.INSTALLED).release(RunbookWorld.RELEASE)
                .valuesFile(RunbookWorld.VALUES).startedBy("test");
    }

    private long rows() throws Exception {
        return Long.parseLong(admin.sql(world.database, "SELECT count(*) FROM stacks").get(0).strip());
    }

    @Test
    void upgradeRunsEveryPhaseAndLeavesTheReleaseAtTheNewTag() throws Exception {
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(200, "UP"))) {
            world.checks(health.base() + "/health");
            RunbookResult result = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")))
                    .run(request().build());

            assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.SUCCEEDED);
            assertThat(result.executed()).containsExactly("prepare.review-release-notes", "prepare.announce",
                    "prepare.approve-window", "prepare.pre-checks", "prepare.backup", "prepare.restore-check",
                    "manager.update-manager-tag.dataos-manager", "manager.helm-upgrade.dataos-manager",
                    "verify.validate");
            assertThat(world.read(RunbookWorld.VALUES)).contains("tag: " + RunbookWorld.NEW_TAG + " # Update");
            List<List<String>> upgrades = world.fake.calls("helm", "upgrade");
            assertThat(upgrades).hasSize(1);
            assertThat(upgrades.get(0)).containsSequence("upgrade", "--install", "dataos-manager",
                    "dataos/dataos-manager", "-n", "dataos-manager").contains("--version", "1.5.0", "--wait");
            assertThat(Files.readString(world.fake.state().resolve("overlay-mode")).strip()).isEqualTo("600");
            assertThat(world.workspace.resolve(".dataos-upgrade/runs/" + result.runId() + "/"
                    + ManagerUpgrade.OVERLAY_NAME)).doesNotExist();
            String kit = BackupKit.directoryFor(result.runId());
            assertThat(result.backup()).isEqualTo(kit);
            assertThat(world.workspace.resolve(kit + "/" + BackupKit.MANIFEST)).exists();
            assertThat(world.workspace.resolve(kit + "/" + BackupKit.RESTORE_CHECK)).exists();
            assertThat(world.workspace.resolve(kit + "/postgres/" + world.database.database() + ".dump")).exists();
            String out = "dataos-upgrade/runs/" + result.runId();
            assertThat(world.read(out + "/release-notes-1.5.0.md")).contains("Flare 6.0 stack")
                    .contains("Flare 5 jobs need the new resource block");
            assertThat(world.read(out + "/notices/announcement-operators.md")).contains("1.4.0").contains("1.5.0");
            assertThat(world.read(out + "/pre-checks.md")).contains("PASSED");
            assertThat(world.read(out + "/verify.validate/verification.md")).contains("manager health");
            assertThat(result.reports()).contains("dataos-upgrade/reports/" + result.runId() + "/run-report.md");
            assertThat(world.read("dataos-upgrade/reports/" + result.runId() + "/run-report.md"))
                    .contains("prepare.approve-window").contains("alice");
            assertThat(health.received()).hasSize(1);
        }
    }

    @Test
    void reRunningAFinishedUpgradeRepeatsNothing() throws Exception {
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(200, "UP"))) {
            world.checks(health.base() + "/health");
            UpgradeRunbook upgrade = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")));
            RunbookResult first = upgrade.run(request().build());
            RunbookResult again = upgrade.run(request().build());

            assertThat(again.status()).isEqualTo(RunbookStatus.SUCCEEDED);
            assertThat(again.runId()).isEqualTo(first.runId());
            assertThat(world.starts(first.runId()).values()).containsOnly(1);
            assertThat(world.fake.calls("helm", "upgrade")).hasSize(1);
            assertThat(world.log).anyMatch(l -> l.contains("manager.helm-upgrade.dataos-manager: succeeded in an"
                    + " earlier attempt, not run again"));
        }
    }

    @Test
    void failedValidationRollsBackAutomaticallyAndWritesTheRootCauseReport() throws Exception {
        // The health endpoint reports a broken migration; the botched migration also lost the data.
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> {
            try {
                admin.sql(world.database, "DELETE FROM stacks WHERE id > 100");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return LoopbackHttp.Answer.text(503, "db migration 42 failed: relation stacks_v2 missing");
        })) {
            world.checks(health.base() + "/health");
            RunbookResult result = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window",
                    "prepare.assess-risk", "cloud-kernel.restore-postgres.postgres")))
                    .run(request().autoRollback(true).build());

            assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.ROLLED_BACK);
            assertThat(result.rolledBack()).isTrue();
            assertThat(result.failedAction()).isEqualTo("verify.validate");
            assertThat(result.failedCheck()).isEqualTo("manager health");
            assertThat(result.rollbackRunId()).isEqualTo(result.runId() + "-rollback");
            assertThat(world.succeeded(result.rollbackRunId())).contains("prepare.check-compatibility",
                    "prepare.backup", "prepare.announce", "prepare.assess-risk",
                    "user-space.remove-stack.talos", "user-space.reinstall-stack.flare",
                    "user-space.revert-cluster-image.minervaa", "core-kernel.rollback-component.heimdall",
                    "core-kernel.rollback-component.metis", "cloud-kernel.restore-postgres.postgres",
                    "manager.helm-rollback.dataos-manager", "verify.verify-rollback");
            assertThat(world.fake.calls("helm", "rollback")).singleElement()
                    .satisfies(call -> assertThat(call).containsSequence("rollback", "dataos-manager", "3"));
            assertThat(world.read("applied/reinstalled-flare-5.0.yaml")).contains("version: \"5.0\"");
            assertThat(world.workspace.resolve("applied/remove-talos-1.0")).isDirectory();
            assertThat(world.workspace.resolve("applied/component-metis-2.5.0-to-2.4.0")).isDirectory();
            assertThat(rows()).isEqualTo(500);
            // plan, journal and report name the one source: the upgrade's own backup kit, not the snapshot
            String kit = "the backup kit of run " + result.runId();
            var plan = io.dataos.upgrade.plan.PlanJson.read(world.workspace.read("dataos-upgrade/runs/"
                    + result.rollbackRunId() + "/plan.json"), "plan");
            assertThat(plan.action("cloud-kernel.restore-postgres.postgres").orElseThrow().description())
                    .contains("from " + kit);
            assertThat(world.journal(result.rollbackRunId())).filteredOn(e -> e.typeName().equals("action-succeeded")
                    && "cloud-kernel.restore-postgres.postgres".equals(e.actionId()))
                    .singleElement().satisfies(e -> assertThat(e.text("summary")).contains("restored from " + kit));
            assertThat(world.read("dataos-upgrade/reports/" + result.rollbackRunId() + "/run-report.md"))
                    .contains(kit);
            assertThat(world.read(RunbookWorld.VALUES)).contains("tag: " + RunbookWorld.OLD_TAG + " # Update");
            String notices = "dataos-upgrade/runs/" + result.rollbackRunId() + "/notices/rollback-operators.md";
            assertThat(world.read(notices)).contains("manager health");
            String rca = "dataos-upgrade/reports/" + result.runId() + "/rca-report.md";
            assertThat(result.reports()).contains(rca);
            assertThat(world.read(rca)).contains("manager health").contains("db migration 42 failed");
            assertThat(world.read("dataos-upgrade/reports/" + result.rollbackRunId() + "/run-report.md"))
                    .contains("manager.helm-rollback.dataos-manager");
            // helm get values answered with the key (cluster side): the kits, reports and log must not hold it
            String key = TestSecrets.PRIME_API_KEY_VALUE;
            assertThat(RunbookWorld.filesContaining(world.workspace.root(), key)).isEmpty();
            assertThat(String.join("\n", world.log)).doesNotContain(key);
            assertThat(result.toMap().toString()).doesNotContain(key);
        }
    }

    @Test
    void anAutomaticRollbackWaitingAtItsGateResumesOnReRunWithoutRetryingTheUpgrade() throws Exception {
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(503, "down"))) {
            world.checks(health.base() + "/health");
            RunbookResult waiting = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")))
                    .run(request().autoRollback(true).build());

            assertThat(waiting.status()).as(waiting.message()).isEqualTo(RunbookStatus.WAITING_FOR_APPROVAL);
            assertThat(waiting.rolledBack()).isFalse();
            assertThat(waiting.rollbackRunId()).isEqualTo(waiting.runId() + "-rollback");
            assertThat(waiting.refused()).containsExactly("prepare.assess-risk");
            assertThat(world.fake.calls("helm", "rollback")).isEmpty();

            RunbookResult resumed = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window",
                    "prepare.assess-risk", "cloud-kernel.restore-postgres.postgres")))
                    .run(request().autoRollback(true).build());

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(RunbookStatus.ROLLED_BACK);
            assertThat(world.fake.calls("helm", "upgrade")).hasSize(1);
            assertThat(health.received()).as("validation is not run again").hasSize(1);
            assertThat(world.starts(resumed.runId()).values()).containsOnly(1);
            assertThat(world.starts(resumed.rollbackRunId()).values()).containsOnly(1);
            assertThat(world.fake.calls("helm", "rollback")).hasSize(1);
        }
    }

    @Test
    void failedValidationWithoutAutoRollbackStopsAndSaysWhichCheck() throws Exception {
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(500, "boom"))) {
            world.checks(health.base() + "/health");
            RunbookResult result = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")))
                    .run(request().build());

            assertThat(result.status()).isEqualTo(RunbookStatus.FAILED);
            assertThat(result.failedAction()).isEqualTo("verify.validate");
            assertThat(result.failedCheck()).isEqualTo("manager health");
            assertThat(result.rolledBack()).isFalse();
            assertThat(world.fake.calls("helm", "rollback")).isEmpty();
        }
    }

    @Test
    void unapprovedWindowStopsBeforeAnyChange() throws Exception {
        RunbookResult result = new UpgradeRunbook(world.ports(RunbookWorld.approved())).run(request().build());

        assertThat(result.status()).isEqualTo(RunbookStatus.WAITING_FOR_APPROVAL);
        assertThat(result.gatesWaiting()).extracting(GateWaiting::id).containsExactly("prepare.approve-window");
        assertThat(result.gatesWaiting().get(0).approvers()).containsExactly("dataos-ops@acme.example");
        assertThat(world.read(RunbookWorld.VALUES)).contains("tag: " + RunbookWorld.OLD_TAG);
        assertThat(world.fake.calls("helm", "upgrade")).isEmpty();
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Map<String, String> before = world.checksums();
        long rowsBefore = rows();

        RunbookResult result = new UpgradeRunbook(world.ports(RunbookWorld.approved()))
                .run(request().dryRun(true).autoRollback(true).build());

        assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.SUCCEEDED);
        assertThat(result.dryRun()).isTrue();
        Map<String, String> after = world.checksums();
        String journal = world.journalPath(result.runId());
        assertThat(new java.util.TreeSet<>(after.keySet())).as("only the dry run's journal is new")
                .isEqualTo(withJournal(before, journal));
        before.forEach((file, sum) -> assertThat(after.get(file)).as(file).isEqualTo(sum));
        assertThat(world.fake.calls("helm", "upgrade")).isEmpty();
        assertThat(world.fake.calls("helm", "rollback")).isEmpty();
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(world.log).anyMatch(l -> l.contains("would run helm upgrade --install dataos-manager"));
        assertThat(world.journal(result.runId())).extracting(JournalEvent::typeName).contains("action-would-run")
                .doesNotContain("action-started");
    }

    private static java.util.TreeSet<String> withJournal(Map<String, String> before, String journal) {
        java.util.TreeSet<String> files = new java.util.TreeSet<>(before.keySet());
        files.add(journal);
        return files;
    }

    @Test
    void aPrimeKeyShorterThanFourCharactersIsRefusedBeforeAnythingRuns() throws Exception {
        RunbookPorts shortKey = world.ports(RunbookWorld.approved("prepare.approve-window")).withSecrets(
                io.dataos.upgrade.testing.TestSecrets.provider(io.dataos.upgrade.secret.Secret.of("prime-api-key", "k1"),
                        world.postgresPassword));

        assertThatThrownBy(() -> new UpgradeRunbook(shortKey).run(request().build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("secret 'prime-api-key'")
                .hasMessageContaining("2 character(s)")
                .hasMessageContaining("PRIME_API_KEY");
        assertThat(world.workspace.resolve(".dataos-upgrade/runs")).doesNotExist();
    }

    @Test
    void aPrimeKeyThatOccursInTheRunsIdentifiersIsWarnedAboutAndTheUpgradeStillSucceedsWithIdsIntact()
            throws Exception {
        String key = "dataos-manager";
        RunbookPorts wordKey = world.ports(RunbookWorld.approved("prepare.approve-window")).withSecrets(
                io.dataos.upgrade.testing.TestSecrets.provider(io.dataos.upgrade.secret.Secret.of("prime-api-key", key),
                        world.postgresPassword));
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(200, "UP"))) {
            world.checks(health.base() + "/health");

            RunbookResult result = new UpgradeRunbook(wordKey).run(request().build());

            assertThat(result.status()).as(result.message()).isEqualTo(RunbookStatus.SUCCEEDED);
            assertThat(result.executed()).contains("manager.helm-upgrade.dataos-manager");
            assertThat(world.log).anyMatch(l -> l.contains("warning: the value of secret 'prime-api-key' occurs in"
                    + " this run's own identifiers"));
            assertThat(io.dataos.upgrade.run.JournalReader.read(world.workspace, result.runId()).state(
                    "manager.helm-upgrade.dataos-manager")).isEqualTo(io.dataos.upgrade.run.ActionState.SUCCEEDED);
        }
    }

    @Test
    void outsideTheMaintenanceWindowTheUpgradeRefusesUnlessForced() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        String window = tomorrow + "/PT4H";

        assertThatThrownBy(() -> new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")))
                .run(request().maintenanceWindow(window).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maintenanceWindow")
                .hasMessageContaining("outside the maintenance window")
                .hasMessageContaining("force");
        assertThat(world.workspace.resolve(".dataos-upgrade/runs")).doesNotExist();

        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(200, "UP"))) {
            world.checks(health.base() + "/health");
            RunbookResult forced = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")))
                    .run(request().maintenanceWindow(window).force(true).build());
            assertThat(forced.status()).isEqualTo(RunbookStatus.SUCCEEDED);
        }
    }

    @Test
    void primeApiKeyIsInNoFileAndNoOutputEvenWhenHelmEchoesIt() throws Exception {
        // The fake helm prints the key it was given in its error, as a chart's `fail` would.
        world.fake.put("upgrade-error", "Prime rejected the API key");

        RunbookResult result = new UpgradeRunbook(world.ports(RunbookWorld.approved("prepare.approve-window")))
                .run(request().build());

        assertThat(result.status()).isEqualTo(RunbookStatus.FAILED);
        assertThat(result.failedAction()).isEqualTo("manager.helm-upgrade.dataos-manager");
        assertThat(result.error()).contains("UPGRADE FAILED").contains("Prime rejected the API key ****");
        String key = TestSecrets.PRIME_API_KEY_VALUE;
        assertThat(result.toMap().toString()).doesNotContain(key);
        assertThat(String.join("\n", world.log)).contains("UPGRADE FAILED").doesNotContain(key);
        assertThat(RunbookWorld.filesContaining(world.workspace.root(), key)).isEmpty();
        assertThat(world.workspace.resolve(".dataos-upgrade/runs/" + result.runId() + "/"
                + ManagerUpgrade.OVERLAY_NAME)).doesNotExist();
    }

    @Test
    void markDoneRecordsASiteActionDoneByHandAndTheUpgradeContinuesAfterIt() throws Exception {
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(200, "UP"))) {
            world.checks(health.base() + "/health");
            var approvals = RunbookWorld.approved("prepare.approve-window");
            world.fake.put("upgrade-error", "timed out waiting for the condition");
            RunbookResult failed = new UpgradeRunbook(world.ports(approvals)).run(request().build());
            assertThat(failed.failedAction()).as(failed.error()).isEqualTo("manager.helm-upgrade.dataos-manager");
            assertThatThrownBy(() -> new UpgradeRunbook(world.ports(approvals)).run(request()
                    .markDone("verify.validate", "checked by hand").build()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("the run has not reached it");
            assertThatThrownBy(() -> new UpgradeRunbook(world.ports(approvals)).run(request()
                    .markDone("manager.helm-upgrade.dataos-manager", " ").build()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs a reason");

            // the operator ran the helm upgrade by hand: the release is at 1.5.0, revision 4
            Files.delete(world.fake.state().resolve("upgrade-error"));
            world.clusterAtRelease15();
            RunbookResult resumed = new UpgradeRunbook(world.ports(approvals)).run(request().startedBy("carol")
                    .markDone("manager.helm-upgrade.dataos-manager", "helm upgrade run by hand with a longer timeout")
                    .build());

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(RunbookStatus.SUCCEEDED);
            assertThat(resumed.runId()).isEqualTo(failed.runId());
            assertThat(world.fake.calls("helm", "upgrade")).singleElement();
            assertThat(world.succeeded(resumed.runId())).contains("manager.helm-upgrade.dataos-manager",
                    "verify.validate");
            assertThat(world.journal(resumed.runId())).filteredOn(e -> e.flag("manual")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.actionId()).isEqualTo("manager.helm-upgrade.dataos-manager");
                        assertThat(e.text("markedBy")).isEqualTo("carol");
                        assertThat(e.text("reason")).isEqualTo("helm upgrade run by hand with a longer timeout");
                        assertThat(e.text("markedAt")).isNotBlank();
                    });
            assertThat(world.starts(resumed.runId())).containsEntry("manager.helm-upgrade.dataos-manager", 1);
            assertThat(health.received()).hasSize(1);
            assertThat(world.read("dataos-upgrade/reports/" + resumed.runId() + "/run-report.md"))
                    .contains("done by hand (manual) by carol");
        }
    }

    @Test
    void markDoneOfAnActionOfTheAutomaticRollbackIsRecordedInTheRollbacksRunWhichContinues() throws Exception {
        // validation fails once; after the rollback the platform answers again
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> n == 0 ? LoopbackHttp.Answer.text(503, "down")
                : LoopbackHttp.Answer.text(200, "UP"))) {
            world.checks(health.base() + "/health");
            var approvals = RunbookWorld.approved("prepare.approve-window", "prepare.assess-risk",
                    "cloud-kernel.restore-postgres.postgres");
            world.fake.put("rollback-error", "Error: timed out waiting for the condition");
            RunbookResult failed = new UpgradeRunbook(world.ports(approvals)).run(request().autoRollback(true).build());
            assertThat(failed.rollbackRunId()).isEqualTo(failed.runId() + "-rollback");
            assertThat(world.starts(failed.rollbackRunId())).containsEntry("manager.helm-rollback.dataos-manager", 1);
            assertThat(world.succeeded(failed.rollbackRunId())).doesNotContain("manager.helm-rollback.dataos-manager");

            // the operator rolled the release back by hand
            Files.delete(world.fake.state().resolve("rollback-error"));
            String rel = "releases/dataos-manager/";
            for (String file : List.of("status.json", "history.json")) {
                world.fake.put(rel + file, Files.readString(world.fake.state().resolve(rel + "after-rollback/" + file)));
            }
            RunbookResult resumed = new UpgradeRunbook(world.ports(approvals)).run(request().autoRollback(true)
                    .startedBy("carol").markDone("manager.helm-rollback.dataos-manager", "helm rollback run by hand")
                    .build());

            assertThat(resumed.status()).as(resumed.message()).isEqualTo(RunbookStatus.ROLLED_BACK);
            assertThat(world.fake.calls("helm", "rollback")).singleElement();
            assertThat(world.succeeded(resumed.rollbackRunId())).contains("manager.helm-rollback.dataos-manager",
                    "verify.verify-rollback");
            assertThat(world.journal(resumed.rollbackRunId())).filteredOn(e -> e.flag("manual")).singleElement()
                    .satisfies(e -> assertThat(e.text("markedBy")).isEqualTo("carol"));
            assertThat(world.journal(resumed.runId())).noneMatch(e -> e.flag("manual"));
        }
    }
}
