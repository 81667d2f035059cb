package io.dataos.upgrade.api;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.AutoApprove;
import io.dataos.upgrade.run.Decision;
import io.dataos.upgrade.run.PreApprovedGates;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The approvals port as a front door chooses it: gates approved before the run by name (the
 * Jenkinsfile's {@code input} steps, {@code --approve GATE=APPROVER}), every gate approved in
 * advance by one person, or every gate passed automatically (rehearsals). A gate nobody approved
 * waits.
 */
public final class GateApprovals implements Approvals {

    private final Approvals approvals;

    private GateApprovals(Approvals approvals) {
        this.approvals = approvals;
    }

    /** The gates in {@code approverByGate} are approved by their approver; the others wait. */
    public static GateApprovals given(Map<String, String> approverByGate, Clock clock) {
        return new GateApprovals(new PreApprovedGates(approverByGate, clock));
    }

    /**
     * As {@link #given(Map, Clock)}, each approver also a member of the groups in
     * {@code groupsByApprover} (Jenkins: the groups given with the approval), which count like the
     * approver's id when matched against a gate's approvers.
     */
    public static GateApprovals given(Map<String, String> approverByGate, Map<String, List<String>> groupsByApprover,
            Clock clock) {
        return new GateApprovals(new PreApprovedGates(approverByGate, groupsByApprover, clock));
    }

    /** Every gate is approved by {@code approver}, each recorded with {@code note} (why in advance). */
    public static GateApprovals everyGate(String approver, String note, Clock clock) {
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(clock, "clock");
        return new GateApprovals(new Approvals() {
            @Override
            public Decision decide(PlanAction gate) {
                return new Decision.Approved(approver, clock.instant(), note);
            }

            @Override
            public java.util.Optional<Decision.Approved> inAdvance(PlanAction gate) {
                return java.util.Optional.of(new Decision.Approved(approver, clock.instant(), note));
            }
        });
    }

    /** Every gate passes automatically, recorded with {@code reason}: for rehearsals only. */
    public static GateApprovals automatic(String reason, Clock clock) {
        return new GateApprovals(new AutoApprove(reason, clock));
    }

    @Override
    public Decision decide(PlanAction gate) throws InterruptedException {
        return approvals.decide(gate);
    }

    @Override
    public void requireKnownGates(Collection<String> gateIds, String source) {
        approvals.requireKnownGates(gateIds, source);
    }

    @Override
    public java.util.Optional<Decision.Approved> inAdvance(PlanAction gate) {
        return approvals.inAdvance(gate);
    }

    @Override
    public boolean checksAuthority() {
        return approvals.checksAuthority();
    }
}
