package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.CheckStatus;
import io.dataos.upgrade.verify.ChecksFile;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationJUnitXml;
import io.dataos.upgrade.verify.VerificationJson;
import io.dataos.upgrade.verify.VerificationMarkdown;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
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
    private List<String> secretCredentials = List.of();
    private String purpose = DEFAULT_PURPOSE;
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

    public String getPostgresCredentialsId() {
        return postgresCredentialsId;
    }

    @DataBoundSetter
    public void setPostgresCredentialsId(String postgresCredentialsId) {
        this.postgresCredentialsId = StepFields.text(postgresCredentialsId);
    }

    public List<String> getSecretCredentials() {
        return secretCredentials;
    }

    /** {@code 'secret-name=credentials-id'} pairs: the other secrets the checks file names. */
    @DataBoundSetter
    public void setSecretCredentials(List<String> secretCredentials) {
        this.secretCredentials = secretCredentials == null ? List.of() : List.copyOf(new ArrayList<>(secretCredentials));
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

    void validate() throws hudson.AbortException {
        StepFields.requireAll(
                StepFields.problemWithRequired("checks", checks, "the workspace path of the checks file"),
                StepFields.problemWithPath("checks", checks),
                StepFields.problemWithChoice("failOn", failOn, FAIL_ON),
                StepFields.problemWithPath("junitFile", junitFile),
                StepFields.problemWithPath("reportDir", reportDir),
                StepFields.problemWithChoice("purpose", purpose, PURPOSES),
                timeoutMinutes > 0 ? null : Messages.format("Field.Positive", "timeoutMinutes", timeoutMinutes),
                StepFields.problemWithSecretCredentials("secretCredentials", secretCredentials,
                        List.of(CredentialsSecretProvider.PRIME_API_KEY,
                                CredentialsSecretProvider.POSTGRES_PASSWORD)));
    }

    /** The secret names the checks may ask for, mapped to the credential ids given to this step. */
    Map<String, String> credentialIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(CredentialsSecretProvider.PRIME_API_KEY, credentialsId);
        ids.put(CredentialsSecretProvider.POSTGRES_PASSWORD, postgresCredentialsId);
        ids.putAll(StepFields.secretCredentials(secretCredentials));
        return ids;
    }

    VerificationPurpose verificationPurpose() {
        return "postRollback".equals(purpose) ? VerificationPurpose.POST_ROLLBACK : VerificationPurpose.POST_UPGRADE;
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
            CredentialsSecretProvider secrets = CredentialsSecretProvider.resolve(run.build(), step.credentialIds(),
                    run.masker());
            ChecksFile file = ChecksFile.parse(step.checks, run.read("checks", step.checks));
            FilePathWorkspace workspace = run.workspace();
            PrintStream log = run.log();
            Verification verification = new Verification(run.commandRunner(), secrets, workspace)
                    .log(line -> log.println(DescriptorImpl.FUNCTION + ": " + line)).clock(clock());
            VerificationReport report = runWithin(verification, step.verificationPurpose(), file,
                    Duration.ofMinutes(step.timeoutMinutes));

            // the files first: the junit step and the reports need them even when the build fails below
            String jsonPath = step.reportDir + "/" + JSON_FILE;
            String markdownPath = step.reportDir + "/" + MARKDOWN_FILE;
            workspace.write(jsonPath, bytes(VerificationJson.render(report)));
            workspace.write(markdownPath, bytes(VerificationMarkdown.render(report)));
            workspace.write(step.junitFile, bytes(VerificationJUnitXml.render(report)));

            long passed = report.count(CheckStatus.PASSED);
            long failed = report.count(CheckStatus.FAILED);
            long errors = report.count(CheckStatus.ERROR);
            long skipped = report.count(CheckStatus.SKIPPED);
            String counts = report.purpose().title() + ": " + passed + " passed, " + failed + " failed, " + errors
                    + " could not be carried out, " + skipped + " skipped (" + step.checks + ")";
            log.println(DescriptorImpl.FUNCTION + ": " + counts + "; JUnit XML " + step.junitFile + ", summary "
                    + markdownPath);
            String buildResult = "SUCCESS";
            if (!report.passed()) {
                String problems = report.problems().stream().map(r -> r.name() + " (" + r.status() + ": " + r.message()
                        + ")").collect(Collectors.joining("; "));
                if (!"unstable".equals(step.failOn)) {
                    throw new AbortException(Messages.format("Verify.Failed", counts, problems, step.junitFile));
                }
                getContext().setResult(Result.UNSTABLE);
                buildResult = "UNSTABLE";
                log.println(DescriptorImpl.FUNCTION + ": " + Messages.format("Verify.Unstable", problems));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("purpose", step.purpose);
            result.put("passed", passed);
            result.put("failed", failed);
            result.put("errors", errors);
            result.put("skipped", skipped);
            result.put("total", (long) report.results().size());
            result.put("ok", report.passed());
            result.put("buildResult", buildResult);
            result.put("rollbackRecommended", report.shouldRollBack());
            result.put("rollbackReason", report.rollbackReason().orElse(""));
            result.put("failedChecks", checks(report.problems()));
            result.put("checks", checks(report.results()));
            result.put("junit", step.junitFile);
            result.put("markdown", markdownPath);
            result.put("json", jsonPath);
            return result;
        }

        /**
         * Runs the verification, stopping it (its checks are interrupted, their processes killed) when it takes
         * longer than {@code limit} in all.
         */
        private static VerificationReport runWithin(Verification verification, VerificationPurpose purpose,
                ChecksFile file, Duration limit) throws Exception {
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dataosVerify");
                t.setDaemon(true);
                return t;
            });
            // a failed post-upgrade validation recommends the rollback; the Jenkinsfile decides whether to run it
            Future<VerificationReport> running = thread.submit(() -> verification.run(purpose, file, true));
            try {
                return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException late) {
                running.cancel(true);
                throw new AbortException(Messages.format("Verify.Timeout", limit.toMinutes()));
            } catch (InterruptedException stopped) {
                running.cancel(true);
                throw stopped;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            } finally {
                thread.shutdownNow();
            }
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private static List<Map<String, Object>> checks(List<CheckResult> results) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (CheckResult r : results) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", r.name());
                c.put("type", r.type().name());
                c.put("layer", r.layer() == null ? null : r.layer().name());
                c.put("status", r.status().name());
                c.put("critical", r.critical());
                c.put("message", r.message());
                list.add(c);
            }
            return list;
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
        public FormValidation doCheckSecretCredentials(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithSecretCredentials("secretCredentials",
                    StepFields.splitList(value), List.of(CredentialsSecretProvider.PRIME_API_KEY,
                            CredentialsSecretProvider.POSTGRES_PASSWORD)));
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
