package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
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
 * {@code dataosPlan}: the reviewable plan of an upgrade (the runbook's five phases) or a rollback (top-down
 * through User Space, Core Kernel and Cloud Kernel), with its risk and announcement, written into the workspace
 * as JSON and Markdown. Returns the summary and the approval gates, so the Jenkinsfile can put an {@code input}
 * with a {@code submitter} before each.
 */
public class DataosPlanStep extends Step {

    static final List<String> TYPES = List.of("upgrade", "rollback");
    static final String DEFAULT_OUTPUT_DIR = "dataos-upgrade/plan";
    static final String PLAN_JSON = "plan.json";
    static final String PLAN_MARKDOWN = "plan.md";

    private final String type;
    private final String installed;
    private String release;
    private String target;
    private String outputDir = DEFAULT_OUTPUT_DIR;
    private String maintenanceWindow;
    private String windowPrometheus;
    private String windowGrafanaDatasource;
    private String windowQuery;
    private String windowLookback;
    private String windowDuration;
    private String windowZone;
    private String windowTokenCredentialsId;
    /** The name under which the window token reaches the engine (environment variable WINDOW_TOKEN). */
    static final String WINDOW_TOKEN = "window-token";

    @DataBoundConstructor
    public DataosPlanStep(String type, String installed) {
        this.type = StepFields.text(type);
        this.installed = StepFields.text(installed);
    }

    public String getType() {
        return type;
    }

    public String getInstalled() {
        return installed;
    }

    public String getRelease() {
        return release;
    }

    @DataBoundSetter
    public void setRelease(String release) {
        this.release = StepFields.text(release);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = StepFields.text(target);
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        String dir = StepFields.text(outputDir);
        this.outputDir = dir == null ? DEFAULT_OUTPUT_DIR : dir;
    }

    public String getMaintenanceWindow() {
        return maintenanceWindow;
    }

    @DataBoundSetter
    public void setMaintenanceWindow(String maintenanceWindow) {
        this.maintenanceWindow = StepFields.text(maintenanceWindow);
    }

    public String getWindowPrometheus() {
        return windowPrometheus;
    }

    @DataBoundSetter
    public void setWindowPrometheus(String windowPrometheus) {
        this.windowPrometheus = StepFields.text(windowPrometheus);
    }

    public String getWindowGrafanaDatasource() {
        return windowGrafanaDatasource;
    }

    @DataBoundSetter
    public void setWindowGrafanaDatasource(String windowGrafanaDatasource) {
        this.windowGrafanaDatasource = StepFields.text(windowGrafanaDatasource);
    }

    public String getWindowQuery() {
        return windowQuery;
    }

    @DataBoundSetter
    public void setWindowQuery(String windowQuery) {
        this.windowQuery = StepFields.text(windowQuery);
    }

    public String getWindowLookback() {
        return windowLookback;
    }

    @DataBoundSetter
    public void setWindowLookback(String windowLookback) {
        this.windowLookback = StepFields.text(windowLookback);
    }

    public String getWindowDuration() {
        return windowDuration;
    }

    @DataBoundSetter
    public void setWindowDuration(String windowDuration) {
        this.windowDuration = StepFields.text(windowDuration);
    }

    public String getWindowZone() {
        return windowZone;
    }

    @DataBoundSetter
    public void setWindowZone(String windowZone) {
        this.windowZone = StepFields.text(windowZone);
    }

    public String getWindowTokenCredentialsId() {
        return windowTokenCredentialsId;
    }

    /** A Secret text credential sent as bearer token to {@code windowPrometheus} (a Grafana service account token). */
    @DataBoundSetter
    public void setWindowTokenCredentialsId(String windowTokenCredentialsId) {
        this.windowTokenCredentialsId = StepFields.text(windowTokenCredentialsId);
    }

    /** Every argument problem, first one first; nothing has run yet. */
    void validate() throws AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("type", type, "'upgrade' or 'rollback'"),
                StepFields.problemWithChoice("type", type, TYPES),
                StepFields.problemWithRequired("installed", installed,
                        "the workspace path of the installed release manifest"),
                StepFields.problemWithPath("installed", installed),
                "upgrade".equals(type) ? StepFields.problemWithRequired("release", release,
                        "the workspace path of the release manifest to upgrade to") : null,
                "rollback".equals(type) ? StepFields.problemWithRequired("target", target,
                        "the workspace path of the release manifest to roll back to") : null,
                StepFields.problemWithPath("release", release),
                StepFields.problemWithPath("target", target),
                StepFields.problemWithPath("outputDir", outputDir),
                windowPrometheus == null ? null : StepFields.problemWithRequired("windowQuery", windowQuery,
                        "the PromQL query whose value is the platform's traffic, e.g."
                                + " sum(rate(http_requests_total[5m]))"),
                windowTokenCredentialsId == null || windowPrometheus != null ? null
                        : "windowTokenCredentialsId is the token for windowPrometheus: set windowPrometheus too, or"
                                + " leave the token out");
    }

    /** The engine's {@code plan upgrade|rollback} command; refuses bad arguments before anything starts. */
    EngineInvocation invocation() throws AbortException {
        validate();
        return EngineInvocation.of(DescriptorImpl.FUNCTION, "plan", type)
                .option("installed", "--installed", installed)
                .option("release", "--release", "upgrade".equals(type) ? release : null)
                .option("target", "--target", "rollback".equals(type) ? target : null)
                .option("maintenanceWindow", "--window", maintenanceWindow)
                .option("windowPrometheus", "--window-prometheus", "upgrade".equals(type) ? windowPrometheus : null)
                .option("windowGrafanaDatasource", "--window-grafana-datasource", windowGrafanaDatasource)
                .option("windowQuery", "--window-query", windowQuery)
                .option("windowLookback", "--window-lookback", windowLookback)
                .option("windowDuration", "--window-duration", windowDuration)
                .option("windowZone", "--window-zone", windowZone)
                .option("windowTokenCredentialsId", "--window-token-secret",
                        windowTokenCredentialsId == null ? null : WINDOW_TOKEN)
                .secret(WINDOW_TOKEN, windowTokenCredentialsId)
                .option("outputDir", "--out-dir", outputDir)
                .inWorkspaceDirectory()
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new EngineExecution(context, invocation());
    }

    /** Registers {@code dataosPlan} with Pipeline and validates its form in the Snippet Generator. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        static final String FUNCTION = "dataosPlan";

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return Messages.format("DataosPlanStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return EngineExecution.CONTEXT;
        }

        @POST
        public ListBoxModel doFillWindowTokenCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String windowTokenCredentialsId) {
            return CredentialsIdItems.fill(item, windowTokenCredentialsId);
        }

        @POST
        public FormValidation doCheckWindowTokenCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "windowTokenCredentialsId", value, false);
        }

        @POST
        public FormValidation doCheckType(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("type", value, "'upgrade' or 'rollback'"),
                    StepFields.problemWithChoice("type", value, TYPES)));
        }

        @POST
        public FormValidation doCheckInstalled(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("installed", value, "the workspace path of the installed release manifest"),
                    StepFields.problemWithPath("installed", value)));
        }

        @POST
        public FormValidation doCheckRelease(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("release", value));
        }

        @POST
        public FormValidation doCheckTarget(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("target", value));
        }

        @POST
        public FormValidation doCheckOutputDir(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("outputDir", value));
        }
    }
}
