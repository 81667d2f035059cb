package io.dataos.upgrade.runbook;

import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunHistory;
import java.io.IOException;

/**
 * The gates that are a person's decision and nothing more: the approved downtime window (upgrade
 * step 2), a Core Kernel owner's consent to a major change, and the operators' acceptance that
 * PostgreSQL cannot be restored. The executor has asked the
 * {@link io.dataos.upgrade.run.Approvals} before this runs; the handler records in the journal who
 * approved what (window and downtime, or owner and change), so the report shows it.
 */
final class ApprovalRecordHandler implements ActionHandler {

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String what = action.kind() == ActionKind.APPROVE_WINDOW
                ? "schedule: window " + action.params().getOrDefault(ActionParams.WINDOW, "(to be agreed)")
                        + ", expected downtime " + action.params().getOrDefault(ActionParams.DOWNTIME, "unknown")
                : action.kind() == ActionKind.CONFIRM_WRONG_WAY ? "wrong-way change of " + action.component() + " "
                        + action.from() + " -> " + action.to()
                : action.kind() == ActionKind.KEEP_POSTGRES_DATA
                ? "decision to keep PostgreSQL as the release being rolled back left it (no snapshot or backup kit"
                        + " of release " + action.params().get(ActionParams.RELEASE_VERSION) + " to restore from)"
                : "owner " + action.params().getOrDefault(ActionParams.OWNER, String.join(", ", action.approvers()))
                        + " on " + action.component() + " " + (action.from() == null ? "" : action.from()) + " -> "
                        + (action.to() == null ? "removed" : action.to());
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would record the approval of the " + what);
        }
        RunHistory.ActionRecord record = JournalReader.read(context.workspace(), context.runId()).action(action.id());
        String by = record == null || !record.approved() ? "the approvals of this run"
                : record.approvedBy() + " at " + record.approvedAt();
        return ActionOutcome.done("approved by " + by + ": " + what);
    }
}
