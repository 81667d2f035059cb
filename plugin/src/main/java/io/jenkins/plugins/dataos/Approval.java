package io.jenkins.plugins.dataos;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One gate approved in the Jenkinsfile, and who approved it ({@code input}'s {@code submitterParameter}):
 * {@code approvals: [approval(gate: 'prepare.approve-window', approver: approver)]}. The engine refuses an approval by
 * someone who is neither among the gate's approvers, by id or by group, nor their delegate; the approver's groups
 * are those Jenkins' security realm gives their user record ({@link UserGroups}), as {@code input}'s
 * {@code submitter} matches ids or groups, plus any written here ({@code groups: ['dataos-ops']}). Whoever can
 * edit the Jenkinsfile can write any name, so {@code input}'s {@code submitter} is the guard that a person of the
 * gate's approvers answered. The engine records the approval in the journal and reports; a gate with no approval
 * waits.
 */
public final class Approval extends AbstractDescribableImpl<Approval> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String gate;
    private final String approver;
    private java.util.List<String> groups = java.util.List.of();

    @DataBoundConstructor
    public Approval(String gate, String approver) {
        this.gate = StepFields.text(gate);
        this.approver = StepFields.text(approver);
    }

    public String getGate() {
        return gate;
    }

    public String getApprover() {
        return approver;
    }

    public java.util.List<String> getGroups() {
        return groups;
    }

    /**
     * More groups of the approver, beside those Jenkins knows, matched against the gate's approvers like the
     * approver's id.
     */
    @org.kohsuke.stapler.DataBoundSetter
    public void setGroups(java.util.List<String> groups) {
        this.groups = groups == null ? java.util.List.of() : groups.stream().map(StepFields::text)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** The problem with this approval as step argument {@code field}, or null. */
    String problem(String field) {
        return StepFields.first(StepFields.problemWithGateIds(field + ".gate", java.util.Arrays.asList(gate)),
                StepFields.problemWithRequired(field + ".approver", approver,
                        "who approved the gate (input's submitterParameter)"));
    }

    /** Lets the Snippet Generator write {@code approval(gate: …, approver: …)}. */
    @Extension
    @Symbol("approval")
    public static class DescriptorImpl extends Descriptor<Approval> {

        @Override
        public String getDisplayName() {
            return Messages.format("Approval.DisplayName");
        }

        @POST
        public FormValidation doCheckGate(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("gate", value, "the id of the gate, as dataosPlan returned it"),
                    StepFields.problemWithGateIds("gate", java.util.Arrays.asList(StepFields.text(value)))));
        }

        @POST
        public FormValidation doCheckApprover(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithRequired("approver", value,
                    "who approved the gate (input's submitterParameter)"));
        }
    }
}
