// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousResumeNotSupportedException.java
// (workflow-step-api 678.v3ee58b_469476).
package org.jenkinsci.plugins.workflow.steps;

/** Why a SynchronousNonBlockingStepExecution fails when the controller restarts while it runs. */
public class SynchronousResumeNotSupportedException extends Exception {

    // jenkinsci/workflow-step-api-plugin .../SynchronousResumeNotSupportedException.java,
    // SynchronousResumeNotSupportedException()
    public SynchronousResumeNotSupportedException() {
        super("Resume after a restart not supported for non-blocking synchronous steps");
    }
}
