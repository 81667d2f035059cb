package io.jenkins.plugins.dataos;

import static io.jenkins.plugins.dataos.RunbookFixture.KEY;
import static io.jenkins.plugins.dataos.RunbookFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.nio.file.Files;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dataosUpgrade} end to end through the engine's UpgradeRunbook: the example 1.4 -> 1.5 upgrade with the
 * Prime key and the database password from Jenkins credentials, commands through the build's Launcher, files through
 * FilePath, approvals from the step's arguments and the maintenance window judged by a fixed clock.
 */
class DataosUpgradeStepTest extends RunbookPlatformTest {

    static final String WINDOW_GATE = "prepare.approve-window";





    @Override
    RunbookFixture running(RunbookFixture fresh) throws IOException {
        return fresh.runningRelease14();
    }

    private static DataosUpgradeStep upgrade() {
        DataosUpgradeStep step = new DataosUpgradeStep("releases/dataos-1.5.0.yaml", "values/dataos-manager.yaml",
                "dataos-prime-key", "state/installed.yaml");
        step.setPostgresCredentialsId("dataos-postgres-password");
        step.setSecrets(List.of(new SecretCredential("grafana-token", "dataos-grafana-token")));
        step.setAutoRollback(false);
        step.setRunId("build-42");
        step.setMaintenanceWindow(Steps.windowOpenNow());
        return step;
    }

