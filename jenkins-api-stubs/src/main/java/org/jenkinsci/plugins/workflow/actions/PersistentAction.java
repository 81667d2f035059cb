// Compile-time stand-in, never shipped: the signature of jenkinsci/workflow-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/actions/PersistentAction.java (1373.v7b_813f10efa_b_).
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** An action kept with a flow node. */
public interface PersistentAction extends Action {
}
