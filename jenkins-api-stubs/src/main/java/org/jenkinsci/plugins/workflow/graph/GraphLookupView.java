// Compile-time stand-in, never shipped: the signature of jenkinsci/workflow-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/graph/GraphLookupView.java (1373.v7b_813f10efa_b_), no members.
package org.jenkinsci.plugins.workflow.graph;

/** Answers questions about a flow graph's blocks. */
public interface GraphLookupView {
}
