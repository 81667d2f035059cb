package io.jenkins.plugins.dataos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.report.JournalRunRecords;
import io.dataos.upgrade.report.RunRecord;
import io.dataos.upgrade.report.RunReports;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunHistory;
import io.dataos.upgrade.text.TextDocument;
import io.dataos.upgrade.verify.VerificationJson;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.verify.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    /** Beside the reports the upgrade and rollback runs write themselves: {@code <this>/<runId>}. */
    static final String DEFAULT_REPORTS_DIR = "dataos-upgrade/reports";
    /** Where the executor's verification actions keep their results, per run and action. */
    static final String KEPT_RUNS_DIR = "dataos-upgrade/runs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String journal;
    private String runId;
    private String kind = DEFAULT_KIND;
    private String outputDir;
    private List<String> verifications;
    private String instance;

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

    void validate() throws hudson.AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("journal", journal, "the workspace path of the run's journal"),
                StepFields.problemWithPath("journal", journal),
                StepFields.problemWithChoice("kind", kind, KINDS),
                StepFields.problemWithPath("outputDir", outputDir),
                runId == null ? null : StepFields.problemWithRunId("runId", runId),
                StepFields.problemWithPaths("verifications", verifications));
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
            FilePathWorkspace workspace = run.workspace();
            byte[] journal = run.read("journal", step.journal);
            String runId = step.runId != null ? step.runId : runIdOf(step.journal, journal);
            RunHistory history = JournalReader.parse(step.journal, runId, journal);
            if (history.isEmpty()) {
                throw new AbortException(Messages.format("Report.EmptyJournal", step.journal, runId));
            }
            List<String> files = step.verifications != null ? step.verifications : keptVerifications(workspace, runId);
            List<VerificationReport> verifications = new ArrayList<>();
            List<String> read = new ArrayList<>();
            for (String file : files) {
                if (workspace.exists(file)) {
                    verifications.add(VerificationJson.parse(file, new String(workspace.read(file),
                            StandardCharsets.UTF_8)));
                    read.add(file);
                } else if (step.verifications != null) {
                    throw new InvalidInputException(file, "(file)", "does not exist in the workspace (given in"
                            + " verifications): check the path, e.g. the json path dataosVerify returned");
                }
            }
            RunRecord record = JournalRunRecords.from(history, step.instance, verifications, null);
            boolean rca = "rca".equals(step.kind);
            TextDocument report = rca ? RunReports.rootCauseReport(record) : RunReports.runReport(record);
            String dir = step.outputDir != null ? step.outputDir : DEFAULT_REPORTS_DIR + "/" + runId;
            String base = dir + "/" + (rca ? RunReports.RCA_REPORT : RunReports.RUN_REPORT);
            String markdownPath = base + ".md";
            String htmlPath = base + ".html";
            // the journal masked its secrets when it was written; mask again with any this build resolved
            workspace.write(markdownPath, run.masker().mask(report.toMarkdown()).getBytes(StandardCharsets.UTF_8));
            workspace.write(htmlPath, run.masker().mask(report.toHtml()).getBytes(StandardCharsets.UTF_8));
            run.log().println(DescriptorImpl.FUNCTION + ": " + (rca ? "root-cause-analysis" : "run") + " report of "
                    + record.kind().name().toLowerCase(Locale.ROOT) + " run '" + runId + "' ("
                    + record.outcome() + ", " + record.failedChecks().size() + " failed check(s)) written to "
                    + markdownPath + " and " + htmlPath);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("runId", runId);
            result.put("kind", step.kind);
            result.put("runKind", record.kind().name());
            result.put("outcome", record.outcome());
            result.put("actions", record.actions().size());
            result.put("approvals", record.approvals().size());
            result.put("failedChecks", record.failedChecks().size());
            result.put("verifications", read);
            result.put("markdown", markdownPath);
            result.put("html", htmlPath);
            result.put("files", List.of(markdownPath, htmlPath));
            return result;
        }

        /** The run a journal belongs to: every line names it, so the first readable line says. */
        static String runIdOf(String path, byte[] journal) {
            for (String line : new String(journal, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode runId = JSON.readTree(line).get("runId");
                    if (runId != null && runId.isTextual()) {
                        return runId.asText();
                    }
                } catch (JsonProcessingException notAnEvent) {
                    // JournalReader.parse names the bad line below
                }
                break;
            }
            throw new InvalidInputException(path, "line 1.runId", "the journal does not start with an event naming its"
                    + " run: give the journal file the upgrade or rollback step returned (journal), or set runId");
        }

        /** The verification results the run kept, {@code dataos-upgrade/runs/<runId>/<action>/verification.json}. */
        private static List<String> keptVerifications(FilePathWorkspace workspace, String runId)
                throws IOException, InterruptedException {
            String dir = KEPT_RUNS_DIR + "/" + runId;
            List<String> files = new ArrayList<>();
            for (String action : workspace.list(dir)) {
                String file = dir + "/" + action + "/" + VerificationOutputs.JSON;
                if (workspace.exists(file)) {
                    files.add(file);
                }
            }
            return files;
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
