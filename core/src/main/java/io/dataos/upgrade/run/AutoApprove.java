package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.time.Clock;
import java.util.Objects;

/**
 * Approves every gate and records why, e.g. "sandbox rehearsal": for rehearsals only, so the
 * journal shows the gate was passed automatically and not by a person.
 */
public final class AutoApprove implements Approvals {

    /** The approver name recorded for automatic approvals. */
    public static final String APPROVER = "auto-approved";

    private final String reason;
    private final Clock clock;

    public AutoApprove(String reason) {
        this(reason, Clock.systemUTC());
    }

    public AutoApprove(String reason, Clock clock) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.clock = clock;
    }

    @Override
    public Decision decide(PlanAction gate) {
        return new Decision.Approved(APPROVER, clock.instant(), reason);
    }

    @Override
    public boolean checksAuthority() {
        return false; // a rehearsal passes every gate on purpose, and says so in the journal
    }
}
