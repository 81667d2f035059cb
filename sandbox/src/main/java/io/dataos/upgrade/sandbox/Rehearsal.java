package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.run.AutoApprove;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.RunHistory;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.run.RunStatus;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretProvider;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The runbook rehearsed end to end in the sandbox: a baseline release, the upgrade plan run by the
 * real executor (gates auto-approved and journaled as such), a backup kit, the helm upgrade, an
 * injected fault, the rollback plan, verification, and a report. Everything it prints is labelled
 * as a rehearsal; nothing outside its work directory changes.
 */
public final class Rehearsal {

    /** The prefix of every line a rehearsal prints. */
    public static final String LABEL = "[rehearsal] ";
    /** The release, namespace and chart name of the runbook's manager. */
    public static final String RELEASE = ExampleChart.NAME;

    private static final String NS = SandboxKubernetes.MANAGER_NAMESPACE;
    private static final String VALUES_FILE = "values/dataos-manager-values.yaml";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final RehearsalOptions options;
    private final Consumer<String> out;
    private final List<String> timeline = new ArrayList<>();
    private SandboxKubernetes k8s;
    private SandboxHelm helm;

    public Rehearsal(RehearsalOptions options, Consumer<String> out) {
        this.options = options;
        this.out = out;
    }

    /** Prints {@code text} with every line labelled as the rehearsal's, and keeps it for the report's timeline. */
    private void say(String text) {
        for (String line : text.split("\\R")) {
            synchronized (timeline) {
                timeline.add(Instant.now() + "  " + line);
            }
            out.accept(LABEL + line);
        }
    }

    /** Runs the rehearsal; the result says whether the runbook behaved as the injected fault predicts. */
    public RehearsalResult run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path work = options.workDir().toAbsolutePath();
        Files.createDirectories(work);
        say("REHEARSAL in the sandbox (in-process Kubernetes API and Helm; no real cluster is touched)");
        say("scenario: dataos-manager " + options.fromTag() + " -> " + options.toTag() + ", injected fault: "
                + options.fault().option() + ", files in " + work);

