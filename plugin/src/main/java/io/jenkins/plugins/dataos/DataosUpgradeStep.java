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
 * {@code dataosUpgrade}: the runbook's upgrade. Updates the dataos-manager image tag in the values file, with the
 * Prime API key from a "Secret text" credential, runs the pre-checks, takes the backup kit, runs the helm
 * upgrade and validates; on failed validation it rolls back automatically unless {@code autoRollback: false}.
 * Outside the configured maintenance window it refuses to start unless {@code force: true}.
 */
public class DataosUpgradeStep extends Step {


    private final String release;
    private final String valuesFile;
    private final String credentialsId;
    private final String installed;
    private String plan;
    private String maintenanceWindow;
    private boolean force;
    private boolean dryRun;
    private boolean autoRollback = true;
    private boolean backup = true;
    private String postgresCredentialsId;
    private String namespace;
    private String releaseName;
    private String chart;
    private int timeoutMinutes;
    private String stateDir;
    private List<Approval> approvals = List.of();
    private String runId;
    private String markDone;
    private String reason;
    private String settings;
    private boolean propagate = true;
    private List<SecretCredential> secrets = List.of();

    @DataBoundConstructor
    public DataosUpgradeStep(String release, String valuesFile, String credentialsId, String installed) {
        this.release = StepFields.text(release);
        this.valuesFile = StepFields.text(valuesFile);
        this.credentialsId = StepFields.text(credentialsId);
        this.installed = StepFields.text(installed);
    }

    public String getRelease() {
        return release;
    }

    public String getValuesFile() {
        return valuesFile;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getInstalled() {
        return installed;
    }

    public String getPlan() {
        return plan;
    }

    @DataBoundSetter
    public void setPlan(String plan) {
        this.plan = StepFields.text(plan);
    }

    public String getMaintenanceWindow() {
        return maintenanceWindow;
    }

    @DataBoundSetter
    public void setMaintenanceWindow(String maintenanceWindow) {
        this.maintenanceWindow = StepFields.text(maintenanceWindow);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isAutoRollback() {
        return autoRollback;
    }

    @DataBoundSetter
    public void setAutoRollback(boolean autoRollback) {
        this.autoRollback = autoRollback;
    }

    public boolean isBackup() {
        return backup;
    }

    @DataBoundSetter
    public void setBackup(boolean backup) {
        this.backup = backup;
    }

    public String getPostgresCredentialsId() {
        return postgresCredentialsId;
    }

    @DataBoundSetter
    public void setPostgresCredentialsId(String postgresCredentialsId) {
        this.postgresCredentialsId = StepFields.text(postgresCredentialsId);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = StepFields.text(namespace);
    }

    public String getReleaseName() {
        return releaseName;
    }

    @DataBoundSetter
    public void setReleaseName(String releaseName) {
        this.releaseName = StepFields.text(releaseName);
    }

    public String getChart() {
        return chart;
    }

    @DataBoundSetter
    public void setChart(String chart) {
        this.chart = StepFields.text(chart);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getStateDir() {
        return stateDir;
    }

    @DataBoundSetter
    public void setStateDir(String stateDir) {
        this.stateDir = StepFields.text(stateDir);
    }

    public List<Approval> getApprovals() {
        return approvals;
    }

    /** The gates the Jenkinsfile's {@code input} steps approved, each with its approver. */
    @DataBoundSetter
    public void setApprovals(List<Approval> approvals) {
        this.approvals = approvals == null ? List.of() : List.copyOf(new ArrayList<>(approvals));
    }

    public String getRunId() {
        return runId;
    }

    @DataBoundSetter
    public void setRunId(String runId) {
        this.runId = StepFields.text(runId);
    }

    public String getMarkDone() {
        return markDone;
    }

    /** An action of the run done by hand (its id); {@code reason} says why. The run continues after it. */
    @DataBoundSetter
    public void setMarkDone(String markDone) {
        this.markDone = StepFields.text(markDone);
    }

    public String getReason() {
        return reason;
    }

    /** With {@code markDone}: why and how that action was done by hand. */
    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = StepFields.text(reason);
    }

    public String getSettings() {
        return settings;
    }

    @DataBoundSetter
    public void setSettings(String settings) {
        this.settings = StepFields.text(settings);
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
                StepFields.problemWithRequired("release", release, "the workspace path of the release manifest to upgrade to"),
                StepFields.problemWithPath("release", release),
                StepFields.problemWithRequired("valuesFile", valuesFile, "the workspace path of the dataos-manager values file"),
                StepFields.problemWithPath("valuesFile", valuesFile),
                StepFields.problemWithRequired("credentialsId", credentialsId,
                        "the id of the 'Secret text' credential holding the Prime API key"),
                StepFields.problemWithRequired("installed", installed,
                        "the workspace path of the platform state installed now (kind: PlatformState)"),
                StepFields.problemWithPath("installed", installed),
                StepFields.problemWithPath("plan", plan),
                StepFields.problemWithStateDir("stateDir", stateDir),
                timeoutMinutes >= 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes),
                StepFields.problemWithApprovals("approvals", approvals),
                StepFields.problemWithPath("settings", settings),
                runId == null ? null : StepFields.problemWithRunId("runId", runId),
                markDone == null ? null : StepFields.problemWithGateIds("markDone", List.of(markDone)),
                markDone == null || reason != null ? null : Messages.format("Field.Required", "reason",
                        "why and how " + markDone + " was done by hand"),
                markDone != null || reason == null ? null : Messages.format("Field.OnlyWith", "reason", "markDone"),
                StepFields.problemWithSecrets("secrets", secrets,
                        List.of(StepCredentials.PRIME_API_KEY, StepCredentials.POSTGRES_PASSWORD)));
    }

