// Compile-time stand-in, never shipped: signatures of jenkinsci/workflow-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java (1373.v7b_813f10efa_b_). The real node loads and
// saves its actions through the flow's FlowActionStorage; here they stay in Actionable's list in memory, which is
// what the plugin's tests look at (the plugin only adds an action).
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import hudson.model.Saveable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/** One node of a Pipeline's flow graph: a step, a block start or end. */
public abstract class FlowNode extends Actionable implements Saveable {

    private final List<String> parentIds;
    private final String id;
    private final transient FlowExecution exec;

    // FlowNode(FlowExecution, String, FlowNode...): keeps the execution, the id and the parents' ids.
    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
        this.exec = exec;
        List<String> ids = new ArrayList<>(parents.length);
        for (FlowNode n : parents) {
            ids.add(n.id);
        }
        this.parentIds = ids;
    }

    protected abstract String getTypeDisplayName();
}
