package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An action whose handler is interrupted (a process dying under it, a cancelled wait) ends the run as interrupted. */
class InterruptedActionTest {

    @TempDir
    Path dir;

    private static PlanAction action(String id, ActionKind kind, String... dependsOn) {
        return new PlanAction(id, Phase.MANAGER, null, id, kind, null, null, List.of(dependsOn), false, List.of(),
                "test " + id, null);
    }

    @Test
    void handlerInterruptedWhileTheRunIsNotEndsTheRunAsInterruptedAndAResumeRechecksIt() throws Exception {
        AtomicInteger upgrades = new AtomicInteger();
        AtomicInteger validations = new AtomicInteger();
        ActionHandler interruptedOnce = new ActionHandler() {
            @Override
            public ActionOutcome execute(PlanAction a, ActionContext c) throws InterruptedException {
                if (upgrades.incrementAndGet() == 1) {
                    throw new InterruptedException("cut short");
                }
                return ActionOutcome.done("upgraded");
            }

            @Override
            public boolean isDone(PlanAction a, ActionContext c) {
                return true;
            }
        };
        ActionHandlers handlers = ActionHandlers.builder()
                .on(ActionKind.HELM_UPGRADE, interruptedOnce)
                .on(ActionKind.VALIDATE, (a, c) -> {
                    validations.incrementAndGet();
                    return ActionOutcome.done("valid");
                })
                .build();
        PlanExecutor executor = PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), handlers).build();
        RunRequest request = RunRequest.of("r1", "p",
                List.of(action("upgrade", ActionKind.HELM_UPGRADE), action("validate", ActionKind.VALIDATE, "upgrade")));

        RunResult first = executor.run(request);

        assertThat(first.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(first.states()).containsEntry("upgrade", ActionState.INTERRUPTED)
                .containsEntry("validate", ActionState.SKIPPED);
        assertThat(validations).hasValue(0);
        assertThat(Thread.interrupted()).as("this thread was never interrupted").isFalse();

        RunResult resumed = executor.run(request);

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(upgrades).as("the re-check found the upgrade done").hasValue(1);
        assertThat(validations).hasValue(1);
    }
}