        long t = System.nanoTime();
        try (SandboxKubernetes k8s = SandboxKubernetes.start(work.resolve("kube"))) {
            this.k8s = k8s;
            Duration sandboxStart = Duration.ofNanos(System.nanoTime() - t);
            say(String.format("sandbox Kubernetes API up at %s in %d ms (kubeconfig %s)", k8s.apiServer(),
                    sandboxStart.toMillis(), k8s.kubeconfig()));
            ExampleChart.Extracted example = ExampleChart.extractTo(work.resolve("example"));
            LocalWorkspace workspace = new LocalWorkspace(work.resolve("workspace"));
            Files.createDirectories(workspace.root().resolve("values"));
            writeValues(example.valuesFile(), workspace.root().resolve(VALUES_FILE), options.fromTag());

            // A rehearsal-only key: real keys come from credentials and never reach a rehearsal.
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            Secret prime = Secret.of(SandboxActionHandlers.PRIME_API_KEY, "rehearsal-" + HexFormat.of().formatHex(random));
            SecretProvider secrets = name -> SandboxActionHandlers.PRIME_API_KEY.equals(name) ? Optional.of(prime) : Optional.empty();
            SandboxHelm helm = SandboxHelm.forSandbox(k8s, line -> say("helm: " + line));
            this.helm = helm;
            helm.registerSecret(prime);
            say("bundled Helm " + helm.helmVersion() + " loaded in-process");

            ReleaseStatus baseline = helm.upgradeInstall(UpgradeRequest.of(RELEASE, NS, example.chart())
                    .withValuesFile(workspace.root().resolve(VALUES_FILE))
                    .withSecretValue("primeApiKey", prime)
                    .withDescription("Install complete (rehearsal baseline " + options.fromTag() + ")"));
            k8s.rollOut(NS, RELEASE);
            say("baseline: " + RELEASE + " " + options.fromTag() + " is revision " + baseline.revision() + ", rolled out");

            armFault(k8s);

            List<PlanAction> upgradePlan = RehearsalPlans.upgrade(RELEASE, NS, VALUES_FILE, options.fromTag(), options.toTag());
            writePlan(workspace, "plans/upgrade-plan.json", upgradePlan);
            say("upgrade plan: " + upgradePlan.size() + " actions, " + gates(upgradePlan)
                    + " gate(s) auto-approved for the rehearsal (workspace/plans/upgrade-plan.json)");

            ActionHandlers handlers = SandboxActionHandlers.create(k8s, helm, example.chart());
            String upgradeRunId = "rehearsal-upgrade";
            RunRequest upgradeRequest = RunRequest.of(upgradeRunId, "rehearsal-upgrade", upgradePlan)
                    .lockingRelease(RELEASE).by("rehearsal").from("rehearsal upgrade plan");
            t = System.nanoTime();
            RunResult upgrade = executor(workspace, crashAfterUpgrade(handlers), secrets).run(upgradeRequest);
            if (upgrade.status() == RunStatus.INTERRUPTED && options.fault() == RehearsalFault.CRASH_AND_RESUME) {
                Thread.interrupted(); // the injected crash set the flag; this rehearsal goes on
                say("the run stopped right after the helm upgrade (injected crash); resuming run '" + upgradeRunId
                        + "' from its journal");
                upgrade = executor(workspace, handlers, secrets).run(upgradeRequest);
            }
            Duration upgradeTime = Duration.ofNanos(System.nanoTime() - t);
            say("upgrade " + upgrade.status() + (upgrade.failedAction() == null ? ""
                    : " at '" + upgrade.failedAction() + "': " + upgrade.error()));

            RunResult rollback = null;
            Duration rollbackTime = Duration.ZERO;
            boolean changed = "helm-upgrade".equals(upgrade.failedAction()) || "validate".equals(upgrade.failedAction());
            if (upgrade.status() == RunStatus.FAILED && !changed) {
                say("the upgrade stopped before changing the release: nothing to roll back");
            }
            if (upgrade.status() == RunStatus.FAILED && changed) {
                say("the upgrade failed at '" + upgrade.failedAction() + "': rolling back top-down (User Space and"
                        + " Core Kernel have no changes in this rehearsal; the manager release goes back to revision "
                        + baseline.revision() + ")");
                String failedTag = k8s.statefulSet(NS, RELEASE).map(StatefulSetState::imageTag).orElse(options.toTag());
                List<PlanAction> rollbackPlan = RehearsalPlans.rollback(RELEASE, NS, VALUES_FILE, failedTag,
                        options.fromTag(), baseline.revision());
                writePlan(workspace, "plans/rollback-plan.json", rollbackPlan);
                t = System.nanoTime();
                rollback = executor(workspace, handlers, secrets).run(RunRequest.of("rehearsal-rollback",
                        "rehearsal-rollback", rollbackPlan).lockingRelease(RELEASE).by("rehearsal")
                        .from("rehearsal rollback plan"));
                rollbackTime = Duration.ofNanos(System.nanoTime() - t);
                say("rollback " + rollback.status() + (rollback.failedAction() == null ? ""
                        : " at '" + rollback.failedAction() + "': " + rollback.error()));
            }

            ReleaseStatus end = helm.status(RELEASE, NS);
            String endTag = k8s.statefulSet(NS, RELEASE).map(StatefulSetState::imageTag).orElse("(none)");
            boolean expected = expected(upgrade, rollback, endTag);
            List<ReleaseRevision> history = helm.history(RELEASE, NS);
            Duration total = Duration.ofNanos(System.nanoTime() - started);
            say(String.format("end state: revision %d %s, manager runs %s; %s", end.revision(), end.status(), endTag,
                    expected ? "the runbook behaved as expected" : "UNEXPECTED outcome for this fault"));
            Path report = writeReport(workspace, upgrade, rollback, history, endTag, expected, sandboxStart,
                    upgradeTime, rollbackTime, total, helm);
            say("report: " + report + " (journals under workspace/.dataos-upgrade/runs/)");
            return new RehearsalResult(options.fault(), upgrade.status(), upgrade.failedAction(),
                    rollback == null ? null : rollback.status(), end.revision(), endTag, expected, report, work,
                    sandboxStart, upgradeTime, rollbackTime, total);
        }
    }

    private void armFault(SandboxKubernetes k8s) {
        switch (options.fault()) {
            case VALIDATION -> {
                k8s.injectFault(WorkloadFault.rolloutStuck(NS, RELEASE, options.toTag(), "CrashLoopBackOff: dataos-manager "
                        + options.toTag() + " exits at start (injected by the rehearsal)"));
                say("fault armed: pods of " + options.toTag() + " will never become ready");
            }
            case HELM_FAILURE -> {
                k8s.injectFault(WorkloadFault.updateRejected(NS, RELEASE, options.toTag(), "image "
                        + options.toTag() + " is not allowed (injected by the rehearsal)"));
                say("fault armed: the API will refuse the StatefulSet at " + options.toTag() + ", so helm upgrade fails");
            }
            case CRASH_AND_RESUME -> say("fault armed: the run will stop right after the helm upgrade, then resume");
            case NONE -> say("no fault armed: the upgrade should validate");
        }
    }

    /** For CRASH_AND_RESUME: the helm upgrade runs, then the run is cut short once, as if the process died. */
    private ActionHandlers crashAfterUpgrade(ActionHandlers handlers) {
        if (options.fault() != RehearsalFault.CRASH_AND_RESUME) {
            return handlers;
        }
        ActionHandler upgrade = handlers.find(ActionKind.HELM_UPGRADE).orElseThrow();
        AtomicBoolean crashed = new AtomicBoolean();
        ActionHandler crashing = new ActionHandler() {
            @Override
            public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
                ActionOutcome outcome = upgrade.execute(action, context);
                if (outcome.succeeded() && crashed.compareAndSet(false, true)) {
                    throw new InterruptedException("injected crash after the helm upgrade (rehearsal)");
                }
                return outcome;
            }

            @Override
            public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
                return upgrade.isDone(action, context);
            }
        };
        ActionHandlers.Builder builder = ActionHandlers.builder().on(ActionKind.HELM_UPGRADE, crashing);
        for (ActionKind kind : ActionKind.values()) {
            if (kind != ActionKind.HELM_UPGRADE) {
                handlers.find(kind).ifPresent(h -> builder.on(kind, h));
            }
        }
        return builder.build();
    }

    private PlanExecutor executor(LocalWorkspace workspace, ActionHandlers handlers, SecretProvider secrets) {
        // helm command lines of any handler are answered in-process; other programs run for real.
        return PlanExecutor.builder(workspace, new SandboxCommandRunner(k8s, helm, new LocalCommandRunner()), handlers)
                .approvals(new AutoApprove("sandbox rehearsal: gates are approved automatically"))
                .secrets(secrets)
                .log(line -> say(line))
                .parallelism(1)
                .build();
    }

    private boolean expected(RunResult upgrade, RunResult rollback, String endTag) {
        return switch (options.fault()) {
            case NONE, CRASH_AND_RESUME -> upgrade.succeeded() && rollback == null && options.toTag().equals(endTag);
            case VALIDATION -> upgrade.status() == RunStatus.FAILED && "validate".equals(upgrade.failedAction())
                    && rollback != null && rollback.succeeded() && options.fromTag().equals(endTag);
            case HELM_FAILURE -> upgrade.status() == RunStatus.FAILED && "helm-upgrade".equals(upgrade.failedAction())
                    && rollback != null && rollback.succeeded() && options.fromTag().equals(endTag);
        };
    }

    private static void writeValues(Path example, Path target, String tag) throws IOException {
        JsonNode values = YAML.readTree(example.toFile());
        ((ObjectNode) values).withObjectProperty("image").put("tag", tag);
        Files.writeString(target, YAML.writeValueAsString(values), StandardCharsets.UTF_8);
    }

    private static void writePlan(LocalWorkspace workspace, String file, List<PlanAction> plan)
            throws IOException, InterruptedException {
        workspace.mkdirs(file.substring(0, file.lastIndexOf('/')));
        workspace.write(file, JSON.writeValueAsBytes(plan));
    }

    private static long gates(List<PlanAction> plan) {
        return plan.stream().filter(PlanAction::requiresApproval).count();
    }

    private Path writeReport(LocalWorkspace workspace, RunResult upgrade, RunResult rollback,
            List<ReleaseRevision> history, String endTag, boolean expected, Duration sandboxStart,
            Duration upgradeTime, Duration rollbackTime, Duration total, SandboxHelm helm)
            throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# REHEARSAL: DataOS upgrade and rollback in the sandbox\n\n")
                .append("> This is a rehearsal against an in-process Kubernetes API and in-process Helm. No real"
                        + " cluster, database or stakeholder was touched; approvals were automatic.\n\n")
                .append("| | |\n|---|---|\n")
                .append("| Scenario | dataos-manager ").append(options.fromTag()).append(" → ").append(options.toTag())
                .append(" |\n| Injected fault | ").append(options.fault().option())
                .append(" |\n| Upgrade run | ").append(upgrade.status())
                .append(upgrade.failedAction() == null ? "" : " at `" + upgrade.failedAction() + "`")
                .append(" |\n| Rollback run | ").append(rollback == null ? "not needed" : rollback.status().toString())
                .append(" |\n| Manager at the end | ").append(endTag)
                .append(" |\n| Outcome | ").append(expected ? "as the runbook expects for this fault" : "UNEXPECTED")
                .append(" |\n\n");
        md.append("## Root cause analysis\n\n### Issue investigation\n\n");
        if (upgrade.failedAction() != null) {
            md.append("The upgrade stopped at `").append(upgrade.failedAction()).append("`: ")
                    .append(upgrade.error()).append("\n\n");
        } else {
            md.append("The upgrade completed; nothing to investigate.\n\n");
        }
        md.append("Cause: ").append(switch (options.fault()) {
            case VALIDATION -> "the injected fault kept the pods of " + options.toTag() + " from becoming ready.";
            case HELM_FAILURE -> "the injected fault made the API refuse the StatefulSet at " + options.toTag() + ".";
            case CRASH_AND_RESUME -> "the run was cut short after the helm upgrade; the resumed run re-checked the"
                    + " upgrade, found it done and did not repeat it.";
            case NONE -> "none (no fault injected).";
        }).append("\n\n### Documentation\n\nRelease history after the rehearsal:\n\n")
                .append("| Revision | Status | Chart | Description |\n|---|---|---|---|\n");
        for (ReleaseRevision r : history) {
            md.append("| ").append(r.revision()).append(" | ").append(r.status()).append(" | ").append(r.chart())
                    .append(" | ").append(r.description()).append(" |\n");
        }
        md.append("\nActions (journal states):\n\n");
        appendStates(md, workspace, "rehearsal-upgrade", upgrade);
        if (rollback != null) {
            appendStates(md, workspace, "rehearsal-rollback", rollback);
        }
        md.append("\n### Process enhancements\n\n")
                .append("- Keep the validation checks that caught this (rollout status, health endpoint, running image)"
                        + " in the real pipeline's `dataosVerify`.\n")
                .append("- Rehearse each release's upgrade in the sandbox before the maintenance window.\n")
                .append("\n### Stakeholder debrief\n\nIn a real run: Data Product Consumer teams, Data Product"
                        + " Development teams, DataOS Operators / Platform Administrators, other affected teams"
                        + " (e.g. Operations). Not sent: rehearsal.\n\n")
                .append("## Timeline\n\n```\n");
        synchronized (timeline) {
            timeline.forEach(line -> md.append(line).append('\n'));
        }
        md.append("```\n\n## Figures\n\n| What | Time |\n|---|---|\n")
                .append("| sandbox API start | ").append(sandboxStart.toMillis()).append(" ms |\n")
                .append("| upgrade run | ").append(upgradeTime.toMillis()).append(" ms |\n")
                .append("| rollback run | ").append(rollbackTime.toMillis()).append(" ms |\n")
                .append("| whole rehearsal | ").append(total.toMillis()).append(" ms |\n");
        workspace.mkdirs("reports");
        // Belt and braces: the report is built from masked texts; mask once more before it hits the disk.
        workspace.write("reports/rehearsal-report.md", maskAll(helm, md.toString()).getBytes(StandardCharsets.UTF_8));
        return workspace.root().resolve("reports/rehearsal-report.md");
    }

    private static String maskAll(SandboxHelm helm, String text) {
        return helm.masked(text);
    }

    private static void appendStates(StringBuilder md, LocalWorkspace workspace, String runId, RunResult result)
            throws IOException, InterruptedException {
        RunHistory history = JournalReader.read(workspace, runId);
        md.append("- run `").append(runId).append("` (").append(result.status()).append(", ")
                .append(history.attempts()).append(" attempt(s), journal `").append(result.journal()).append("`)\n");
        result.states().forEach((id, state) -> {
            RunHistory.ActionRecord record = history.action(id);
            md.append("  - `").append(id).append("`: ").append(state);
            if (record != null && record.starts() > 1) {
                md.append(", started ").append(record.starts()).append(" times");
            }
            if (record != null && record.approved()) {
                md.append(", approved by ").append(record.approvedBy());
            }
            md.append('\n');
        });
    }
}
