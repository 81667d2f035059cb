package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.api.InvalidInputException;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Gates approved before the run started, by gate id and approver: the Jenkins way, where the
 * Jenkinsfile's {@code input} step collected the approval and the step passes the ids on. A gate
 * not in the map is pending, never silently passed.
 */
public final class PreApprovedGates implements Approvals {

    private final Map<String, String> approverByGate;
    private final Map<String, java.util.List<String>> groupsByApprover;
    private final Clock clock;

    public PreApprovedGates(Map<String, String> approverByGate) {
        this(approverByGate, Clock.systemUTC());
    }

    public PreApprovedGates(Map<String, String> approverByGate, Clock clock) {
        this(approverByGate, Map.of(), clock);
    }

    /** With the groups of each approver (Jenkins: given with the approval), matched like input's submitter. */
    public PreApprovedGates(Map<String, String> approverByGate, Map<String, java.util.List<String>> groupsByApprover,
            Clock clock) {
        this.approverByGate = Map.copyOf(approverByGate);
        this.groupsByApprover = Map.copyOf(groupsByApprover);
        this.clock = clock;
    }

    @Override
    public java.util.Optional<Decision.Approved> inAdvance(PlanAction gate) {
        Decision decision = decide(gate);
        return decision instanceof Decision.Approved approved ? java.util.Optional.of(approved)
                : java.util.Optional.empty();
    }

    @Override
    public Decision decide(PlanAction gate) {
        String approver = approverByGate.get(gate.id());
        if (approver == null || approver.isBlank()) {
            return new Decision.Pending("gate '" + gate.id() + "' is not among the approved gates: approve it"
                    + (gate.approvers().isEmpty() ? "" : " (approvers: " + String.join(", ", gate.approvers()) + ")")
                    + " and pass its id with the approver, then re-run with the same run id");
        }
        return new Decision.Approved(approver, clock.instant(), "approved before the run",
                groupsByApprover.getOrDefault(approver, java.util.List.of()));
    }

    @Override
    public void requireKnownGates(Collection<String> gateIds, String source) {
        for (String gate : new TreeSet<>(approverByGate.keySet())) {
            if (!gateIds.contains(gate)) {
                throw new InvalidInputException(source, "approved gate '" + gate + "'", "is not a gate of this run"
                        + " (--approve, or approvals in Jenkins): approve only its gates " + new TreeSet<>(gateIds));
            }
        }
    }
}
