package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataosUpgrade}: the maintenance window and the approvals, judged before anything runs. */
class DataosUpgradeStepTest {

    static final String KEY = "prime-3e8d0c5a7b21";
    /** A Wednesday: outside a Saturday-night window. */
    static final String WEDNESDAY = "2026-11-25T10:00:00Z";
    /** Inside {@code Sat 01:00-05:00 UTC}. */
    static final String SATURDAY_NIGHT = "2026-11-28T02:30:00Z";

    @TempDir
    Path workspace;

    @BeforeEach
    @AfterEach
    void noCredentials() {
        TestCredentials.reset();
    }

    private DataosUpgradeStep upgrade() {
        DataosUpgradeStep step = new DataosUpgradeStep("releases/dataos-1.5.0.yaml", "values/dataos-manager.yaml",
                "dataos-prime-key");
        step.setInstalled("state/installed.yaml");
        step.setMaintenanceWindow("Sat 01:00-05:00 UTC");
        return step;
    }

    @Test
    void outsideTheMaintenanceWindowTheUpgradeRefusesToStartNamingTheWindowAndItsNextOpening() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestStepContext context = new TestStepContext(workspace);

        assertThatThrownBy(() -> Steps.run(upgrade(), context, Steps.at(WEDNESDAY))).isInstanceOf(AbortException.class)
                .hasMessageContaining("outside the maintenance window 'SAT 01:00-05:00 UTC'")
                .hasMessageContaining("now (2026-11-25T10:00:00Z)")
                .hasMessageContaining("next opening is 2026-11-28T01:00:00Z to 2026-11-28T05:00:00Z")
                .hasMessageContaining("force: true").hasMessageContaining("nothing was changed");
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files).as("workspace after a refusal").isEmpty();
        }
    }

    @Test
    void windowThatHasEndedSaysThereIsNoNextOpening() throws Exception {
        DataosUpgradeStep step = upgrade();
        step.setMaintenanceWindow("2026-11-21T02:00Z/PT4H");

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace), Steps.at(WEDNESDAY)))
                .isInstanceOf(AbortException.class).hasMessageContaining("2026-11-21T02:00:00Z/2026-11-21T06:00:00Z")
                .hasMessageContaining("the window has ended");
    }

    @Test
    void forceStartsOutsideTheWindowAndSaysSo() throws Exception {
        // no credential stored: the step gets past the window and stops at the credential, the next check
        DataosUpgradeStep step = upgrade();
        step.setForce(true);
        TestStepContext context = new TestStepContext(workspace);

        assertThatThrownBy(() -> Steps.run(step, context, Steps.at(WEDNESDAY))).isInstanceOf(AbortException.class)
                .hasMessageContaining("'dataos-prime-key'");
        assertThat(context.log()).contains("force: true: starting outside the maintenance window 'SAT 01:00-05:00 UTC'")
                .contains("next opening 2026-11-28T01:00:00Z");
    }

    @Test
    void insideTheWindowTheUpgradeStartsWithoutForce() throws Exception {
        TestStepContext context = new TestStepContext(workspace);

        assertThatThrownBy(() -> Steps.run(upgrade(), context, Steps.at(SATURDAY_NIGHT)))
                .isInstanceOf(AbortException.class).hasMessageContaining("'dataos-prime-key'");
        assertThat(context.log()).contains("Inside the maintenance window 'SAT 01:00-05:00 UTC'")
                .contains("closes at 2026-11-28T05:00:00Z");
    }

    @Test
    void approvalForAGateTheReviewedPlanDoesNotHaveIsRefusedBeforeAnythingRuns() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        DataosPlanStep planStep = new DataosPlanStep("upgrade", "state/installed.yaml");
        planStep.setRelease("releases/dataos-1.5.0.yaml");
        Map<String, Object> plan = Steps.run(planStep, new TestStepContext(workspace), Steps.at(WEDNESDAY));
        @SuppressWarnings("unchecked")
        String firstGate = (String) ((List<Map<String, Object>>) plan.get("gates")).get(0).get("id");
        DataosUpgradeStep step = upgrade();
        step.setPlan((String) plan.get("planJson"));
        step.setApprovedGates(List.of(firstGate, firstGate + "-typo"));
        step.setApprover("ops-lead");
        TestStepContext context = new TestStepContext(workspace);

        assertThatThrownBy(() -> Steps.run(step, context, Steps.at(SATURDAY_NIGHT))).isInstanceOf(AbortException.class)
                .hasMessageContaining("'" + firstGate + "-typo'").hasMessageContaining("not a gate of this plan")
                .hasMessageContaining(firstGate);
        assertThat(workspace.resolve(".dataos-upgrade")).doesNotExist();
        assertThat(context.log()).doesNotContain(KEY);
    }
}
