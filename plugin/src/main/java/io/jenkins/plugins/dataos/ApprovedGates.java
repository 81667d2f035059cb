package io.jenkins.plugins.dataos;

import hudson.AbortException;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.PreApprovedGates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approvals a Jenkinsfile gave a run: the ids of the gates its {@code input} steps approved and who approved
 * them ({@code input}'s {@code submitterParameter}). A gate not in the list is refused, never assumed.
 */
final class ApprovedGates {

    private final Set<String> approved;
    private final String approver;

    ApprovedGates(Collection<String> approved, String approver) {
        this.approved = new LinkedHashSet<>(approved == null ? List.of() : approved);
        this.approver = approver;
    }

    boolean isApproved(String gateId) {
        return approved.contains(gateId);
    }

    String approver() {
        return approver;
    }

    /**
     * Checks the approvals against a plan's gates (gate id to reason) before anything runs: an approval for a gate
     * the plan does not have is a typo or a stale Jenkinsfile, and is refused.
     */
    void checkKnown(Map<String, String> planGates) throws AbortException {
        for (String id : approved) {
            if (!planGates.containsKey(id)) {
                throw new AbortException(Messages.format("Rollback.UnknownGate", id, new ArrayList<>(planGates.keySet())));
            }
        }
    }

    /** Refuses the gated action {@code gateId} unless it was approved. */
    void require(String gateId, String reason) throws AbortException {
        if (!isApproved(gateId)) {
            throw new AbortException(Messages.format("Rollback.NotApproved", gateId, reason));
        }
    }

    /** These approvals as the engine executor's port: each approved gate passes, recorded with the approver. */
    Approvals toApprovals() {
        return toApprovals(Clock.systemUTC());
    }

    /** As {@link #toApprovals()}, recording approval times by {@code clock}. */
    Approvals toApprovals(Clock clock) {
        Map<String, String> byGate = new LinkedHashMap<>();
        for (String id : approved) {
            byGate.put(id, approver == null ? "unknown (no approver given)" : approver);
        }
        return new PreApprovedGates(byGate, clock);
    }

    /** The gates of {@code planGates} that were not approved, in plan order. */
    List<String> refused(Map<String, String> planGates) {
        List<String> refused = new ArrayList<>();
        for (String id : planGates.keySet()) {
            if (!isApproved(id)) {
                refused.add(id);
            }
        }
        return refused;
    }
}
