package io.dataos.upgrade.runbook;

import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.run.CommandActionHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Cloud Kernel step 1, infrastructure as code: runs the rollback command the target manifest names
 * ({@code cloudKernel.iac.rollbackCommand}, an argv) through {@link CommandActionHandler}, in the
 * workspace directory, within the settings' command timeout.
 */
final class IacRollbackHandler implements ActionHandler {

    private final RunbookRun run;
    private final CommandActionHandler delegate = new CommandActionHandler();

    IacRollbackHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public void validate(PlanAction action) {
        delegate.validate(configured(action));
        io.dataos.upgrade.model.Launchers.refuseShell(ActionParams.argv(action), "plan action '" + action.id() + "'",
                "params." + ActionParams.COMMAND, "name the IaC tool itself in cloudKernel.iac.rollbackCommand");
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return delegate.execute(configured(action), context);
    }

    private PlanAction configured(PlanAction action) {
        Map<String, String> params = new HashMap<>();
        String argv = action.params().get(ActionParams.COMMAND);
        if (argv != null) {
            params.put(ActionParams.COMMAND, argv);
        }
        params.put("timeout", run.settings().commandTimeout().toString());
        params.put("workDir", ".");
        return new PlanAction(action.id(), action.phase(), action.layer(), action.component(), action.kind(),
                action.from(), action.to(), action.dependsOn(), action.requiresApproval(), action.approvers(),
                action.description(), params);
    }
}
