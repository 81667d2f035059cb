package io.dataos.upgrade.plan;

import static io.dataos.upgrade.Fixtures.platform;
import static io.dataos.upgrade.plan.PlanGraphs.action;
import static io.dataos.upgrade.plan.PlanGraphs.ancestors;
import static io.dataos.upgrade.plan.PlanGraphs.ids;
import static io.dataos.upgrade.plan.PlanGraphs.inLayer;
import static io.dataos.upgrade.plan.PlanGraphs.ofKind;
import static io.dataos.upgrade.plan.PlanGraphs.runsBefore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.model.Stakeholders;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackPlannerTest {

    private final RollbackPlanner planner = new RollbackPlanner();

    /** Installed 1.5 against target 1.4, with one change of each kind the runbook names. */
    private static Fixtures.Builder installed() {
        return platform("1.5.0")
                .stack("flare", "6.0").stack("scanner", "2.0").stack("talos", "2.0")
                .cluster("minervaa", "docker.io/rubiklabs/minerva:0.5.0")
                .core("heimdall", "1.12.1").core("metis", "3.0.0", "heimdall").core("poros", "1.10.0", "metis", "heimdall")
                .core("gateway", "2.1.0", "heimdall", "poros").core("caretaker", "0.9.4")
                .kubernetes("1.29").iac("3.2.0").postgres("15.4", "pg-1.5.0");
    }

    private static Fixtures.Builder target() {
        return platform("1.4.0")
                .stack("flare", "5.0").stack("scanner", "2.0")
                .cluster("minervaa", "docker.io/rubiklabs/minerva:0.4.1")
                .core("heimdall", "1.12.0").core("metis", "2.4.0", "heimdall").core("poros", "1.9.2", "metis", "heimdall")
                .core("gateway", "2.1.0", "heimdall", "poros").core("caretaker", "0.9.3")
                .kubernetes("1.28").iac("3.1.0", "terraform", "-chdir=infra", "apply", "-var-file=releases/1.4.0.tfvars")
                .postgres("15.4", "pg-1.4.0");
    }

    private Plan plan(Fixtures.Builder installed, Fixtures.Builder target) {
        return planner.plan(installed.state(), target.release());
    }

    @Test
    void preRollbackPreparationComesFirstInTheRunbookOrder() {
        Plan plan = plan(installed(), target());

        assertThat(plan.actions().subList(0, 4)).extracting(PlanAction::kind).containsExactly(
                ActionKind.CHECK_COMPATIBILITY, ActionKind.BACKUP, ActionKind.ANNOUNCE, ActionKind.ASSESS_RISK);
        assertThat(runsBefore(plan, "prepare.check-compatibility", "prepare.backup")).isTrue();
        assertThat(runsBefore(plan, "prepare.backup", "prepare.announce")).isTrue();
        assertThat(runsBefore(plan, "prepare.announce", "prepare.assess-risk")).isTrue();
        for (PlanAction action : plan.actions().subList(4, plan.actions().size())) {
            assertThat(ancestors(plan, action.id())).as(action.id()).contains("prepare.assess-risk");
        }
    }

    @Test
    void theRiskAssessmentIsAGoNoGoForTheOperators() {
        Plan plan = plan(installed(), target());

        PlanAction assess = action(plan, "prepare.assess-risk");
        assertThat(assess.requiresApproval()).isTrue();
        assertThat(assess.approvers()).containsExactly("ops@example.com");
        assertThat(assess.params()).containsEntry(ActionParams.RISK_LEVEL, plan.risk().level().name());
    }

    @Test
    void theRollbackNoticeGoesToTheFourAudiences() {
        Stakeholders who = new Stakeholders(List.of("consumers@x.io"), List.of("devs@x.io"), List.of("ops@x.io"),
                List.of("#oncall"));
        Plan plan = plan(installed().stakeholders(who), target());

        PlanAction notice = action(plan, "prepare.announce");
        assertThat(notice.params()).containsEntry("audience.dataProductConsumers", "consumers@x.io")
                .containsEntry("audience.dataProductDevelopers", "devs@x.io")
                .containsEntry("audience.operators", "ops@x.io")
                .containsEntry("audience.otherTeams", "#oncall")
                .containsEntry(ActionParams.NOTICE, "rollback")
                .containsEntry(ActionParams.DOWNTIME, plan.risk().estimatedDowntime().toString());
    }

    @Test
    void newStacksAreRemovedBeforeAnyCoreKernelAction() {
        Plan plan = plan(installed(), target());

        PlanAction remove = action(plan, "user-space.remove-stack.talos");
        assertThat(remove.kind()).isEqualTo(ActionKind.REMOVE_STACK);
        assertThat(remove.from()).isEqualTo("2.0");
        assertThat(remove.to()).isNull();
        assertThat(inLayer(plan, Layer.CORE_KERNEL)).isNotEmpty().allSatisfy(core ->
                assertThat(runsBefore(plan, remove.id(), core.id())).as(core.id()).isTrue());
    }

    @Test
    void upgradedStacksAreReinstalledAtTheirPreviousVersionThroughTheTargetInstallFile() {
        Plan plan = plan(installed(), target().source("release-1.4.yaml"));

        PlanAction reinstall = action(plan, "user-space.reinstall-stack.flare");
        assertThat(reinstall.kind()).isEqualTo(ActionKind.REINSTALL_STACK);
        assertThat(reinstall.from()).isEqualTo("6.0");
        assertThat(reinstall.to()).isEqualTo("5.0");
        assertThat(reinstall.params()).containsEntry(ActionParams.INSTALL_FILE, "environments/prod/flare-5.0.yaml")
                .containsEntry(ActionParams.CHANGE, "MAJOR");
        assertThat(ids(plan)).noneMatch(id -> id.endsWith(".scanner"));
    }

    @Test
    void twoVersionsOfAStackSideBySideAreRemovedAndReinstalledIndependently() {
        // installed: flare 5.0 and 6.0 side by side, plus 7.0 introduced by the release; target: 4.0 and 5.0
        Fixtures.Builder installed = platform("1.5.0").stack("flare", "5.0").stack("flare", "6.0")
                .stack("flare", "7.0").stack("scanner", "2.0").kubernetes("1.28").iac("3.1.0").postgres("15.4", null);
        Fixtures.Builder target = platform("1.4.0").stack("flare", "4.0").stack("flare", "5.0")
                .stack("scanner", "2.0").kubernetes("1.28").iac("3.1.0").postgres("15.4", null);

        Plan plan = plan(installed, target);

        assertThat(ofKind(plan, ActionKind.REMOVE_STACK)).extracting(PlanAction::id, PlanAction::component,
                PlanAction::from).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("user-space.remove-stack.flare-6.0", "flare", "6.0"),
                        org.assertj.core.groups.Tuple.tuple("user-space.remove-stack.flare-7.0", "flare", "7.0"));
        PlanAction reinstall = action(plan, "user-space.reinstall-stack.flare-4.0");
        assertThat(reinstall.component()).isEqualTo("flare");
        assertThat(reinstall.from()).isNull();
        assertThat(reinstall.to()).isEqualTo("4.0");
        assertThat(reinstall.params()).containsEntry(ActionParams.INSTALL_FILE, "environments/prod/flare-4.0.yaml");
        assertThat(ofKind(plan, ActionKind.REINSTALL_STACK)).hasSize(1);
        assertThat(ids(plan)).noneMatch(id -> id.contains("flare-5.0") || id.endsWith(".scanner"));
        assertThat(plan.risk().affectedComponents().get(Layer.USER_SPACE))
                .containsExactly("flare 4.0", "flare 6.0", "flare 7.0");
    }

    @Test
    void aSingleVersionOfAStackKeepsItsPlainActionId() {
        Plan plan = plan(platform("1.5.0").stack("flare", "6.0").kubernetes("1.28").iac("3.1.0").postgres("15.4", null),
                platform("1.4.0").stack("flare", "5.0").kubernetes("1.28").iac("3.1.0").postgres("15.4", null));

        assertThat(action(plan, "user-space.reinstall-stack.flare").from()).isEqualTo("6.0");
    }

    @Test
    void aComponentsOwnNamespaceIsCarriedByItsActions() {
        Plan plan = plan(platform("1.5.0").coreIn("poros", "1.10.1", "poros-system").core("metis", "3.0.1")
                        .kubernetes("1.28").iac("3.1.0").postgres("15.4", null),
                platform("1.4.0").coreIn("poros", "1.10.0", "poros-system").core("metis", "3.0.0")
                        .kubernetes("1.28").iac("3.1.0").postgres("15.4", null));

        assertThat(action(plan, "core-kernel.rollback-component.poros").params())
                .containsEntry(ActionParams.NAMESPACE, "poros-system");
        assertThat(action(plan, "core-kernel.rollback-component.metis").params())
                .doesNotContainKey(ActionParams.NAMESPACE);
    }

    @Test
    void aStackTheTargetCannotReinstallWithoutAnInstallFileIsRefused() {
        Fixtures.Builder target = platform("1.4.0").stack("flare", "5.0", null).stack("scanner", "2.0")
                .cluster("minervaa", "docker.io/rubiklabs/minerva:0.4.1").kubernetes("1.29").iac("3.2.0")
                .postgres("15.4", "pg-1.5.0").source("release-1.4.yaml");

        assertThatThrownBy(() -> plan(installed(), target))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.4.yaml: userSpace.stacks[0].installFile: is missing: stack flare");
    }

    @Test
    void clusterImagesAreRevertedToTheLastKnownStableImage() {
        Plan plan = plan(installed(), target());

        PlanAction revert = action(plan, "user-space.revert-cluster-image.minervaa");
        assertThat(revert.from()).isEqualTo("docker.io/rubiklabs/minerva:0.5.0");
        assertThat(revert.to()).isEqualTo("docker.io/rubiklabs/minerva:0.4.1");
        assertThat(revert.params()).containsEntry(ActionParams.IMAGE, "docker.io/rubiklabs/minerva:0.4.1");
    }

    @Test
    void userSpaceActionsAreIndependentAndMayRunInParallel() {
        Plan plan = plan(installed(), target());

        List<PlanAction> userSpace = inLayer(plan, Layer.USER_SPACE);
        assertThat(userSpace).hasSize(3).allSatisfy(a -> assertThat(a.dependsOn()).containsExactly("prepare.assess-risk"));
    }

    @Test
    void majorCoreKernelChangeNeedsOwnerApproval() {
        Plan plan = plan(installed(), target());

        PlanAction gate = action(plan, "core-kernel.owner-approval.metis");
        assertThat(gate.kind()).isEqualTo(ActionKind.OWNER_APPROVAL);
        assertThat(gate.requiresApproval()).isTrue();
        assertThat(gate.approvers()).containsExactly("metis-team@example.com");
        assertThat(gate.from()).isEqualTo("3.0.0");
        assertThat(gate.to()).isEqualTo("2.4.0");
        assertThat(runsBefore(plan, gate.id(), "core-kernel.rollback-component.metis")).isTrue();
        assertThat(plan.risk().approvals()).extracting(RequiredApproval::actionId).contains(gate.id());
    }

    @Test
    void minorAndPatchChangesAreRolledBackIndividuallyWithoutApproval() {
        Plan plan = plan(installed(), target());

        PlanAction caretaker = action(plan, "core-kernel.rollback-component.caretaker");
        assertThat(caretaker.params()).containsEntry(ActionParams.CHANGE, "PATCH").doesNotContainKey(ActionParams.GROUP);
        assertThat(caretaker.requiresApproval()).isFalse();
        assertThat(ofKind(plan, ActionKind.OWNER_APPROVAL)).extracting(PlanAction::component)
                .containsExactly("metis");
        // its only predecessors are the User Space actions: nothing else in the Core Kernel holds it back
        assertThat(caretaker.dependsOn()).allMatch(id -> id.startsWith("user-space."));
    }

    @Test
    void interdependentComponentsRollBackTogetherInDependencyOrder() {
        Plan plan = plan(installed(), target());

        // poros depends on metis and heimdall, metis on heimdall: dependents go first.
        assertThat(runsBefore(plan, "core-kernel.rollback-component.poros", "core-kernel.rollback-component.metis"))
                .isTrue();
        assertThat(runsBefore(plan, "core-kernel.rollback-component.metis", "core-kernel.rollback-component.heimdall"))
                .isTrue();
        for (String member : List.of("poros", "metis", "heimdall")) {
            PlanAction action = action(plan, "core-kernel.rollback-component." + member);
            assertThat(action.params()).containsEntry(ActionParams.GROUP, "heimdall")
                    .containsEntry(ActionParams.GROUP_SIZE, "3");
            // the whole group waits for the major change's owner, not only metis
            assertThat(runsBefore(plan, "core-kernel.owner-approval.metis", action.id())).as(member).isTrue();
        }
        assertThat(ids(plan)).noneMatch(id -> id.endsWith(".gateway"));
    }

    @Test
    void anOrderAlreadyImpliedThroughAnotherComponentAddsNoEdge() {
        Plan plan = plan(installed(), target());

        // heimdall must follow poros, but poros -> metis -> heimdall already says so.
        assertThat(action(plan, "core-kernel.rollback-component.heimdall").dependsOn())
                .containsExactly("core-kernel.rollback-component.metis");
        assertThat(action(plan, "core-kernel.rollback-component.metis").dependsOn())
                .containsExactly("core-kernel.rollback-component.poros");
    }

    @Test
    void componentsConnectedThroughAnUnchangedComponentAreStillOrdered() {
        Fixtures.Builder installed = platform("2.0.0").core("base", "2.0.0").core("middle", "1.0.0", "base")
                .core("top", "1.1.0", "middle");
        Fixtures.Builder target = platform("1.9.0").core("base", "1.9.0").core("middle", "1.0.0", "base")
                .core("top", "1.0.0", "middle");

        Plan plan = plan(installed, target);

        assertThat(runsBefore(plan, "core-kernel.rollback-component.top", "core-kernel.rollback-component.base"))
                .isTrue();
        assertThat(action(plan, "core-kernel.rollback-component.top").params())
                .containsEntry(ActionParams.GROUP, "base").containsEntry(ActionParams.GROUP_SIZE, "2");
    }

    @Test
    void aComponentIntroducedByTheReleaseIsRemovedBeforeWhatItDependsOnAfterItsOwnerApproves() {
        Plan plan = plan(installed().core("lens", "1.0.0", "gateway", "metis"), target());

        PlanAction remove = action(plan, "core-kernel.remove-component.lens");
        assertThat(remove.from()).isEqualTo("1.0.0");
        assertThat(remove.to()).isNull();
        assertThat(action(plan, "core-kernel.owner-approval.lens").approvers()).containsExactly("lens-team@example.com");
        assertThat(runsBefore(plan, "core-kernel.owner-approval.lens", remove.id())).isTrue();
        assertThat(runsBefore(plan, remove.id(), "core-kernel.rollback-component.metis")).isTrue();
    }

    @Test
    void everyOwnerOfAGroupApprovesBeforeAnyOfItsComponentsRollsBack() {
        Plan plan = plan(installed().core("lens", "1.0.0", "gateway", "metis"), target());

        List<String> gates = List.of("core-kernel.owner-approval.lens", "core-kernel.owner-approval.metis");
        for (String member : List.of("remove-component.lens", "rollback-component.poros",
                "rollback-component.metis", "rollback-component.heimdall")) {
            assertThat(ancestors(plan, "core-kernel." + member)).as(member).containsAll(gates);
        }
        // the lone patch change of caretaker does not wait for the group's owners
        assertThat(ancestors(plan, "core-kernel.rollback-component.caretaker")).doesNotContainAnyElementsOf(gates);
    }

    @Test
    void aComponentTheReleaseDroppedIsReinstalledAtTheTargetVersion() {
        Plan plan = plan(installed(), target().core("sentinel", "0.4.0", "heimdall"));

        PlanAction reinstall = action(plan, "core-kernel.rollback-component.sentinel");
        assertThat(reinstall.from()).isNull();
        assertThat(reinstall.to()).isEqualTo("0.4.0");
        assertThat(reinstall.params()).containsEntry(ActionParams.CHANGE, "ADDED");
        assertThat(runsBefore(plan, reinstall.id(), "core-kernel.rollback-component.heimdall")).isTrue();
    }

    @Test
    void infrastructureIsRolledBackWithTheTargetsConfiguredCommand() {
        Plan plan = plan(installed(), target());

        PlanAction iac = action(plan, "cloud-kernel.iac-rollback.iac");
        assertThat(iac.from()).isEqualTo("3.2.0");
        assertThat(iac.to()).isEqualTo("3.1.0");
        assertThat(ActionParams.argv(iac)).containsExactly("terraform", "-chdir=infra", "apply",
                "-var-file=releases/1.4.0.tfvars");
        // the executor's command handler reads the argv as a JSON list under "command"
        assertThat(iac.params()).containsEntry("command",
                "[\"terraform\",\"-chdir=infra\",\"apply\",\"-var-file=releases/1.4.0.tfvars\"]")
                .containsEntry(ActionParams.TIMEOUT, "PT1H");
    }

    @Test
    void anInfrastructureRollbackWithoutACommandIsRefused() {
        assertThatThrownBy(() -> plan(installed(), target().iac("3.1.0").source("release-1.4.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.4.yaml: cloudKernel.iac.rollbackCommand: is missing");
    }

    @Test
    void kubernetesDowngradeBecomesNewClusterGate() {
        Plan plan = plan(installed(), target());

        PlanAction cluster = action(plan, "cloud-kernel.new-cluster.kubernetes");
        assertThat(cluster.kind()).isEqualTo(ActionKind.NEW_CLUSTER);
        assertThat(cluster.requiresApproval()).isTrue();
        assertThat(cluster.approvers()).containsExactly("ops@example.com");
        assertThat(cluster.params()).containsEntry(ActionParams.KUBERNETES_VERSION, "1.28");
        assertThat(cluster.description()).contains("new cluster at version 1.28");
        assertThat(plan.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(plan.risk().manualSteps()).contains(cluster.id());
        assertThat(plan.risk().irreversibleSteps()).contains(cluster.id());
    }

    @Test
    void sameKubernetesVersionNeedsNoNewCluster() {
        Plan plan = plan(installed().kubernetes("1.28"), target());

        assertThat(ofKind(plan, ActionKind.NEW_CLUSTER)).isEmpty();
    }

    @Test
    void postgresRestoresFromSnapshotMatchingTarget() {
        Plan plan = plan(installed(), target());

        PlanAction restore = action(plan, "cloud-kernel.restore-postgres.postgres");
        assertThat(restore.params()).containsEntry(ActionParams.SNAPSHOT, "pg-1.4.0")
                .containsEntry(ActionParams.RELEASE_VERSION, "1.4.0");
        assertThat(restore.requiresApproval()).isTrue();
        assertThat(plan.risk().irreversibleSteps()).contains(restore.id());
        // the restore writes into what the infrastructure rollback and the new cluster put back
        assertThat(restore.dependsOn()).containsExactlyInAnyOrder("cloud-kernel.iac-rollback.iac",
                "cloud-kernel.new-cluster.kubernetes");
    }

    @Test
    void theRestoreNamesThePlatformSnapshotEverywhere() {
        Plan plan = plan(installed(), target());

        PlanAction restore = action(plan, "cloud-kernel.restore-postgres.postgres");
        assertThat(restore.params()).containsEntry(ActionParams.RESTORE_SOURCE, ActionParams.SOURCE_SNAPSHOT)
                .doesNotContainKey(ActionParams.KIT_RUN);
        assertThat(restore.description()).contains("from platform snapshot pg-1.4.0")
                .contains("commands.restorePostgresSnapshot");
        assertThat(plan.risk().approvals()).filteredOn(a -> a.actionId().equals(restore.id()))
                .extracting(RequiredApproval::reason).containsExactly("PostgreSQL data replaced by platform snapshot"
                        + " pg-1.4.0");
        assertThat(plan.risk().reasons()).anyMatch(r -> r.contains("restored from platform snapshot pg-1.4.0"));
    }

    @Test
    void aRollbackWithNoSnapshotNamedRestoresFromTheBackupKitOfTheTargetRelease() {
        // same PostgreSQL server, no snapshot in either manifest: the restore used to be dropped silently
        Plan plan = planner.withKitAtTarget("upgrade-1.4.0-to-1.5.0").plan(
                installed().postgres("15.4", null).state(), target().postgres("15.4", null).release());

        PlanAction restore = action(plan, "cloud-kernel.restore-postgres.postgres");
        assertThat(restore.params()).containsEntry(ActionParams.RESTORE_SOURCE, ActionParams.SOURCE_KIT)
                .containsEntry(ActionParams.KIT_RUN, "upgrade-1.4.0-to-1.5.0")
                .doesNotContainKey(ActionParams.SNAPSHOT);
        assertThat(ActionParams.restoreSource(restore)).isEqualTo("the backup kit of run upgrade-1.4.0-to-1.5.0");
        assertThat(restore.description()).contains("from the backup kit of run upgrade-1.4.0-to-1.5.0");
        assertThat(plan.risk().approvals()).filteredOn(a -> a.actionId().equals(restore.id()))
                .extracting(RequiredApproval::reason).containsExactly("PostgreSQL data replaced by the backup kit of"
                        + " run upgrade-1.4.0-to-1.5.0");
        assertThat(plan.risk().affectedComponents().get(Layer.CLOUD_KERNEL)).contains("postgres");
    }

    @Test
    void theKitOfTheUpgradeBeingUndoneIsPreferredOverASnapshotAndThePlanSaysSo() {
        Plan plan = planner.undoingUpgrade("run-42").plan(installed().state(), target().release());

        PlanAction restore = action(plan, "cloud-kernel.restore-postgres.postgres");
        assertThat(restore.params()).containsEntry(ActionParams.KIT_RUN, "run-42")
                .doesNotContainKey(ActionParams.SNAPSHOT);
        assertThat(plan.risk().notes()).anyMatch(n -> n.contains("backup kit of run run-42") && n.contains("pg-1.4.0"));
    }

    @Test
    void withNeitherSnapshotNorKitTheDataStaysAsItIsBehindAHighRiskGate() {
        Plan plan = plan(installed().postgres("15.4", null), target().postgres("14.10", null)
                .source("release-1.4.yaml"));

        assertThat(ofKind(plan, ActionKind.RESTORE_POSTGRES)).isEmpty();
        PlanAction keep = action(plan, "cloud-kernel.keep-postgres-data.postgres");
        assertThat(keep.requiresApproval()).isTrue();
        assertThat(keep.description()).contains("release-1.4.yaml names no snapshot")
                .contains("the data stays as release 1.5.0 left it");
        assertThat(plan.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(plan.risk().reasons()).anyMatch(r -> r.startsWith("PostgreSQL cannot be restored")
                && r.contains("the data stays as release 1.5.0 left it"));
        assertThat(plan.risk().manualSteps()).contains(keep.id());
    }

    @Test
    void layersRollBackTopDown() {
        Plan plan = plan(installed(), target());

        List<List<PlanAction>> order = List.of(inLayer(plan, Layer.USER_SPACE), inLayer(plan, Layer.CORE_KERNEL),
                inLayer(plan, Layer.CLOUD_KERNEL), ofKind(plan, ActionKind.HELM_ROLLBACK),
                ofKind(plan, ActionKind.VERIFY_ROLLBACK));
        for (int upper = 0; upper < order.size(); upper++) {
            for (int lower = upper + 1; lower < order.size(); lower++) {
                for (PlanAction first : order.get(upper)) {
                    for (PlanAction second : order.get(lower)) {
                        assertThat(runsBefore(plan, first.id(), second.id())).as(first.id() + " before " + second.id())
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void theManagerReleaseIsRolledBackWithHelmWhenItsTagDiffers() {
        Plan plan = plan(installed(), target());

        PlanAction helm = action(plan, "manager.helm-rollback.dataos-manager");
        assertThat(helm.from()).isEqualTo("1.5.0");
        assertThat(helm.to()).isEqualTo("1.4.0");
        assertThat(helm.params()).containsEntry(ActionParams.CHART, "dataos/dataos-manager")
                .containsEntry(ActionParams.CHART_VERSION, "1.4.0")
                .containsEntry(ActionParams.RELEASE_NAME, "dataos-manager")
                .containsEntry(ActionParams.NAMESPACE, "dataos-manager");

        Plan sameManager = plan(installed().manager("1.4.0", "1.4.0"), target());
        assertThat(ofKind(sameManager, ActionKind.HELM_ROLLBACK)).isEmpty();
    }

    @Test
    void verificationCoversEveryLayerAndComesLast() {
        Plan plan = plan(installed(), target());

        PlanAction verify = plan.actions().get(plan.actions().size() - 1);
        assertThat(verify.kind()).isEqualTo(ActionKind.VERIFY_ROLLBACK);
        assertThat(ancestors(plan, verify.id())).hasSize(plan.actions().size() - 1);
        assertThat(verify.params()).containsEntry(ActionParams.LAYERS, "USER_SPACE,CORE_KERNEL,CLOUD_KERNEL")
                .containsEntry(ActionParams.VERIFICATIONS, RollbackPlanner.VERIFICATIONS)
                .doesNotContainKey(ActionParams.CHECKS);
        assertThat(plan.risk().notes()).anyMatch(n -> n.startsWith("verify.verify-rollback has no checks file"));
    }

    @Test
    void verificationRunsTheChecksFileItIsGiven() {
        Plan plan = planner.withChecks("ops/checks.yaml").plan(installed().state(), target().release());

        assertThat(action(plan, "verify.verify-rollback").params()).containsEntry(ActionParams.CHECKS, "ops/checks.yaml");
        assertThat(plan.risk().notes()).noneMatch(n -> n.contains("no checks file"));
        assertThatThrownBy(() -> planner.withChecks("../checks.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("path traversal");
    }

    @Test
    void riskAssessmentNamesDowntimeAffectedComponentsIrreversibleStepsAndApprovals() {
        Plan plan = plan(installed(), target());
        RiskAssessment risk = plan.risk();

        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(risk.reasons()).anyMatch(r -> r.contains("Kubernetes cannot be downgraded in place"))
                .anyMatch(r -> r.contains("snapshot pg-1.4.0"));
        assertThat(risk.affectedComponents().get(Layer.USER_SPACE)).containsExactly("flare", "minervaa", "talos");
        assertThat(risk.affectedComponents().get(Layer.CORE_KERNEL))
                .containsExactly("caretaker", "heimdall", "metis", "poros");
        assertThat(risk.affectedComponents().get(Layer.CLOUD_KERNEL)).containsExactly("iac", "kubernetes", "postgres");
        // new cluster 240m + restore 60m dominate the critical path
        assertThat(risk.estimatedDowntime()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(300));
        assertThat(risk.approvals()).extracting(RequiredApproval::kind).containsExactly(ActionKind.ASSESS_RISK,
                ActionKind.OWNER_APPROVAL, ActionKind.NEW_CLUSTER, ActionKind.RESTORE_POSTGRES);
    }

    @Test
    void aRollbackOfPatchChangesOnlyIsHighRiskOnlyBecauseOfTheDataRestore() {
        Fixtures.Builder installed = platform("1.4.1").core("heimdall", "1.12.1").core("caretaker", "0.9.4");
        Fixtures.Builder target = platform("1.4.0").core("heimdall", "1.12.0").core("caretaker", "0.9.4");

        Plan plan = plan(installed.manager("1.4.0", "1.4.0"), target);

        assertThat(plan.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(plan.risk().reasons()).allMatch(r -> r.startsWith("PostgreSQL") || r.startsWith("estimated"));
        assertThat(plan.gates()).extracting(PlanAction::kind).containsExactly(ActionKind.ASSESS_RISK,
                ofKind(plan, ActionKind.RESTORE_POSTGRES).isEmpty() ? ActionKind.KEEP_POSTGRES_DATA
                        : ActionKind.RESTORE_POSTGRES);
    }

    @Test
    void aTargetNewerThanTheInstalledStateIsRefused() {
        assertThatThrownBy(() -> planner.plan(target().state(), installed().source("release-1.5.yaml").release()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.5.yaml: version: is 1.5.0, newer than the installed 1.4.0");
    }

    @Test
    void nothingToRollBackGivesAnEmptyPlanThatSaysSo() {
        Plan plan = plan(target(), target());

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.message()).startsWith("nothing to roll back");
        assertThat(PlanMarkdown.render(plan)).contains("Nothing to do");
        assertThat(new String(PlanJson.write(plan), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"empty\": true");
    }

    @Test
    void anIncompatibleTargetIsRefusedNamingComponentAndRange() {
        assertThatThrownBy(() -> plan(installed(), target().compatibility("kubernetes", ">=1.29")
                .source("release-1.4.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.4.yaml: compatibility.kubernetes: requires kubernetes >=1.29, but"
                        + " kubernetes is 1.28 after the rollback");
    }

    @Test
    void theSameInputsGiveTheSamePlanWhateverTheManifestOrder() {
        Plan first = plan(installed(), target());
        Fixtures.Builder reordered = platform("1.5.0")
                .stack("talos", "2.0").stack("scanner", "2.0").stack("flare", "6.0")
                .cluster("minervaa", "docker.io/rubiklabs/minerva:0.5.0")
                .core("caretaker", "0.9.4").core("gateway", "2.1.0", "poros", "heimdall")
                .core("poros", "1.10.0", "heimdall", "metis").core("metis", "3.0.0", "heimdall").core("heimdall", "1.12.1")
                .kubernetes("1.29").iac("3.2.0").postgres("15.4", "pg-1.5.0");
        Plan second = plan(reordered, target());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(PlanJson.write(second)).isEqualTo(PlanJson.write(first));
    }

    @Test
    void theBundledExampleRollbackFollowsTheRunbook() throws Exception {
        PlatformState installed = Manifests.readPlatformState(Fixtures.example("installed-1.5.yaml"));
        Release target = Manifests.readRelease(Fixtures.example("release-1.4.yaml"));

        Plan plan = planner.plan(installed, target);

        assertThat(plan.id()).startsWith("rollback-1.5.0-to-1.4.0-");
        assertThat(ofKind(plan, ActionKind.REMOVE_STACK)).extracting(PlanAction::component).containsExactly("talos");
        assertThat(ofKind(plan, ActionKind.REMOVE_COMPONENT)).extracting(PlanAction::component).containsExactly("lens");
        assertThat(ofKind(plan, ActionKind.OWNER_APPROVAL)).extracting(PlanAction::component)
                .containsExactly("lens", "metis");
        assertThat(ofKind(plan, ActionKind.NEW_CLUSTER)).hasSize(1);
        assertThat(action(plan, "cloud-kernel.restore-postgres.postgres").params())
                .containsEntry(ActionParams.SNAPSHOT, "dataos-pg-1.4.0-20261120");
        assertThat(ActionParams.argv(action(plan, "cloud-kernel.iac-rollback.iac")))
                .contains("-var-file=releases/1.4.0.tfvars");
    }

    @Test
    void aRollbackThatUpgradesAComponentIsARiskWithAGateNamingIt() {
        Plan plan = plan(installed(), platform("1.4.0").stack("flare", "7.0").stack("scanner", "2.0")
                .cluster("minervaa", "docker.io/rubiklabs/minerva:0.4.1")
                .core("heimdall", "1.12.1").core("metis", "3.0.0", "heimdall").core("poros", "1.10.0", "metis",
                        "heimdall").core("gateway", "2.1.0", "heimdall", "poros").core("caretaker", "0.9.4")
                .kubernetes("1.29").iac("3.2.0").postgres("15.4", "pg-1.4.0"));

        PlanAction gate = action(plan, "prepare.confirm-wrong-way.flare");
        assertThat(gate.requiresApproval()).isTrue();
        assertThat(gate.layer()).isEqualTo(Layer.USER_SPACE);
        assertThat(gate.description()).startsWith("This rollback upgrades flare 6.0 -> 7.0");
        assertThat(plan.risk().reasons()).anyMatch(r -> r.contains("the rollback upgrades flare 6.0 -> 7.0"));
        assertThat(plan.risk().approvals()).extracting(RequiredApproval::actionId).contains(gate.id());
        assertThat(runsBefore(plan, gate.id(), "user-space.reinstall-stack.flare")).isTrue();
    }
}
