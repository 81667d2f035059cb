// Compile-time stand-in, never shipped: the signature of jenkinsci/workflow-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java (1373.v7b_813f10efa_b_), no members.
package org.jenkinsci.plugins.workflow.flow;

import org.jenkinsci.plugins.workflow.graph.FlowActionStorage;
import org.jenkinsci.plugins.workflow.graph.GraphLookupView;

/** One run of a Pipeline's flow. */
public abstract class FlowExecution implements FlowActionStorage, GraphLookupView {
}
