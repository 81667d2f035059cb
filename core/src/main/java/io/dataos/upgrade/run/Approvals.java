package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.util.Collection;

/**
 * Where the executor asks whether a gate ({@link PlanAction#requiresApproval()}) may proceed. In
 * Jenkins the Jenkinsfile's {@code input} steps approve gates before the step runs and the step
 * passes their ids ({@link PreApprovedGates}); the sandbox rehearsal approves everything and says
 * so ({@link AutoApprove}).
 */
public interface Approvals {

    /** The decision for {@code gate}; may block while a person answers. */
    Decision decide(PlanAction gate) throws InterruptedException;

    /**
     * Refuses approvals given in advance for gates the run does not have (a misspelt or stale
     * gate id), before anything runs. The default accepts anything: approvals asked at the gate
     * cannot name a wrong one.
     *
     * @param gateIds the ids of every gate the run may reach
     * @param source the file or argument the approvals came with, for the message
     * @throws io.dataos.upgrade.api.InvalidInputException naming the unknown gate and the run's gates
     */
    default void requireKnownGates(Collection<String> gateIds, String source) {
    }

    /**
     * The approval of {@code gate} given before the run, if there is one, so that a preflight can
     * check the approver's authority before anything runs. The default knows none.
     */
    default java.util.Optional<Decision.Approved> inAdvance(PlanAction gate) {
        return java.util.Optional.empty();
    }

    /**
     * Whether an approval must come from one of the gate's approvers (or their delegates): true for
     * every person's approval, false only for a rehearsal's automatic one.
     */
    default boolean checksAuthority() {
        return true;
    }
}
