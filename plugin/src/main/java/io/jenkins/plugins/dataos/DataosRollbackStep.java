package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
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
 * Space, Core Kernel, Cloud Kernel), passing only the gates the Jenkinsfile approved in {@code approvals}
 * (each with its approver, from {@code input}'s {@code submitterParameter}); a gated action that was not approved
 * waits, never runs. The engine runs on the agent ({@link EngineExecution}).
 */
public class DataosRollbackStep extends Step {

    private final String plan;
    private List<Approval> approvals = List.of();
    private String markDone;
    private String credentialsId;
    private String postgresCredentialsId;
    private boolean dryRun;
    private String stateDir;
    private int timeoutMinutes;
    private String runId;
    private String settings;
    private String valuesFile;
    private String reason;
    private boolean propagate = true;
    private List<SecretCredential> secrets = List.of();

    @DataBoundConstructor
    public DataosRollbackStep(String plan) {
        this.plan = StepFields.text(plan);
    }

    public String getPlan() {
        return plan;
    }

    public List<Approval> getApprovals() {
        return approvals;
    }

    /** The gates the Jenkinsfile's {@code input} steps approved, each with its approver. */
    @DataBoundSetter
    public void setApprovals(List<Approval> approvals) {
        this.approvals = approvals == null ? List.of() : List.copyOf(new ArrayList<>(approvals));
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
        this.stateDir = StepFields.text(stateDir);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getRunId() {
        return runId;
    }

    @DataBoundSetter
    public void setRunId(String runId) {
        this.runId = StepFields.text(runId);
    }

    public String getSettings() {
        return settings;
    }

    @DataBoundSetter
    public void setSettings(String settings) {
        this.settings = StepFields.text(settings);
    }

    public String getValuesFile() {
        return valuesFile;
    }

    @DataBoundSetter
    public void setValuesFile(String valuesFile) {
        this.valuesFile = StepFields.text(valuesFile);
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = StepFields.text(reason);
    }

    public String getMarkDone() {
        return markDone;
    }

    /** An action of the run done by hand (its id); {@code reason} says why. The run continues after it. */
    @DataBoundSetter
    public void setMarkDone(String markDone) {
        this.markDone = StepFields.text(markDone);
    }

    public List<SecretCredential> getSecrets() {
        return secrets;
    }

    /** The other secrets the settings and checks files name, each from a "Secret text" credential. */
    @DataBoundSetter
    public void setSecrets(List<SecretCredential> secrets) {
        this.secrets = secrets == null ? List.of() : List.copyOf(new ArrayList<>(secrets));
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    void validate() throws AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("plan", plan,
                        "the workspace path of the rollback plan JSON written by dataosPlan type: 'rollback'"),
                StepFields.problemWithPath("plan", plan),
                StepFields.problemWithApprovals("approvals", approvals),
                StepFields.problemWithStateDir("stateDir", stateDir),
                timeoutMinutes >= 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes),
                StepFields.problemWithPath("settings", settings),
                StepFields.problemWithPath("valuesFile", valuesFile),
                runId == null ? null : StepFields.problemWithRunId("runId", runId),
                markDone == null ? null : StepFields.problemWithGateIds("markDone", List.of(markDone)),
                markDone == null || reason != null ? null : Messages.format("Field.Required", "reason",
                        "why and how " + markDone + " was done by hand"),
                StepFields.problemWithSecrets("secrets", secrets,
                        List.of(StepCredentials.PRIME_API_KEY, StepCredentials.POSTGRES_PASSWORD)));
    }

    /** The engine's {@code rollback} command for these arguments; refuses bad ones before anything starts. */
    EngineInvocation invocation() throws AbortException {
        validate();
        return EngineInvocation.of(DescriptorImpl.FUNCTION, "rollback")
                .option("plan", "--plan", plan)
                .option("valuesFile", "--values", valuesFile)
                .option("settings", "--settings", settings)
                .option("reason", "--reason", reason)
                .option("runId", "--run-id", runId)
                .option("markDone", "--mark-done", markDone)
                .approvals(approvals)
                .flag("dryRun", "--dry-run", dryRun)
                .option("timeoutMinutes", "--timeout-minutes", timeoutMinutes)
                .stateDir(stateDir)
                .credentials(credentialsId, postgresCredentialsId, secrets)
                .outcome(EngineInvocation.Outcome.RUNBOOK, propagate)
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new EngineExecution(context, invocation());
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
            return EngineExecution.CONTEXT;
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
        public FormValidation doCheckStateDir(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithStateDir("stateDir", value));
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPositive("timeoutMinutes", value));
        }

        @POST
        public FormValidation doCheckSettings(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("settings", value));
        }

        @POST
        public FormValidation doCheckValuesFile(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("valuesFile", value));
        }


        @POST
        public FormValidation doCheckRunId(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithRunId("runId", value));
        }
    }
}
