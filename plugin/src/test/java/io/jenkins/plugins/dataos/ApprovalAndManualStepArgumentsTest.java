package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rollback step passes an approval's groups and a step done by hand to the engine's command line,
 * where the engine checks the approver's authority and journals the manual step.
 */
class ApprovalAndManualStepArgumentsTest {

    @Test
    void anApprovalsGroupsAndAStepDoneByHandReachTheEngineCommandLine() throws Exception {
        Approval approval = new Approval("prepare.assess-risk", "bob");
        approval.setGroups(List.of("dataos-ops", " "));
        DataosRollbackStep step = new DataosRollbackStep("plans/rollback.json");
        step.setApprovals(List.of(approval));
        step.setMarkDone("cloud-kernel.new-cluster.kubernetes");
        step.setReason("cluster 1.28 built in the console");

        assertThat(step.invocation().argv)
                .containsSequence("--approve", "prepare.assess-risk=bob")
                .containsSequence("--approver-group", "bob=dataos-ops")
                .containsSequence("--mark-done", "cloud-kernel.new-cluster.kubernetes")
                .containsSequence("--reason", "cluster 1.28 built in the console")
                .doesNotContain("bob= ");
    }

    @Test
    void aStepDoneByHandNeedsItsReason() {
        DataosRollbackStep step = new DataosRollbackStep("plans/rollback.json");
        step.setMarkDone("cloud-kernel.new-cluster.kubernetes");

        assertThatThrownBy(step::invocation).isInstanceOf(AbortException.class).hasMessageContaining("reason");
    }

    @Test
    void theUpgradeStepsStepDoneByHandReachesTheEngineCommandLineWithItsReason() throws Exception {
        DataosUpgradeStep step = new DataosUpgradeStep("release.yaml", "values.yaml", "prime-key", "installed.yaml");
        step.setMarkDone("manager.helm-upgrade.dataos-manager");
        step.setReason("helm upgrade run by hand");

        assertThat(step.invocation().argv)
                .containsSequence("--mark-done", "manager.helm-upgrade.dataos-manager")
                .containsSequence("--reason", "helm upgrade run by hand");
        assertThat(new DataosUpgradeStep("release.yaml", "values.yaml", "prime-key", "installed.yaml").invocation().argv)
                .doesNotContain("--mark-done", "--reason");
    }

    @Test
    void theUpgradeStepsMarkDoneNeedsItsReasonAndAReasonNeedsMarkDone() {
        DataosUpgradeStep noReason = new DataosUpgradeStep("release.yaml", "values.yaml", "prime-key",
                "installed.yaml");
        noReason.setMarkDone("manager.helm-upgrade.dataos-manager");
        assertThatThrownBy(noReason::invocation).isInstanceOf(AbortException.class)
                .hasMessageContaining("reason is required");

        DataosUpgradeStep onlyReason = new DataosUpgradeStep("release.yaml", "values.yaml", "prime-key",
                "installed.yaml");
        onlyReason.setReason("by hand");
        assertThatThrownBy(onlyReason::invocation).isInstanceOf(AbortException.class)
                .hasMessageContaining("reason is only read with markDone");

        DataosUpgradeStep badId = new DataosUpgradeStep("release.yaml", "values.yaml", "prime-key", "installed.yaml");
        badId.setMarkDone("helm upgrade; rm -rf /");
        badId.setReason("by hand");
        assertThatThrownBy(badId::invocation).isInstanceOf(AbortException.class).hasMessageContaining("markDone");
    }
}
