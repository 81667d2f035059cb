// Compile-time stand-in, never shipped: jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/FlowInterruptedException.java (678.v3ee58b_469476).
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import java.util.Arrays;
import java.util.List;
import jenkins.model.CauseOfInterruption;

/** A step or build stopped by an abort, a timeout or a similar cause, with the build result it implies. */
public final class FlowInterruptedException extends InterruptedException {

    private static final long serialVersionUID = 630482382622970136L;

    private final @NonNull Result result;
    private final @NonNull List<CauseOfInterruption> causes;
    private Boolean actualInterruption = true;

    // FlowInterruptedException(Result, CauseOfInterruption...): an actual interruption.
    @Deprecated
    public FlowInterruptedException(@NonNull Result result, @NonNull CauseOfInterruption... causes) {
        this(result, true, causes);
    }

    // FlowInterruptedException(Result, boolean, CauseOfInterruption...)
    public FlowInterruptedException(@NonNull Result result, boolean actualInterruption,
            @NonNull CauseOfInterruption... causes) {
        this.result = result;
        this.causes = Arrays.asList(causes);
        this.actualInterruption = actualInterruption;
    }

    // FlowInterruptedException#getResult
    public @NonNull Result getResult() {
        return result;
    }

    // FlowInterruptedException#getCauses
    public @NonNull List<CauseOfInterruption> getCauses() {
        return causes;
    }

    // FlowInterruptedException#isActualInterruption
    public boolean isActualInterruption() {
        return actualInterruption;
    }
}
