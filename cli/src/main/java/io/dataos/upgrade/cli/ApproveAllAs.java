package io.dataos.upgrade.cli;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.Decision;
import java.time.Clock;

/**
 * {@code --approve-all-as NAME}: the operator at the terminal approves every gate of this run in
 * advance, each recorded in the journal with their name and that it was a blanket approval.
 */
final class ApproveAllAs implements Approvals {

    private final String approver;
    private final Clock clock;

    ApproveAllAs(String approver, Clock clock) {
        this.approver = approver;
        this.clock = clock;
    }

    @Override
    public Decision decide(PlanAction gate) {
        return new Decision.Approved(approver, clock.instant(), "every gate approved in advance on the command line"
                + " (--approve-all-as)");
    }
}
