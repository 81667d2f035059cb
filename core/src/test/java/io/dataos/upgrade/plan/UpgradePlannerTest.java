package io.dataos.upgrade.plan;

import static io.dataos.upgrade.Fixtures.platform;
import static io.dataos.upgrade.plan.PlanGraphs.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.ReleaseNotes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradePlannerTest {

    private static final Clock WEDNESDAY = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private final UpgradePlanner planner = new UpgradePlanner(WEDNESDAY);

    private static Fixtures.Builder installed() {
        return platform("1.4.0").manager("1.4.0-d1a2b3c", "1.4.0")
                .stack("flare", "5.0").core("heimdall", "1.12.0").core("metis", "2.4.0", "heimdall")
                .kubernetes("1.28").postgres("15.4", "pg-1.4.0");
    }

    private static Fixtures.Builder release() {
        return platform("1.5.0").manager("1.5.0-e4f5a6b", "1.5.0")
                .stack("flare", "6.0").core("heimdall", "1.12.1").core("metis", "2.5.0", "heimdall")
                .kubernetes("1.28").postgres("15.4", "pg-1.5.0").downtime(Duration.ofMinutes(20));
    }

    @Test
    void anUpgradeFollowsTheFiveRunbookPhasesInOrder() {
        Plan plan = planner.plan(installed().state(), release().release());

        assertThat(plan.type()).isEqualTo(PlanType.UPGRADE);
        assertThat(plan.actions()).extracting(PlanAction::kind).containsExactly(
                ActionKind.REVIEW_RELEASE_NOTES, ActionKind.ANNOUNCE, ActionKind.APPROVE_WINDOW, ActionKind.PRE_CHECKS,
                ActionKind.BACKUP, ActionKind.RESTORE_CHECK, ActionKind.UPDATE_MANAGER_TAG, ActionKind.HELM_UPGRADE,
                ActionKind.VALIDATE);
        for (int i = 1; i < plan.actions().size(); i++) {
            assertThat(plan.actions().get(i).dependsOn()).containsExactly(plan.actions().get(i - 1).id());
        }
    }

    @Test
    void twoVersionsOfAStackSideBySideAreComparedVersionByVersion() {
        Fixtures.Builder installed = installed().stack("flare", "6.0");
        Plan keepsBoth = planner.plan(installed.state(), release().stack("flare", "5.0").release());
        Plan dropsOne = planner.plan(installed.state(), release().stack("flare", "7.0").release());

        assertThat(keepsBoth.risk().reasons()).noneMatch(r -> r.contains("drops stacks"));
        assertThat(keepsBoth.risk().affectedComponents().get(Layer.USER_SPACE)).isEmpty();
        assertThat(dropsOne.risk().reasons()).anyMatch(r -> r.startsWith("the release drops stacks (flare 5.0)"));
        assertThat(dropsOne.risk().affectedComponents().get(Layer.USER_SPACE)).containsExactly("flare 5.0", "flare 7.0");
    }

    @Test
    void theScheduleIsApprovedByTheOperatorsInTheAgreedWindow() {
        Plan plan = planner.plan(installed().window("SAT 02:00-06:00 UTC").state(), release().release());

        PlanAction approve = action(plan, "prepare.approve-window");
        assertThat(approve.requiresApproval()).isTrue();
        assertThat(approve.approvers()).containsExactly("ops@example.com");
        assertThat(approve.params()).containsEntry(ActionParams.WINDOW, "SAT 02:00-06:00 UTC")
                .containsEntry(ActionParams.DOWNTIME, "PT20M");
        assertThat(plan.gates()).containsExactly(approve);
    }

    @Test
    void aWindowGivenForThisUpgradeOverridesTheInstalledOne() {
        Plan plan = planner.plan(installed().window("SAT 02:00-06:00 UTC").state(), release().release(),
                MaintenanceWindow.parse("2026-11-29T01:00Z/2026-11-29T03:00Z"));

        assertThat(action(plan, "prepare.approve-window").params())
                .containsEntry(ActionParams.WINDOW, "2026-11-29T01:00:00Z/2026-11-29T03:00:00Z");
    }

    @Test
    void aWindowEntirelyInThePastIsRefused() {
        assertThatThrownBy(() -> planner.plan(installed().state(), release().release(),
                MaintenanceWindow.parse("2026-11-21T02:00Z/2026-11-21T06:00Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ended before now");
    }

    @Test
    void aPastWindowInTheInstalledStateIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> planner.plan(installed().window("2026-11-01T02:00Z/PT4H").source("installed.yaml")
                .state(), release().release()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("installed.yaml: maintenanceWindow: maintenance window");
    }

    @Test
    void releaseNotesAndTheAnnouncementCarryWhatStakeholdersNeed() {
        ReleaseNotes notes = new ReleaseNotes(List.of("Metis 2.5"), List.of("search v1 removed"),
                "https://dataos.info/releases/1.5.0");
        Plan plan = planner.plan(installed().window("SAT 02:00-06:00 UTC").state(), release().notes(notes).release());

        assertThat(action(plan, "prepare.review-release-notes").params())
                .containsEntry(ActionParams.NOTES_URL, "https://dataos.info/releases/1.5.0")
                .containsEntry(ActionParams.NOTES_BREAKING, "search v1 removed");
        assertThat(action(plan, "prepare.announce").params()).containsEntry(ActionParams.NOTICE, "upgrade")
                .containsEntry(ActionParams.DOWNTIME, "PT20M").containsEntry(ActionParams.WINDOW, "SAT 02:00-06:00 UTC")
                .containsEntry("audience.operators", "ops@example.com");
        assertThat(plan.risk().reasons()).anyMatch(r -> r.contains("1 breaking change"));
    }

    @Test
    void theManagerTagIsUpdatedBeforeHelmAppliesTheReleaseChart() {
        Plan plan = planner.plan(installed().state(), release().release());

        PlanAction tag = action(plan, "manager.update-manager-tag.dataos-manager");
        assertThat(tag.from()).isEqualTo("1.4.0-d1a2b3c");
        assertThat(tag.to()).isEqualTo("1.5.0-e4f5a6b");
        assertThat(tag.params()).containsEntry(ActionParams.VALUES_KEY, "image.tag");
        PlanAction helm = action(plan, "manager.helm-upgrade.dataos-manager");
        assertThat(helm.params()).containsEntry(ActionParams.CHART, "dataos/dataos-manager")
                .containsEntry(ActionParams.CHART_VERSION, "1.5.0")
                .containsEntry(ActionParams.IMAGE_TAG, "1.5.0-e4f5a6b")
                .containsEntry(ActionParams.RELEASE_NAME, "dataos-manager")
                .containsEntry(ActionParams.NAMESPACE, "dataos-manager");
        assertThat(PlanGraphs.runsBefore(plan, "prepare.restore-check", helm.id())).isTrue();
    }

    @Test
    void validationRunsTheChecksFileItIsGiven() {
        Plan plan = planner.withChecks("ops/checks.yaml").plan(installed().state(), release().release());

        assertThat(action(plan, "verify.validate").params()).containsEntry(ActionParams.CHECKS, "ops/checks.yaml")
                .containsEntry(ActionParams.LAYERS, "USER_SPACE,CORE_KERNEL");
        assertThat(planner.plan(installed().state(), release().release()).risk().notes())
                .anyMatch(n -> n.startsWith("verify.validate has no checks file"));
    }

    @Test
    void anInstalledLayerOutsideTheReleasesRangeIsRefusedNamingComponentAndRange() {
        assertThatThrownBy(() -> planner.plan(installed().state(),
                release().compatibility("kubernetes", ">=1.29 <1.31").source("release-1.5.yaml").release()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.5.yaml: compatibility.kubernetes: requires kubernetes >=1.29 <1.31,"
                        + " but kubernetes is 1.28 installed");
        assertThatThrownBy(() -> planner.plan(installed().state(), release().compatibility("metis", "^3").release()))
                .hasMessageContaining("compatibility.metis: requires metis ^3, but metis is 2.4.0 installed");
        assertThatThrownBy(() -> planner.plan(installed().state(), release().compatibility("dataos", ">=1.4.1")
                .release())).hasMessageContaining("compatibility.dataos");
    }

    @Test
    void aRangeForAComponentThatIsNotInstalledIsRefused() {
        assertThatThrownBy(() -> planner.plan(installed().state(), release().compatibility("lens", ">=1.0").release()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("compatibility.lens: requires lens >=1.0, but installed-1.4.0.yaml has no"
                        + " component called 'lens'");
    }

    @Test
    void satisfiedRangesAreListedInThePreChecks() {
        Plan plan = planner.plan(installed().state(), release().compatibility("kubernetes", ">=1.28 <1.31")
                .compatibility("flare", "5.x").release());

        assertThat(action(plan, "prepare.pre-checks").params()).containsEntry(ActionParams.EXPECTED,
                "flare 5.x: 5.0;kubernetes >=1.28 <1.31: 1.28");
    }

    @Test
    void expectedDowntimeComesFromTheReleaseOrIsEstimated() {
        assertThat(planner.plan(installed().state(), release().release()).risk().estimatedDowntime())
                .isEqualTo(Duration.ofMinutes(20));

        Plan estimated = planner.plan(installed().state(), release().downtime(null).release());
        assertThat(estimated.risk().estimatedDowntime()).isEqualTo(Duration.ofMinutes(35));
        assertThat(estimated.risk().notes()).anyMatch(n -> n.contains("gives no downtime"));
    }

    @Test
    void majorCoreKernelChangesAndLongDowntimeRaiseTheRisk() {
        assertThat(planner.plan(installed().state(), release().release()).risk().level()).isEqualTo(RiskLevel.LOW);

        Plan withMajor = planner.plan(installed().core("poros", "1.9.0").state(),
                release().core("poros", "2.0.0").release());
        assertThat(withMajor.risk().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(withMajor.risk().reasons()).anyMatch(r -> r.contains("poros 1.9.0 -> 2.0.0"));
        assertThat(withMajor.risk().affectedComponents().get(Layer.CORE_KERNEL)).contains("poros");

        Plan longOne = planner.plan(installed().state(), release().downtime(Duration.ofHours(3)).release());
        assertThat(longOne.risk().level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void anOlderReleaseIsRefusedAsAnUpgrade() {
        assertThatThrownBy(() -> planner.plan(release().state(), installed().source("release-1.4.yaml").release()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.4.yaml: version: is 1.4.0, older than the installed 1.5.0")
                .hasMessageContaining("plan rollback");
    }

    @Test
    void theInstalledReleaseAgainGivesAnEmptyPlanThatSaysSo() {
        Plan plan = planner.plan(release().state(), release().release());

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.message()).startsWith("nothing to upgrade");
    }

    @Test
    void theBundledExampleUpgradeIsPlanned() throws Exception {
        Plan plan = planner.plan(Manifests.readPlatformState(Fixtures.example("installed-1.4.yaml")),
                Manifests.readRelease(Fixtures.example("release-1.5.yaml")));

        assertThat(plan.id()).startsWith("upgrade-1.4.0-to-1.5.0-");
        assertThat(plan.risk().estimatedDowntime()).isEqualTo(Duration.ofMinutes(45));
        assertThat(plan.risk().affectedComponents().get(Layer.CORE_KERNEL)).contains("metis", "lens");
        assertThat(action(plan, "prepare.approve-window").params()).containsEntry(ActionParams.WINDOW,
                "SAT 02:00-06:00 UTC");
    }

    @Test
    void anUpgradeThatDowngradesAComponentIsARiskWithAGateNamingIt() {
        Plan plan = planner.plan(installed().state(), platform("1.5.0").manager("1.5.0-e4f5a6b", "1.5.0")
                .stack("flare", "6.0").core("heimdall", "1.12.1").core("metis", "2.3.0", "heimdall")
                .kubernetes("1.28").postgres("15.4", "pg-1.5.0").downtime(Duration.ofMinutes(20)).release());

        PlanAction gate = action(plan, "prepare.confirm-wrong-way.metis");
        assertThat(gate.requiresApproval()).isTrue();
        assertThat(gate.approvers()).contains("metis-team@example.com");
        assertThat(gate.description()).startsWith("This upgrade downgrades metis 2.4.0 -> 2.3.0");
        assertThat(plan.risk().reasons()).anyMatch(r -> r.contains("the upgrade downgrades metis 2.4.0 -> 2.3.0"));
        assertThat(plan.risk().level()).isNotEqualTo(RiskLevel.LOW);
        // confirmed before anything changes
        assertThat(action(plan, "prepare.pre-checks").dependsOn()).containsExactly(gate.id());
    }
}
