package io.dataos.upgrade.runbook;

import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionOutcome;

/** Turns what the operations throw into action outcomes that keep the tool's own words. */
final class Outcomes {

    private Outcomes() {
    }

    /** A tool failed: its (masked) error as the reason, its last output lines as the evidence. */
    static ActionOutcome failed(CommandFailedException e) {
        return ActionOutcome.failed(e.getMessage(), e.output());
    }

    /** A dry run's answer: what the action would do, shown in the log and kept in the journal. */
    static ActionOutcome wouldDo(io.dataos.upgrade.run.ActionContext context, String what) {
        context.log(what);
        return ActionOutcome.done(what);
    }
}