    /** The engine's {@code upgrade} command for these arguments; refuses bad ones before anything starts. */
    EngineInvocation invocation() throws AbortException {
        validate();
        return EngineInvocation.of(DescriptorImpl.FUNCTION, "upgrade")
                .option("installed", "--installed", installed)
                .option("release", "--release", release)
                .option("valuesFile", "--values", valuesFile)
                .option("plan", "--plan", plan)
                .option("settings", "--settings", settings)
                .option("maintenanceWindow", "--window", maintenanceWindow)
                .option("runId", "--run-id", runId)
                .option("markDone", "--mark-done", markDone)
                .option("reason", "--reason", reason)
                .approvals(approvals)
                .flag("dryRun", "--dry-run", dryRun)
                .flag("autoRollback", "--auto-rollback", autoRollback)
                .flag("force", "--force", force)
                .flag("backup", "--no-backup", !backup)
                .option("releaseName", "--release-name", releaseName)
                .option("namespace", "--namespace", namespace)
                .option("chart", "--chart", chart)
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

    /** Registers {@code dataosUpgrade} with Pipeline; lists and checks its credentials in the Snippet Generator. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        static final String FUNCTION = "dataosUpgrade";

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return Messages.format("DataosUpgradeStep.DisplayName");
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
            return CredentialsIdItems.check(item, "credentialsId", value, true);
        }

        @POST
        public FormValidation doCheckPostgresCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "postgresCredentialsId", value, false);
        }

        @POST
        public FormValidation doCheckRelease(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("release", value, "the workspace path of the release manifest to upgrade to"),
                    StepFields.problemWithPath("release", value)));
        }

        @POST
        public FormValidation doCheckValuesFile(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("valuesFile", value, "the workspace path of the dataos-manager values file"),
                    StepFields.problemWithPath("valuesFile", value)));
        }

        @POST
        public FormValidation doCheckInstalled(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("installed", value,
                            "the workspace path of the platform state installed now (kind: PlatformState)"),
                    StepFields.problemWithPath("installed", value)));
        }

        @POST
        public FormValidation doCheckPlan(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("plan", value));
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
        public FormValidation doCheckRunId(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithRunId("runId", value));
        }

    }
}
