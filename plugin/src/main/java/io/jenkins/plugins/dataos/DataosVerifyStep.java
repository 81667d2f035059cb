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

    private final String checks;
    private String failOn = DEFAULT_FAIL_ON;
    private String junitFile = DEFAULT_JUNIT_FILE;
    private String reportDir = DEFAULT_REPORT_DIR;
    private String credentialsId;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;

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

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    void validate() throws hudson.AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("checks", checks, "the workspace path of the checks file"),
                StepFields.problemWithPath("checks", checks),
                StepFields.problemWithChoice("failOn", failOn, FAIL_ON),
                StepFields.problemWithPath("junitFile", junitFile),
                StepFields.problemWithPath("reportDir", reportDir),
                timeoutMinutes > 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes));
    }

    Map<String, String> credentialIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("prime-api-key", credentialsId);
        return ids;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Runs the checks with the engine's verification, then sets the build result per {@code failOn}. */
    static final class Execution extends DataosExecution {
        private static final long serialVersionUID = 1L;
        private final transient DataosVerifyStep step;

        Execution(DataosVerifyStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(StepRun run) throws Exception {
            step.validate();
            CredentialsSecretProvider.resolve(run.build(), step.credentialIds(), run.masker());
            throw notAvailable(DescriptorImpl.FUNCTION, "verification", "io.dataos.upgrade.verify checks and reports");
        }
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
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
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
