// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java (workflow-step-api 678.v3ee58b_469476).
// The Guice @Inject on the context field and the applyAll/acceptAll iterators are omitted.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** One run of a Step; serialized with the Pipeline's state. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private StepContext context;

    @Deprecated
    protected StepExecution() {
    }

    // jenkinsci/workflow-step-api-plugin .../StepExecution.java, StepExecution(StepContext)
    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    // jenkinsci/workflow-step-api-plugin .../StepExecution.java, StepExecution#getContext
    public @NonNull StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("you must either pass in a StepContext to the StepExecution constructor, "
                    + "or have the StepExecution be created automatically");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    // jenkinsci/workflow-step-api-plugin .../StepExecution.java, StepExecution#stop (SynchronousNonBlockingStepExecution
    // ends its stop here)
    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
        throw new UnsupportedOperationException("stand-in: StepExecution#onResume is not modelled");
    }

    public @CheckForNull String getStatus() {
        throw new UnsupportedOperationException("stand-in: StepExecution#getStatus is not modelled");
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException("stand-in: StepExecution#blocksRestart is not modelled");
    }
}
