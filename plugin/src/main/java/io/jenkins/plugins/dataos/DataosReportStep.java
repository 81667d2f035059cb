package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import java.util.ArrayList;
import java.util.List;
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
    /** Beside the reports the upgrade and rollback runs write themselves: {@code <this>/<runId>}. */
    static final String DEFAULT_REPORTS_DIR = "dataos-upgrade/reports";
    /** Where the executor's verification actions keep their results, per run and action. */

    private final String journal;
    private String runId;
    private String kind = DEFAULT_KIND;
    private String outputDir;
    private List<String> verifications;
    private String instance;
    private String stateDir;

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
        this.outputDir = StepFields.text(outputDir);
    }

    public List<String> getVerifications() {
        return verifications;
    }

    /** Workspace paths of {@code verification.json} files to include; null: the ones the run kept. */
    @DataBoundSetter
    public void setVerifications(List<String> verifications) {
        this.verifications = verifications == null ? null : List.copyOf(new ArrayList<>(verifications));
    }

    public String getInstance() {
        return instance;
    }

    @DataBoundSetter
    public void setInstance(String instance) {
        this.instance = StepFields.text(instance);
    }

    void validate() throws AbortException {
        StepFields.requireAll(
                journal == null && runId == null ? Messages.format("Field.Required", "journal or runId",
                        "the run's id (runId, as dataosUpgrade or dataosRollback returned it) or its journal file") : null,
                StepFields.problemWithPath("journal", journal),
                StepFields.problemWithChoice("kind", kind, KINDS),
                StepFields.problemWithPath("outputDir", outputDir),
                runId == null ? null : StepFields.problemWithRunId("runId", runId),
                StepFields.problemWithPaths("verifications", verifications),
                StepFields.problemWithStateDir("stateDir", stateDir));
    }

    public String getStateDir() {
        return stateDir;
    }

    /** The state folder the run's journal is in, as dataosUpgrade and dataosRollback were given it. */
    @DataBoundSetter
    public void setStateDir(String stateDir) {
        this.stateDir = StepFields.text(stateDir);
    }

    /** The engine's {@code report} command for these arguments; refuses bad ones before anything starts. */
    EngineInvocation invocation() throws AbortException {
        validate();
        return EngineInvocation.of(DescriptorImpl.FUNCTION, "report")
                .option("journal", "--journal", journal)
                .option("runId", "--run-id", runId)
                .option("kind", "--kind", kind)
                .option("outputDir", "--out", outputDir)
                .repeated("verifications", "--verification", verifications)
                .option("instance", "--instance", instance)
                .stateDir(stateDir)
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new EngineExecution(context, invocation());
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
            return EngineExecution.CONTEXT;
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
        public FormValidation doCheckRunId(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithRunId("runId", value));
        }

        @POST
        public FormValidation doCheckVerifications(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPaths("verifications", StepFields.splitList(value)));
        }

        @POST
        public FormValidation doCheckOutputDir(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithPath("outputDir", value));
        }
    }
}
