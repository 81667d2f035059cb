// Compile-time stand-in, never shipped: the signature of jenkinsci/workflow-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/graph/FlowActionStorage.java (1373.v7b_813f10efa_b_), no members.
package org.jenkinsci.plugins.workflow.graph;

/** Where a flow keeps the actions of its nodes. */
public interface FlowActionStorage {
}
