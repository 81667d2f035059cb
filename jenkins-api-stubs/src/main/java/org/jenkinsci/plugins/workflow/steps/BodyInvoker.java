// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java (workflow-step-api 678.v3ee58b_469476).
// Declared only because StepContext.newBodyInvoker() returns it; its members are omitted (no step here
// takes a body).
package org.jenkinsci.plugins.workflow.steps;

/** Starts the body block passed to a block-scoped step. */
public abstract class BodyInvoker {
}
