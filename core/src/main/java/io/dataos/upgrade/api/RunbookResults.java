package io.dataos.upgrade.api;

import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.run.ActionState;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.run.RunStatus;
import io.dataos.upgrade.runbook.RunbookRun;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place a {@link RunbookResult} is built: a plan with nothing to do, a run as it ended, and
 * an upgrade whose failed validation was answered by its automatic rollback.
 */
final class RunbookResults {

    private RunbookResults() {
    }

    /** Nothing to do: the plan is empty, so nothing ran and nothing was journaled. */
    static RunbookResult nothingToDo(String operation, Plan plan, String runId, boolean dryRun) {
        return new RunbookResult(operation, RunbookStatus.SUCCEEDED, plan.message(), runId, plan.id(),
                plan.fromVersion(), plan.toVersion(), dryRun, null, null, List.of(), null, null, null, List.of(),
                List.of(), false, null, null, null);
    }

    /** The upgrade or rollback {@code run} as the executor ended it; {@code message} null: the executor's. */
    static RunbookResult ended(String operation, RunbookRun run, RunResult result, String failedCheck,
            List<String> reports, String message) {
        return new RunbookResult(operation, RunbookStatus.valueOf(result.status().name()),
                message != null ? message : result.message(), run.runId(), run.plan().id(), run.plan().fromVersion(),
                run.plan().toVersion(), result.dryRun(), result.journal(), RunbookRun.kitDir(run), reports,
                result.failedAction(), failedCheck, result.error(), gates(result), result.inState(ActionState.SUCCEEDED),
                false, null, null, null);
    }

    /**
     * The upgrade {@code upgrade} (its result, or null when it stopped before the executor returned)
     * failed its validation {@code failedAction}; {@code rollback} ran as {@code result}.
     */
    static RunbookResult rolledBack(RunbookRun upgrade, RunResult upgradeResult, RunbookRun rollback,
            RunResult result, String failedAction, String failedCheck, String reason, String message,
            List<String> reports) {
        RunbookStatus status = result.status() == RunStatus.SUCCEEDED ? RunbookStatus.ROLLED_BACK
                : RunbookStatus.valueOf(result.status().name());
        String upgradeJournal = upgradeResult != null ? upgradeResult.journal() : Journal.pathOf(upgrade.runId());
        return new RunbookResult("upgrade", status, message, upgrade.runId(), upgrade.plan().id(),
                upgrade.plan().fromVersion(), upgrade.plan().toVersion(), false, upgradeJournal,
                RunbookRun.kitDir(upgrade), reports, failedAction, failedCheck,
                upgradeResult != null ? upgradeResult.error() : reason, gates(result),
                upgradeResult != null ? upgradeResult.inState(ActionState.SUCCEEDED) : List.of(),
                result.status() == RunStatus.SUCCEEDED, rollback.runId(), result.status().name(), result.journal());
    }

    private static List<GateWaiting> gates(RunResult result) {
        List<GateWaiting> gates = new ArrayList<>();
        for (RunResult.Gate gate : result.waitingFor()) {
            gates.add(new GateWaiting(gate.actionId(), gate.approvers(), gate.reason()));
        }
        return gates;
    }
}
