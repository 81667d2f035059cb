// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/MissingContextVariableException.java
// (workflow-step-api 678.v3ee58b_469476). The descriptor-aware constructor and hints are omitted.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

/** A step was called where a context object it requires (e.g. a workspace) is not available. */
public class MissingContextVariableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final @NonNull Class<?> type;

    public MissingContextVariableException(@NonNull Class<?> type) {
        throw new UnsupportedOperationException("stand-in: MissingContextVariableException is not modelled");
    }

    public Class<?> getType() {
        throw new UnsupportedOperationException("stand-in: MissingContextVariableException#getType is not modelled");
    }

    @Override
    public String getMessage() {
        throw new UnsupportedOperationException("stand-in: MissingContextVariableException#getMessage is not modelled");
    }
}
