package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;

/**
 * Where the executor asks whether a gate ({@link PlanAction#requiresApproval()}) may proceed. In
 * Jenkins the Jenkinsfile's {@code input} steps approve gates before the step runs and the step
 * passes their ids ({@link PreApprovedGates}); the sandbox rehearsal approves everything and says
 * so ({@link AutoApprove}).
 */
public interface Approvals {

    /** The decision for {@code gate}; may block while a person answers. */
    Decision decide(PlanAction gate) throws InterruptedException;
}
