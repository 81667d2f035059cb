// Compile-time stand-in, never shipped: jenkinsci/workflow-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/actions/WarningAction.java (1373.v7b_813f10efa_b_), bodies as upstream.
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

/** Marks a flow node (a step, and so its stage) with a result such as UNSTABLE, shown in the stage view. */
public class WarningAction implements PersistentAction {
    private @NonNull Result result;
    private @CheckForNull String message;

    // WarningAction(Result)
    public WarningAction(@NonNull Result result) {
        this.result = result;
    }

    // WarningAction#withMessage
    public WarningAction withMessage(String message) {
        this.message = message;
        return this;
    }

    // WarningAction#getMessage
    public @CheckForNull String getMessage() {
        return message;
    }

    // WarningAction#getResult
    public @NonNull Result getResult() {
        return result;
    }

    // WarningAction#getDisplayName
    @Override
    public String getDisplayName() {
        return "Warning" + (message != null ? ": " + message : "");
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
