package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.time.Clock;

/** Turns every gate down: for runs that must never pass a gate (and for tests of rejection). */
public final class RejectAll implements Approvals {

    private final String by;
    private final String note;
    private final Clock clock;

    public RejectAll(String by, String note) {
        this(by, note, Clock.systemUTC());
    }

    public RejectAll(String by, String note, Clock clock) {
        this.by = by;
        this.note = note;
        this.clock = clock;
    }

    @Override
    public Decision decide(PlanAction gate) {
        return new Decision.Rejected(by, clock.instant(), note);
    }
}
