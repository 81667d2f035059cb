package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.io.IOException;

/**
 * Carries out one kind of plan action (a helm upgrade, a stack reinstall, an IaC rollback). The
 * executor calls it once per action; in a dry run the context says so and the handler must change
 * nothing, only describe what it would do (commands run through {@link ActionContext#run} are
 * shown, not run).
 */
public interface ActionHandler {

    /**
     * Does the action and says how it went. A failure the handler understands is returned as
     * {@link ActionOutcome#failed}; an exception is journaled as a failure with its message.
     */
    ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException;

    /**
     * Whether the action's effect is already in place. Asked only when resuming an action that was
     * started by an attempt that died before recording its end, so that it is not done twice; the
     * default, false, retries it. Handlers of actions that are not safe to repeat should answer.
     */
    default boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return false;
    }

    /**
     * Refuses an action whose parameters this handler cannot use, before anything in the plan runs.
     *
     * @throws io.dataos.upgrade.api.InvalidInputException naming the action and parameter
     */
    default void validate(PlanAction action) {
    }
}
