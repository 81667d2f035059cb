// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java (workflow-step-api 678.v3ee58b_469476).
// The meta-step, structs-based instantiation and ExtensionList lookups are omitted.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Describes a Step: its DSL function name and the context it needs. */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        throw new UnsupportedOperationException("stand-in: StepDescriptor#getProvidedContext is not modelled");
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("stand-in: StepDescriptor#takesImplicitBlockArgument is not modelled");
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException("stand-in: StepDescriptor#isAdvanced is not modelled");
    }

    public boolean isMetaStep() {
        throw new UnsupportedOperationException("stand-in: StepDescriptor#isMetaStep is not modelled");
    }

    public final void checkContextAvailability(StepContext c)
            throws MissingContextVariableException, IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in: StepDescriptor#checkContextAvailability is not modelled");
    }

    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException("stand-in: StepDescriptor#argumentsToString is not modelled");
    }
}
