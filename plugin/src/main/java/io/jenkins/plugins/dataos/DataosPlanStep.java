package io.jenkins.plugins.dataos;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanMarkdown;
import io.dataos.upgrade.plan.RequiredApproval;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.plan.UpgradePlanner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
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

    /** Every argument problem, first one first; nothing has run yet. */
    void validate() throws hudson.AbortException {
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
                StepFields.problemWithWindow("maintenanceWindow", maintenanceWindow));
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Builds the plan with the engine's planners, over the agent's workspace. */
    static final class Execution extends DataosExecution {
        private static final long serialVersionUID = 1L;
        private final transient DataosPlanStep step;

        Execution(DataosPlanStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(StepRun run) throws Exception {
            step.validate();
            Instant now = clock().instant();
            MaintenanceWindow window = step.maintenanceWindow == null ? null
                    : MaintenanceWindow.parse(step.maintenanceWindow, now, DescriptorImpl.FUNCTION, "maintenanceWindow");
            PlatformState installed = Manifests.readPlatformState(run.read("installed", step.installed), step.installed);
            Plan plan;
            if ("upgrade".equals(step.type)) {
                Release release = Manifests.readRelease(run.read("release", step.release), step.release);
                plan = new UpgradePlanner(clock()).plan(installed, release, window);
            } else {
                PlatformManifest target = Manifests.read(run.read("target", step.target), step.target);
                plan = new RollbackPlanner().plan(installed, target);
            }
            // both renderings before either file, so a plan that cannot be rendered leaves nothing behind
            byte[] json = PlanJson.write(plan);
            byte[] markdown = PlanMarkdown.render(plan).getBytes(StandardCharsets.UTF_8);
            String jsonPath = step.outputDir + "/" + PLAN_JSON;
            String markdownPath = step.outputDir + "/" + PLAN_MARKDOWN;
            FilePathWorkspace workspace = run.workspace();
            workspace.write(jsonPath, json);
            workspace.write(markdownPath, markdown);

            List<Map<String, Object>> gates = gates(plan);
            run.log().println(DescriptorImpl.FUNCTION + ": " + step.type + " plan " + plan.id() + " ("
                    + plan.fromVersion() + " -> " + plan.toVersion() + "): " + plan.actions().size() + " action(s), risk "
                    + plan.risk().level() + ", " + gates.size() + " gate(s); written to " + jsonPath + " and "
                    + markdownPath);
            if (!plan.message().isEmpty()) {
                run.log().println(DescriptorImpl.FUNCTION + ": " + plan.message());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", step.type);
            result.put("planId", plan.id());
            result.put("summary", plan.message());
            result.put("empty", plan.isEmpty());
            result.put("fromVersion", plan.fromVersion());
            result.put("toVersion", plan.toVersion());
            result.put("risk", plan.risk().level().name());
            result.put("riskReasons", plan.risk().reasons());
            result.put("estimatedDowntimeMinutes", plan.risk().estimatedDowntime().toMinutes());
            result.put("actions", plan.actions().size());
            result.put("gates", gates);
            result.put("maintenanceWindow", window == null ? null : window.spec());
            result.put("planJson", jsonPath);
            result.put("planMarkdown", markdownPath);
            return result;
        }

        /** The plan's gates in plan order, with the reason and approvers the risk assessment gives each. */
        private static List<Map<String, Object>> gates(Plan plan) {
            Map<String, RequiredApproval> approvals = new LinkedHashMap<>();
            for (RequiredApproval a : plan.risk().approvals()) {
                approvals.putIfAbsent(a.actionId(), a);
            }
            List<Map<String, Object>> gates = new ArrayList<>();
            for (PlanAction gate : plan.gates()) {
                RequiredApproval approval = approvals.get(gate.id());
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("id", gate.id());
                g.put("reason", approval != null && !approval.reason().isEmpty() ? approval.reason() : gate.description());
                g.put("approvers", approval != null && !approval.approvers().isEmpty() ? approval.approvers()
                        : gate.approvers());
                g.put("kind", gate.kind().name());
                gates.add(g);
            }
            return gates;
        }
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
            return Set.of(TaskListener.class, FilePath.class);
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

        @POST
        public FormValidation doCheckMaintenanceWindow(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithWindow("maintenanceWindow", value));
        }
    }
}
