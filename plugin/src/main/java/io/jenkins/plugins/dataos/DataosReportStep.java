package io.jenkins.plugins.dataos;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
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
 * {@code dataosReport}: the run report or the root-cause-analysis report of a run, built from its journal, as
 * Markdown and JSON in the workspace for {@code archiveArtifacts} or publishing. Returns the report paths.
 */
public class DataosReportStep extends Step {

    static final List<String> KINDS = List.of("run", "rca");
    static final String DEFAULT_KIND = "run";
    static final String DEFAULT_OUTPUT_DIR = "dataos-upgrade/reports";

    private final String journal;
    private String runId;
    private String kind = DEFAULT_KIND;
    private String outputDir = DEFAULT_OUTPUT_DIR;

    @DataBoundConstructor
    public DataosReportStep(String journal) {
        this.journal = StepFields.text(journal);
    }

    public String getJournal() {
        return journal;
    }

    public String getRunId() {
        return runId;
    }

    @DataBoundSetter
    public void setRunId(String runId) {
        this.runId = StepFields.text(runId);
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        String k = StepFields.text(kind);
        this.kind = k == null ? DEFAULT_KIND : k;
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        String d = StepFields.text(outputDir);
        this.outputDir = d == null ? DEFAULT_OUTPUT_DIR : d;
    }

    void validate() throws hudson.AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("journal", journal, "the workspace path of the run's journal"),
                StepFields.problemWithPath("journal", journal),
                StepFields.problemWithChoice("kind", kind, KINDS),
                StepFields.problemWithPath("outputDir", outputDir));
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Reads the journal with the engine's reports and writes the report files. */
    static final class Execution extends DataosExecution {
        private static final long serialVersionUID = 1L;
        private final transient DataosReportStep step;

        Execution(DataosReportStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute(StepRun run) throws Exception {
            step.validate();
            throw notAvailable(DescriptorImpl.FUNCTION, "reporting", "io.dataos.upgrade.report from the journal");
        }
    }

    /** Registers {@code dataosReport} with Pipeline and validates its form in the Snippet Generator. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        static final String FUNCTION = "dataosReport";

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return Messages.format("DataosReportStep.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class, FilePath.class);
        }

        @POST
        public FormValidation doCheckJournal(@QueryParameter String value) {
            return StepFields.form(StepFields.first(
                    StepFields.problemWithRequired("journal", value, "the workspace path of the run's journal"),
                    StepFields.problemWithPath("journal", value)));
        }

        @POST
        public FormValidation doCheckKind(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithChoice("kind", value, KINDS));
        }

        @POST
        public FormValidation doCheckOutputDir(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("outputDir", value));
        }
    }
}
