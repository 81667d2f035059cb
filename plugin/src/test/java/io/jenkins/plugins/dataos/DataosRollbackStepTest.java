package io.jenkins.plugins.dataos;

import static io.jenkins.plugins.dataos.RunbookFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dataosRollback} end to end through the engine's RollbackRunbook: the reviewed 1.5 -> 1.4 rollback plan of
 * the examples, written by {@code dataosPlan}, run top-down passing only the gates the step was given.
 */
class DataosRollbackStepTest extends RunbookPlatformTest {

    static final String NOW = "2026-11-28T03:00:00Z";
    static final String RISK_GATE = "prepare.assess-risk";
    static final String LENS_GATE = "core-kernel.owner-approval.lens";


    String planJson;



    @Override
    RunbookFixture running(RunbookFixture fresh) throws IOException {
        return fresh.runningRelease15();
    }

    @BeforeEach
    void reviewedRollbackPlan() throws Exception {
        DataosPlanStep plan = new DataosPlanStep("rollback", "state/installed-1.5.yaml");
        plan.setTarget("releases/dataos-1.4.0.yaml");
        planJson = (String) Steps.run(plan, new TestStepContext(workspace, agent)).get("planJson");
    }


    private DataosRollbackStep rollback() {
        DataosRollbackStep step = new DataosRollbackStep(planJson);
        step.setCredentialsId("dataos-prime-key");
        step.setPostgresCredentialsId("dataos-postgres-password");
        step.setSecrets(List.of(new SecretCredential("grafana-token", "dataos-grafana-token")));
        step.setValuesFile("values/dataos-manager.yaml");
        step.setRunId("rollback-7");
        step.setReason("post-upgrade validation failed: heimdall health");
        step.setApprovals(List.of(new Approval(RISK_GATE, "ops-lead")));
        return step;
    }

    @Test
    void rollbackRunsTopDownThroughTheApprovedGateAndStopsAtTheFirstGateNotApproved() throws Exception {
        DataosRollbackStep step = rollback();
        step.setPropagate(false);
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), KEY);

        assertThat(result).containsEntry("operation", "rollback").containsEntry("status", "WAITING_FOR_APPROVAL")
                .containsEntry("runId", "rollback-7").containsEntry("fromVersion", "1.5.0")
                .containsEntry("toVersion", "1.4.0")
                .containsEntry("refused", List.of(LENS_GATE));
        assertThat(result.get("executed")).asList().contains("prepare.check-compatibility", "prepare.backup",
                "prepare.announce", RISK_GATE, "user-space.reinstall-stack.flare", "user-space.remove-stack.talos",
                "user-space.revert-cluster-image.minervaa").doesNotContain(LENS_GATE,
                "core-kernel.rollback-component.poros", "manager.helm-rollback.dataos-manager");
        assertThat(platform.siteSteps()).anyMatch(s -> s.startsWith("reinstall-stack flare"))
                .anyMatch(s -> s.startsWith("remove-stack talos"))
                .noneMatch(s -> s.startsWith("rollback-component poros"));
        assertThat(platform.clis.calls("helm", "rollback")).isEmpty();
        assertThat(java.nio.file.Files.readString(Steps.inRunState(agent, (String) result.get("journal"))))
                .contains("\"approver\":\"ops-lead\"");
        noSecretLeft(context, result);
    }

    @Test
    void gatedActionThatWasNotApprovedFailsTheStepNamingTheGateAndItsApprovers() throws Exception {
        TestStepContext context = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> Steps.run(rollback(), context)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("dataosRollback stopped before gate(s) that were not approved")
                .hasMessageContaining("'" + LENS_GATE + "'").hasMessageContaining("lens-team@example.com")
                .hasMessageContaining("runId 'rollback-7'");
        assertThat(platform.siteSteps()).noneMatch(s -> s.startsWith("remove-component lens"));
        noSecretLeft(context, Map.of());
    }

    @Test
    void approvalForAGateTheRollbackPlanDoesNotHaveIsRefusedBeforeAnythingRuns() throws Exception {
        DataosRollbackStep step = rollback();
        step.setApprovals(List.of(new Approval(RISK_GATE, "ops-lead"), new Approval("core-kernel.owner-approval.lenz",
                "ops-lead")));

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("'core-kernel.owner-approval.lenz'")
                .hasMessageContaining(LENS_GATE);
        assertThat(platform.clis.calls()).isEmpty();
        assertThat(platform.siteSteps()).isEmpty();
    }

    @Test
    void dryRunShowsTheRollbackAndRunsNoSiteStep() throws Exception {
        DataosRollbackStep step = rollback();
        step.setDryRun(true);
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), KEY);

        assertThat(result).containsEntry("status", "SUCCEEDED").containsEntry("dryRun", true);
        assertThat(platform.siteSteps()).isEmpty();
        assertThat(platform.clis.calls("helm", "rollback")).isEmpty();
        noSecretLeft(context, result);
    }

}
