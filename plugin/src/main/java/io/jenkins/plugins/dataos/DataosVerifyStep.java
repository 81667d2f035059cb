package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
 * {@code dataosVerify}: post-upgrade validation or post-rollback verification (component, data-integrity and
 * inter-layer checks from a checks file). Writes JUnit XML for the {@code junit} step and a Markdown summary;
 * failed checks mark the build UNSTABLE ({@code failOn: 'unstable'}) or fail the step ({@code failOn: 'failure'},
 * the default).
 */
public class DataosVerifyStep extends Step {

    static final List<String> FAIL_ON = List.of("failure", "unstable");
    static final String DEFAULT_FAIL_ON = "failure";
    static final String DEFAULT_JUNIT_FILE = "dataos-upgrade/verify/junit.xml";
    static final String DEFAULT_REPORT_DIR = "dataos-upgrade/verify";
    static final int DEFAULT_TIMEOUT_MINUTES = 15;
    static final List<String> PURPOSES = List.of("postUpgrade", "postRollback");
    static final String DEFAULT_PURPOSE = "postUpgrade";
    static final String JSON_FILE = "verification.json";
    static final String MARKDOWN_FILE = "verification.md";

    private final String checks;
    private String failOn = DEFAULT_FAIL_ON;
    private String junitFile = DEFAULT_JUNIT_FILE;
    private String reportDir = DEFAULT_REPORT_DIR;
    private String credentialsId;
    private String postgresCredentialsId;
    private List<SecretCredential> secrets = List.of();
    private String purpose = DEFAULT_PURPOSE;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private String settings;

    @DataBoundConstructor
    public DataosVerifyStep(String checks) {
        this.checks = StepFields.text(checks);
    }

    public String getChecks() {
        return checks;
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        String f = StepFields.text(failOn);
        this.failOn = f == null ? DEFAULT_FAIL_ON : f;
    }

    public String getJunitFile() {
        return junitFile;
    }

    @DataBoundSetter
    public void setJunitFile(String junitFile) {
        String f = StepFields.text(junitFile);
        this.junitFile = f == null ? DEFAULT_JUNIT_FILE : f;
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        String d = StepFields.text(reportDir);
        this.reportDir = d == null ? DEFAULT_REPORT_DIR : d;
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

    public List<SecretCredential> getSecrets() {
        return secrets;
    }

    /** The other secrets the settings and checks files name, each from a "Secret text" credential. */
    @DataBoundSetter
    public void setSecrets(List<SecretCredential> secrets) {
        this.secrets = secrets == null ? List.of() : List.copyOf(new ArrayList<>(secrets));
    }

    public String getPurpose() {
        return purpose;
    }

    @DataBoundSetter
    public void setPurpose(String purpose) {
        String p = StepFields.text(purpose);
        this.purpose = p == null ? DEFAULT_PURPOSE : p;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    void validate() throws AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("checks", checks, "the workspace path of the checks file"),
                StepFields.problemWithPath("checks", checks),
                StepFields.problemWithChoice("failOn", failOn, FAIL_ON),
                StepFields.problemWithPath("junitFile", junitFile),
                StepFields.problemWithPath("reportDir", reportDir),
                StepFields.problemWithChoice("purpose", purpose, PURPOSES),
                timeoutMinutes > 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes),
                StepFields.problemWithPath("settings", settings),
                StepFields.problemWithSecrets("secrets", secrets,
                        List.of(StepCredentials.PRIME_API_KEY, StepCredentials.POSTGRES_PASSWORD)));
    }

    public String getSettings() {
        return settings;
    }

    /** The runbook settings file (kubectl, helm, the database the checks use); default dataos-upgrade.yaml. */
    @DataBoundSetter
    public void setSettings(String settings) {
        this.settings = StepFields.text(settings);
    }

    /** The engine's {@code verify} command for these arguments; refuses bad ones before anything starts. */
    EngineInvocation invocation() throws AbortException {
        validate();
        return EngineInvocation.of(DescriptorImpl.FUNCTION, "verify")
                .option("checks", "--checks", checks)
                .option("purpose", "--purpose", purpose)
                .option("reportDir", "--out", reportDir)
                .option("junitFile", "--junit", junitFile)
                .option("timeoutMinutes", "--timeout-minutes", timeoutMinutes)
                .option("settings", "--settings", settings)
                .credentials(credentialsId, postgresCredentialsId, secrets)
                .outcome(EngineInvocation.Outcome.VERIFY, true)
                .unstableOnFailure("unstable".equals(failOn))
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new EngineExecution(context, invocation());
    }

    /** Registers {@code dataosVerify} with Pipeline and validates its form in the Snippet Generator. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        static final String FUNCTION = "dataosVerify";

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return Messages.format("DataosVerifyStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // FlowNode: a failed verification with failOn 'unstable' marks its stage with a WarningAction
            Set<Class<?>> context = new HashSet<>(EngineExecution.CONTEXT);
            context.add(FlowNode.class);
            return Collections.unmodifiableSet(context);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdItems.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "credentialsId", value, false);
        }

        @POST
        public ListBoxModel doFillPostgresCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String postgresCredentialsId) {
            return CredentialsIdItems.fill(item, postgresCredentialsId);
        }

        @POST
        public FormValidation doCheckPostgresCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "postgresCredentialsId", value, false);
        }

        @POST
        public FormValidation doCheckPurpose(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithChoice("purpose", value, PURPOSES));
        }


        @POST
        public FormValidation doCheckChecks(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("checks", value, "the workspace path of the checks file"),
                    StepFields.problemWithPath("checks", value)));
        }

        @POST
        public FormValidation doCheckFailOn(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithChoice("failOn", value, FAIL_ON));
        }

        @POST
        public FormValidation doCheckJunitFile(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("junitFile", value));
        }

        @POST
        public FormValidation doCheckReportDir(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("reportDir", value));
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPositive("timeoutMinutes", value));
        }
    }
}
