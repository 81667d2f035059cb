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
import io.dataos.upgrade.runbook.RunbookResult;
import io.dataos.upgrade.runbook.SettingsOverrides;
import io.dataos.upgrade.runbook.UpgradeRequest;
import io.dataos.upgrade.runbook.UpgradeRunbook;
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
    private List<String> approvedGates = List.of();
    private String approver;
    private String runId;
    private String settings;
    private boolean propagate = true;
    private List<String> secretCredentials = List.of();

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

    /** The helm and state settings this step sets explicitly; the rest comes from the settings file. */
    SettingsOverrides overrides() {
        return new SettingsOverrides(releaseName, namespace, chart, timeoutMinutes > 0 ? timeoutMinutes : null,
                stateDir, null);
    }

    void validate() throws hudson.AbortException {
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
                StepFields.problemWithPath("stateDir", stateDir),
                timeoutMinutes >= 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes),
                StepFields.problemWithGateIds("approvedGates", approvedGates),
                StepFields.problemWithPath("settings", settings),
                runId == null ? null : StepFields.problemWithRunId("runId", runId),
                StepFields.problemWithSecretCredentials("secretCredentials", secretCredentials,
                        List.of(CredentialsSecretProvider.PRIME_API_KEY, CredentialsSecretProvider.POSTGRES_PASSWORD)),
                StepFields.problemWithWindow("maintenanceWindow", maintenanceWindow));
    }

    /** The secret names the engine asks for, mapped to the credential ids given to this step. */
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

    /**
     * Resolves the credentials and checks the approvals against the reviewed plan, then hands the run to the
     * engine's {@link UpgradeRunbook} (which refuses to start outside the maintenance window unless forced).
     */
    static final class Execution extends DataosExecution {
        private static final long serialVersionUID = 1L;
        private final transient DataosUpgradeStep step;

        Execution(DataosUpgradeStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(StepRun run) throws Exception {
            step.validate();
            CredentialsSecretProvider secrets = CredentialsSecretProvider.resolve(run.build(), step.credentialIds(),
                    run.masker());
            ApprovedGates approvals = new ApprovedGates(step.approvedGates, step.approver);
            RunbookCalls.checkApprovalsAgainstPlan(run, step.plan, approvals);
            UpgradeRequest request = UpgradeRequest.builder().runId(step.runId).installed(step.installed)
                    .release(step.release).valuesFile(step.valuesFile).settings(step.settings).plan(step.plan)
                    .maintenanceWindow(step.maintenanceWindow).dryRun(step.dryRun).autoRollback(step.autoRollback)
                    .force(step.force).backup(step.backup).startedBy(RunbookCalls.startedBy(run))
                    .overrides(step.overrides()).build();
            RunbookResult result = new UpgradeRunbook(RunbookCalls.ports(DescriptorImpl.FUNCTION, run, secrets,
                    approvals, clock())).run(request);
            return RunbookCalls.finish(DescriptorImpl.FUNCTION, result, step.propagate, approvals, run.log());
        }
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
        public FormValidation doCheckSecretCredentials(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithSecretCredentials("secretCredentials",
                    StepFields.splitList(value), List.of(CredentialsSecretProvider.PRIME_API_KEY,
                            CredentialsSecretProvider.POSTGRES_PASSWORD)));
        }

        @POST
        public FormValidation doCheckRunId(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithRunId("runId", value));
        }

        @POST
        public FormValidation doCheckMaintenanceWindow(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithWindow("maintenanceWindow", value));
        }

        @POST
        public FormValidation doCheckApprovedGates(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithGateIds("approvedGates", StepFields.splitList(value)));
        }
    }
}
