package io.dataos.upgrade.plan;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanActionsFile;
import io.dataos.upgrade.verify.VerificationActionHandler;
import org.junit.jupiter.api.Test;

/** The planner writes the parameters the executor's handlers read: a contract test across the two. */
class PlanMeetsHandlersTest {

    private static Plan rollback(RollbackPlanner planner) throws Exception {
        return planner.plan(Manifests.readPlatformState(Fixtures.example("installed-1.5.yaml")),
                Manifests.readRelease(Fixtures.example("release-1.4.yaml")));
    }

    @Test
    void theIacRollbackIsACommandTheCommandHandlerAccepts() throws Exception {
        PlanAction iac = rollback(new RollbackPlanner()).action("cloud-kernel.iac-rollback.iac").orElseThrow();

        assertThatCode(() -> new CommandActionHandler().validate(iac)).doesNotThrowAnyException();
    }

    @Test
    void theVerificationNeedsAndThenCarriesTheChecksFile() throws Exception {
        PlanAction without = rollback(new RollbackPlanner()).action("verify.verify-rollback").orElseThrow();
        PlanAction with = rollback(new RollbackPlanner().withChecks("ops/checks.yaml"))
                .action("verify.verify-rollback").orElseThrow();

        assertThatThrownBy(() -> new VerificationActionHandler().validate(without))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("params.checks");
        assertThatCode(() -> new VerificationActionHandler().validate(with)).doesNotThrowAnyException();
    }

    @Test
    void theExecutorReadsThePlanJsonAsWritten() throws Exception {
        Plan plan = rollback(new RollbackPlanner());

        PlanActionsFile.Loaded loaded = PlanActionsFile.parse("plan.json", PlanJson.write(plan));

        org.assertj.core.api.Assertions.assertThat(loaded.planId()).isEqualTo(plan.id());
        org.assertj.core.api.Assertions.assertThat(loaded.actions()).isEqualTo(plan.actions());
    }
}
