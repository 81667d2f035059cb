package io.dataos.upgrade.runbook;

import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;
import java.util.Optional;

/**
 * Pre-rollback step 1, identify the rollback target and verify compatibility: the planner already
 * refused a target whose compatibility ranges do not hold across the three layers; this confirms
 * that the platform still runs what the plan starts from (the dataos-manager release at the
 * installed chart version), so the plan is not stale. Read-only, so it also runs in a dry run.
 */
final class CompatibilityHandler implements ActionHandler {

    private final RunbookRun run;

    CompatibilityHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String ranges = action.params().get(ActionParams.EXPECTED);
        String compat = ranges == null ? "no compatibility ranges to hold"
                : "compatibility ranges hold: " + ranges.replace(";", "; ");
        String expected = expectedChartVersion();
        if (expected == null) {
            return ActionOutcome.done(compat + "; the plan names no installed chart version to confirm");
        }
        HelmTarget target = run.managerTarget();
        try {
            Optional<HelmRelease> status = run.helm(context).status(target.release(), target.namespace());
            if (status.isEmpty()) {
                return ActionOutcome.failed("release " + target.release() + " is not installed in namespace "
                        + target.namespace() + ", but the plan starts from chart version " + expected + ": check the"
                        + " kube context (" + run.settings().helm().kube().describe() + ") and the installed state",
                        "");
            }
            if (!expected.equals(status.get().chartVersion())) {
                return ActionOutcome.failed("release " + target.release() + " runs chart " + status.get().chart()
                        + " but the plan starts from chart version " + expected + " (release "
                        + run.plan().fromVersion() + "): plan the rollback again from what runs now", "");
            }
            return ActionOutcome.done("platform runs release " + run.plan().fromVersion() + " as planned ("
                    + target.release() + " " + status.get().chart() + ", revision " + status.get().revision() + ", "
                    + status.get().status() + "); " + compat);
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    private String expectedChartVersion() {
        if (run.installed() != null) {
            return run.installed().manager().chartVersion().toString();
        }
        return run.first(ActionKind.HELM_ROLLBACK).map(a -> a.params().get(ActionParams.FROM_CHART_VERSION))
                .orElse(null);
    }
}