    @Test
    void approvedUpgradeRunsEveryRunbookStepAndReturnsItsResultAsPlainData() throws Exception {
        DataosUpgradeStep step = upgrade();
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), KEY);

        assertThat(result).containsEntry("operation", "upgrade").containsEntry("status", "SUCCEEDED")
                .containsEntry("runId", "build-42").containsEntry("fromVersion", "1.4.0")
                .containsEntry("toVersion", "1.5.0").containsEntry("dryRun", false).containsEntry("rolledBack", false)
                .containsEntry("gatesWaiting", List.of())
                .containsEntry("journal", ".dataos-upgrade/runs/build-42/journal.jsonl");
        assertThat(result.get("executed")).asList().hasSize(9).contains(WINDOW_GATE, "prepare.backup",
                "manager.helm-upgrade.dataos-manager", "verify.validate");
        assertThat(Steps.inRunState(agent, (String) result.get("journal"))).isRegularFile();
        assertThat(Files.readString(Steps.inRunState(agent, (String) result.get("journal"))))
                .contains("\"approver\":\"ops-lead\"");
        assertThat(Steps.inRunState(agent, (String) result.get("backup"))).isDirectory();
        assertThat(workspace.resolve(".dataos-upgrade")).as("the run state is kept outside the workspace").doesNotExist();
        assertThat(result.get("reports")).asList().isNotEmpty()
                .allSatisfy(r -> assertThat(workspace.resolve((String) r)).isRegularFile());
        assertThat(platform.read("values/dataos-manager.yaml")).contains("tag: 1.5.0-e4f5a6b");
        assertThat(platform.clis.calls("helm", "upgrade")).singleElement().asList().contains("dataos-manager");
        assertThat(platform.authorizations).contains("Bearer " + TOKEN);
        assertThat(context.log()).contains("dataosUpgrade: SUCCEEDED");
        noSecretLeft(context, result);
    }

    @Test
    void gateThatWasNotApprovedStopsTheUpgradeBeforeAnythingChangesAndTheRerunResumes() throws Exception {
        TestStepContext first = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> Steps.run(upgrade(), first))
                .isInstanceOf(AbortException.class).hasMessageContaining("'" + WINDOW_GATE + "'")
                .hasMessageContaining("dataos-ops@example.com").hasMessageContaining("approvals")
                .hasMessageContaining("runId 'build-42'")
                .hasMessageContaining(".dataos-upgrade/runs/build-42/journal.jsonl");
        assertThat(platform.clis.calls("helm", "upgrade")).isEmpty();
        assertThat(platform.read("values/dataos-manager.yaml")).contains("tag: 1.4.0-d1a2b3c");

        DataosUpgradeStep approved = upgrade();
        approved.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));
        TestStepContext second = new TestStepContext(workspace, agent);
        Map<String, Object> result = Steps.run(approved, second);

        assertThat(result).containsEntry("status", "SUCCEEDED");
        assertThat(platform.clis.calls("helm", "upgrade")).hasSize(1);
        noSecretLeft(first, result);
        noSecretLeft(second, result);
    }

    @Test
    void helmErrorThatEchoesThePrimeKeyFailsTheStepWithTheKeyMasked() throws Exception {
        // a chart's fail message may quote the values it was given; helm prints it verbatim
        platform.clis.put("upgrade-error", "Prime rejected the API key");
        DataosUpgradeStep step = upgrade();
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));
        TestStepContext context = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> Steps.run(step, context)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("dataosUpgrade ended FAILED")
                .hasMessageContaining("manager.helm-upgrade.dataos-manager")
                .hasMessageContaining("Prime rejected the API key ****").hasMessageNotContaining(KEY);
        assertThat(context.log()).contains("UPGRADE FAILED");
        noSecretLeft(context, Map.of());
    }

    @Test
    void withPropagateOffTheWaitingUpgradeIsReturnedAsData() throws Exception {
        DataosUpgradeStep step = upgrade();
        step.setPropagate(false);

        Map<String, Object> result = Steps.serialized(Steps.run(step, new TestStepContext(workspace, agent)), KEY);

        assertThat(result).containsEntry("status", "WAITING_FOR_APPROVAL").containsEntry("refused", List.of(WINDOW_GATE))
                .containsEntry("executed", List.of("prepare.review-release-notes", "prepare.announce"));
        assertThat(result.get("gatesWaiting")).asList().singleElement().satisfies(g -> assertThat(asMap(g))
                .containsEntry("id", WINDOW_GATE).containsEntry("approvers", List.of("dataos-ops@example.com")));
    }

    @Test
    void outsideTheMaintenanceWindowTheUpgradeRefusesToStartAndForceStartsItAnyway() throws Exception {
        DataosUpgradeStep step = upgrade();
        String elsewhen = Steps.weeklyWindowNotNow();
        step.setMaintenanceWindow(elsewhen);
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));
        TestStepContext refused = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> Steps.run(step, refused)).isInstanceOf(AbortException.class)
                .hasMessageContaining("is outside the maintenance window " + elsewhen)
                .hasMessageContaining("next opens").hasMessageContaining("nothing was run");
        assertThat(Steps.runState(agent).resolve("runs")).doesNotExist();
        assertThat(platform.clis.calls()).isEmpty();

        step.setForce(true);
        TestStepContext forced = new TestStepContext(workspace, agent);
        Map<String, Object> result = Steps.run(step, forced);

        assertThat(result).containsEntry("status", "SUCCEEDED");
        assertThat(forced.log()).contains("outside the maintenance window " + elsewhen).contains("forced");
    }

    @Test
    void dryRunShowsTheUpgradeAndChangesNothing() throws Exception {
        DataosUpgradeStep step = upgrade();
        step.setDryRun(true);
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), KEY);

        assertThat(result).containsEntry("status", "SUCCEEDED").containsEntry("dryRun", true);
        assertThat(platform.clis.calls("helm", "upgrade")).isEmpty();
        assertThat(platform.read("values/dataos-manager.yaml")).contains("tag: 1.4.0-d1a2b3c");
        assertThat(context.log()).contains("DRY RUN");
        noSecretLeft(context, result);
    }

    @Test
    void failedValidationStartsTheAutomaticRollbackWhichStopsAtItsFirstGate() throws Exception {
        platform.health = 503;
        DataosUpgradeStep step = upgrade();
        step.setAutoRollback(true);
        step.setRunId("build-43");
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));
        step.setPropagate(false);
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), KEY);

        assertThat(result).containsEntry("status", "WAITING_FOR_APPROVAL").containsEntry("rolledBack", false)
                .containsEntry("failedAction", "verify.validate").containsEntry("failedCheck", "heimdall health")
                .containsEntry("rollbackRunId", "build-43-rollback")
                .containsEntry("rollbackStatus", "WAITING_FOR_APPROVAL")
                .containsEntry("refused", List.of("prepare.assess-risk"));
        assertThat(Steps.inRunState(agent, (String) result.get("rollbackJournal"))).isRegularFile();
        assertThat(context.log()).contains("rolling back to 1.4.0");
        noSecretLeft(context, result);
    }

    @Test
    void automaticRollbackThatTheSettingsCannotCarryOutIsRefusedBeforeTheUpgradeStarts() throws Exception {
        platform.write("dataos-upgrade.yaml", platform.read("dataos-upgrade.yaml")
                .replaceAll("(?m)^  reinstallStack: .*\\n", ""));
        DataosUpgradeStep step = upgrade();
        step.setAutoRollback(true);
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead")));

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("dataos-upgrade.yaml")
                .hasMessageContaining("commands.reinstallStack").hasMessageContaining("nothing was run");
        assertThat(Steps.runState(agent).resolve("runs")).doesNotExist();
        assertThat(platform.clis.calls()).isEmpty();
    }

    @Test
    void approvalForAGateTheReviewedPlanDoesNotHaveIsRefusedBeforeAnythingRuns() throws Exception {
        DataosPlanStep planStep = new DataosPlanStep("upgrade", "state/installed.yaml");
        planStep.setRelease("releases/dataos-1.5.0.yaml");
        Map<String, Object> plan = Steps.run(planStep, new TestStepContext(workspace, agent));
        DataosUpgradeStep step = upgrade();
        step.setPlan((String) plan.get("planJson"));
        step.setApprovals(List.of(new Approval(WINDOW_GATE, "ops-lead"), new Approval("prepare.aprove-window", "ops-lead")));

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("'prepare.aprove-window'")
                .hasMessageContaining("is not a gate of this run").hasMessageContaining(WINDOW_GATE)
                .hasMessageContaining("approvals (--approve)");
        assertThat(Steps.runState(agent).resolve("runs")).doesNotExist();
        assertThat(platform.clis.calls()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

}
