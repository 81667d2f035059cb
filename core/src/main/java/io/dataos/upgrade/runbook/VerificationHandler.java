package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.verify.VerificationActionHandler;
import io.dataos.upgrade.verify.VerificationOutputs;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Upgrade step 5 (post-upgrade validation) and the post-rollback verification: the settings'
 * checks file run by {@link VerificationActionHandler}, its results kept at once in
 * {@code <stateDir>/runs/<runId>/<actionId>/} so their evidence outlives a rollback.
 */
public final class VerificationHandler implements ActionHandler {

    private final RunbookRun run;
    private final VerificationActionHandler delegate;

    VerificationHandler(RunbookRun run) {
        this.run = run;
        this.delegate = new VerificationActionHandler(run.settings().helm().kubectl(),
                run.settings().helm().executable());
    }

    /** Where the results of verification action {@code actionId} of run {@code runId} are kept. */
    public static String outputDir(RunbookSettings settings, String runId, String actionId) {
        return RunbookRun.outputDir(settings, runId) + "/" + actionId;
    }

    public static String resultsFile(RunbookSettings settings, String runId, String actionId) {
        return outputDir(settings, runId, actionId) + "/" + VerificationOutputs.JSON;
    }

    @Override
    public void validate(PlanAction action) {
        if (run.settings().checks() == null) {
            throw new InvalidInputException(run.settings().source(), "checks", "is missing: the plan runs the "
                    + (action.kind() == ActionKind.VALIDATE ? "post-upgrade validation" : "post-rollback verification")
                    + " (" + action.id() + "); give the workspace path of the checks file (docs/verification.md)");
        }
        delegate.validate(configured(action));
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return delegate.execute(configured(action), context);
    }

    private PlanAction configured(PlanAction action) {
        Map<String, String> params = new HashMap<>(action.params());
        // the planners' "checks" names the runbook's kinds of check; the handler reads a checks file there
        params.put("checks", run.settings().checks());
        params.put("outputDir", outputDir(run.settings(), run.runId(), action.id()));
        params.put("rollbackOnFailure", Boolean.toString(action.kind() == ActionKind.VALIDATE));
        return new PlanAction(action.id(), action.phase(), action.layer(), action.component(), action.kind(),
                action.from(), action.to(), action.dependsOn(), action.requiresApproval(), action.approvers(),
                action.description(), params);
    }
}
