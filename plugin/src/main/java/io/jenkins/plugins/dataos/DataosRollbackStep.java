package io.jenkins.plugins.dataos;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dataosRollback}: runs a rollback plan written by {@code dataosPlan type: 'rollback'}, top-down (User
 * Space, Core Kernel, Cloud Kernel), passing only the gates the Jenkinsfile approved in {@code approvedGates}
 * (with the approver recorded from {@code input}'s {@code submitterParameter}); a gated action that was not
 * approved is refused, never run.
 */
public class DataosRollbackStep extends Step {

    static final String DEFAULT_STATE_DIR = "dataos-upgrade";
    static final int DEFAULT_TIMEOUT_MINUTES = 60;

    private final String plan;
    private List<String> approvedGates = List.of();
    private String approver;
    private String credentialsId;
    private String postgresCredentialsId;
    private boolean dryRun;
    private String stateDir = DEFAULT_STATE_DIR;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;

    @DataBoundConstructor
    public DataosRollbackStep(String plan) {
        this.plan = StepFields.text(plan);
    }

    public String getPlan() {
        return plan;
    }

    public List<String> getApprovedGates() {
        return approvedGates;
    }

    @DataBoundSetter
    public void setApprovedGates(List<String> approvedGates) {
        this.approvedGates = approvedGates == null ? List.of() : List.copyOf(new ArrayList<>(approvedGates));
    }

    public String getApprover() {
        return approver;
    }

    @DataBoundSetter
    public void setApprover(String approver) {
        this.approver = StepFields.text(approver);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepFields.text(credentialsId);
    }

    public String getPostgresCredentialsId() {
        return postgresCredentialsId;
    }

    @DataBoundSetter
    public void setPostgresCredentialsId(String postgresCredentialsId) {
        this.postgresCredentialsId = StepFields.text(postgresCredentialsId);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getStateDir() {
        return stateDir;
    }

    @DataBoundSetter
    public void setStateDir(String stateDir) {
        String dir = StepFields.text(stateDir);
        this.stateDir = dir == null ? DEFAULT_STATE_DIR : dir;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    void validate() throws hudson.AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("plan", plan,
                        "the workspace path of the rollback plan JSON written by dataosPlan type: 'rollback'"),
                StepFields.problemWithPath("plan", plan),
                StepFields.problemWithGateIds("approvedGates", approvedGates),
                StepFields.problemWithPath("stateDir", stateDir),
                timeoutMinutes > 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes));
    }

    ApprovedGates approvals() {
        return new ApprovedGates(approvedGates, approver);
    }

    Map<String, String> credentialIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("prime-api-key", credentialsId);
        ids.put("postgres-password", postgresCredentialsId);
        return ids;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Checks the approvals against the plan's gates, then hands the plan to the engine's executor. */
    static final class Execution extends DataosExecution {
        private static final long serialVersionUID = 1L;
        private final transient DataosRollbackStep step;

        Execution(DataosRollbackStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(StepRun run) throws Exception {
            step.validate();
            CredentialsSecretProvider.resolve(run.build(), step.credentialIds(), run.masker());
            throw notAvailable(DescriptorImpl.FUNCTION, "the rollback run",
                    "io.dataos.upgrade.plan.PlanJson and io.dataos.upgrade.run executor");
        }
    }

    /** Registers {@code dataosRollback} with Pipeline and validates its form in the Snippet Generator. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        static final String FUNCTION = "dataosRollback";

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return Messages.format("DataosRollbackStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdItems.fill(item, credentialsId);
        }

        @POST
        public ListBoxModel doFillPostgresCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String postgresCredentialsId) {
            return CredentialsIdItems.fill(item, postgresCredentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "credentialsId", value, false);
        }

        @POST
        public FormValidation doCheckPostgresCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "postgresCredentialsId", value, false);
        }

        @POST
        public FormValidation doCheckPlan(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("plan", value, "the workspace path of the rollback plan JSON"),
                    StepFields.problemWithPath("plan", value)));
        }

        @POST
        public FormValidation doCheckApprovedGates(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithGateIds("approvedGates", StepFields.splitList(value)));
        }

        @POST
        public FormValidation doCheckStateDir(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("stateDir", value));
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPositive("timeoutMinutes", value));
        }
    }
}
