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
import io.dataos.upgrade.runbook.RollbackRequest;
import io.dataos.upgrade.runbook.RollbackRunbook;
import io.dataos.upgrade.runbook.RunbookResult;
import io.dataos.upgrade.runbook.SettingsOverrides;
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

    private final String plan;
    private List<String> approvedGates = List.of();
    private String approver;
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
    private List<String> secretCredentials = List.of();

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

    public List<String> getSecretCredentials() {
        return secretCredentials;
    }

    /** {@code 'secret-name=credentials-id'} pairs: the other secrets the checks and settings files name. */
    @DataBoundSetter
    public void setSecretCredentials(List<String> secretCredentials) {
        this.secretCredentials = secretCredentials == null ? List.of() : List.copyOf(new ArrayList<>(secretCredentials));
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** The settings this step sets explicitly; the rest comes from the settings file. */
    SettingsOverrides overrides() {
        return new SettingsOverrides(null, null, null, timeoutMinutes > 0 ? timeoutMinutes : null, stateDir, null);
    }

    void validate() throws hudson.AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("plan", plan,
                        "the workspace path of the rollback plan JSON written by dataosPlan type: 'rollback'"),
                StepFields.problemWithPath("plan", plan),
                StepFields.problemWithGateIds("approvedGates", approvedGates),
                StepFields.problemWithPath("stateDir", stateDir),
                timeoutMinutes >= 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes),
                StepFields.problemWithPath("settings", settings),
                StepFields.problemWithPath("valuesFile", valuesFile),
                runId == null ? null : StepFields.problemWithRunId("runId", runId),
                StepFields.problemWithSecretCredentials("secretCredentials", secretCredentials,
                        List.of(CredentialsSecretProvider.PRIME_API_KEY, CredentialsSecretProvider.POSTGRES_PASSWORD)));
    }

    ApprovedGates approvals() {
        return new ApprovedGates(approvedGates, approver);
    }

    Map<String, String> credentialIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(CredentialsSecretProvider.PRIME_API_KEY, credentialsId);
        ids.put(CredentialsSecretProvider.POSTGRES_PASSWORD, postgresCredentialsId);
        ids.putAll(StepFields.secretCredentials(secretCredentials));
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
            CredentialsSecretProvider secrets = CredentialsSecretProvider.resolve(run.build(), step.credentialIds(),
                    run.masker());
            ApprovedGates approvals = step.approvals();
            RunbookCalls.checkApprovalsAgainstPlan(run, step.plan, approvals);
            RollbackRequest request = RollbackRequest.builder().runId(step.runId).plan(step.plan)
                    .valuesFile(step.valuesFile).settings(step.settings).reason(step.reason).dryRun(step.dryRun)
                    .startedBy(RunbookCalls.startedBy(run)).overrides(step.overrides()).build();
            RunbookResult result = new RollbackRunbook(RunbookCalls.ports(DescriptorImpl.FUNCTION, run, secrets,
                    approvals, clock())).run(request);
            return RunbookCalls.finish(DescriptorImpl.FUNCTION, result, step.propagate, approvals, run.log());
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

        @POST
        public FormValidation doCheckSettings(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("settings", value));
        }

        @POST
        public FormValidation doCheckValuesFile(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("valuesFile", value));
        }

        @POST
        public FormValidation doCheckSecretCredentials(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithSecretCredentials("secretCredentials",
                    StepFields.splitList(value), List.of(CredentialsSecretProvider.PRIME_API_KEY,
                            CredentialsSecretProvider.POSTGRES_PASSWORD)));
        }

        @POST
        public FormValidation doCheckRunId(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithRunId("runId", value));
        }
    }
}
