package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanMarkdown;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.plan.UpgradePlanner;
import io.dataos.upgrade.report.JournalRunRecords;
import io.dataos.upgrade.report.RunRecord;
import io.dataos.upgrade.report.RunReports;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresConnection;
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
import io.dataos.upgrade.api.SecretProvider;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The runbook rehearsed end to end in the sandbox: a baseline release, the upgrade plan run by the
 * real executor (gates auto-approved and journaled as such), a backup kit with a real PostgreSQL
 * dump, the helm upgrade, an injected fault, the rollback plan (the database really restored from
 * the dump), verification, and a report. Everything it prints is labelled as a rehearsal; nothing
 * outside its work directory changes, except a throw-away PostgreSQL server in a temporary
 * directory, which is stopped and deleted on every way out of {@link #run()}.
 */
public final class Rehearsal {

    /** Starts the PostgreSQL server a rehearsal owns (and stops when it ends). */
    @FunctionalInterface
    public interface ClusterStarter {
        LocalPostgresCluster start() throws IOException, InterruptedException;
    }

    /** The prefix of every line a rehearsal prints. */
    public static final String LABEL = "[rehearsal] ";

    private static final String VALUES_FILE = "values/dataos-manager-values.yaml";
    private static final String STATE_FILE = "state/installed-1.4.yaml";
    private static final String CHECKS_FILE = "checks/sandbox-checks.yaml";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final RehearsalOptions options;
    private final Consumer<String> out;
    private final List<String> timeline = new ArrayList<>();
    private SandboxKubernetes k8s;
    private SandboxHelm helm;
    private String fromTag;
    private SandboxCommandRunner runner;
    private String toTag;
    private final List<Secret> masks = new CopyOnWriteArrayList<>();
    private ClusterStarter starter;
    private LocalPostgresCluster sharedCluster;
    private String sharedDatabase;
    private String postgresVersion;
    private volatile RehearsalDatabase.BadWrites badWrites;

    /** A rehearsal that starts its own PostgreSQL from Debian's binaries and stops it at the end. */
    public Rehearsal(RehearsalOptions options, Consumer<String> out) {
        this.options = options;
        this.out = out;
        this.starter = () -> LocalPostgresCluster.start(new LocalCommandRunner(),
                null); // initdb's chatter is not the rehearsal's; a failure carries the server log
    }

    /** Starts the rehearsal's own PostgreSQL with {@code starter}; still stopped by the rehearsal at the end. */
    public Rehearsal withPostgres(ClusterStarter starter) {
        this.starter = java.util.Objects.requireNonNull(starter);
        this.sharedCluster = null;
        return this;
    }

    /**
     * Uses {@code database} (created afresh) on a running cluster someone else owns and stops, so
     * several rehearsals can share one server (tests).
     */
    public Rehearsal withSharedPostgres(LocalPostgresCluster cluster, String database) {
        this.sharedCluster = java.util.Objects.requireNonNull(cluster);
        this.sharedDatabase = database;
        return this;
    }

    /** Prints {@code text} with every line labelled as the rehearsal's, and keeps it for the report's timeline. */
    private void say(String text) {
        for (String line : Secret.mask(text, masks).split("\\R")) {
            synchronized (timeline) {
                timeline.add(Instant.now() + "  " + line);
            }
            out.accept(LABEL + line);
        }
    }

    /** Runs the rehearsal; the result says whether the runbook behaved as the injected fault predicts. */
    public RehearsalResult run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        if (sharedCluster == null) {
            // Before anything is written: without PostgreSQL the rehearsal does not run (it never skips the database).
            RehearsalDatabase.requireBinaries(LocalPostgresCluster.findBinDir());
        }
        Path work = options.workDir().toAbsolutePath();
        List<String> cleared = RehearsalWorkDirectory.startFresh(work);
        say("REHEARSAL in the sandbox (in-process Kubernetes API and Helm, a real local PostgreSQL server;"
                + " no real cluster or database is touched)");
        if (!cleared.isEmpty()) {
            say("a fresh run: cleared the previous rehearsal's " + String.join(", ", cleared) + " in " + work
                    + " (its sandbox and database are gone with it, so there is nothing to resume)");
        }
        // The server starts while the sandbox API and Helm load; it is stopped on every way out.
        CompletableFuture<RehearsalDatabase> database = startDatabase();
        Thread stopOnExit = new Thread(() -> stopDatabase(database), "rehearsal-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit); // Ctrl-C skips the finally below
        try {
            return rehearse(work, started, database);
        } finally {
            stopDatabase(database);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will: it stops nothing twice
            }
        }
    }

    private CompletableFuture<RehearsalDatabase> startDatabase() {
        LocalCommandRunner local = new LocalCommandRunner();
        if (sharedCluster != null) {
            return CompletableFuture.completedFuture(RehearsalDatabase.sharing(sharedCluster, sharedDatabase, local));
        }
        ClusterStarter start = starter;
        CompletableFuture<RehearsalDatabase> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(RehearsalDatabase.owning(start.start(), local));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "rehearsal-postgres-start");
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** Waits for the server (a start in flight is waited for, uninterruptibly), then stops an owned one. */
    private void stopDatabase(CompletableFuture<RehearsalDatabase> database) {
        RehearsalDatabase db;
        try {
            db = database.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return; // never started: LocalPostgresCluster.start cleans up after a failed start itself
        }
        if (!db.owned()) {
            return;
        }
        try {
            db.close();
        } catch (IOException e) {
            out.accept(LABEL + "WARNING: could not stop the rehearsal's PostgreSQL cleanly: " + e.getMessage());
        }
    }

    private static RehearsalDatabase await(CompletableFuture<RehearsalDatabase> database)
            throws IOException, InterruptedException {
        try {
            return database.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("the rehearsal's PostgreSQL did not start: " + cause, cause);
        }
    }

    private RehearsalResult rehearse(Path work, long started, CompletableFuture<RehearsalDatabase> database)
            throws IOException, InterruptedException {
        long t = System.nanoTime();
        try (SandboxKubernetes k8s = SandboxKubernetes.start(work.resolve("kube"))) {
            this.k8s = k8s;
            Duration sandboxStart = Duration.ofNanos(System.nanoTime() - t);
            say(String.format("sandbox Kubernetes API up at %s in %d ms (kubeconfig %s)", k8s.apiServer(),
                    sandboxStart.toMillis(), k8s.kubeconfig()));
            ExampleChart.Extracted example = ExampleChart.extractTo(work.resolve("example"));
            OperatorChart own = options.chart();
            if (own != null && own.toTag() != null) {
                // The upgrade's target tag, in the manifests the planners read (the rehearsal's own copies).
                withManagerTag(example.file("release-1.5.yaml"), own.toTag());
                withManagerTag(example.file("installed-1.5.yaml"), own.toTag());
            }
            Path chartSource = own == null ? example.chart() : own.directory(work.resolve("chart"));
            Path valuesSource = own == null ? example.valuesFile() : own.values();
            PlatformState installed = Manifests.readPlatformState(example.file("installed-1.4.yaml"));
            Release release = Manifests.readRelease(example.file("release-1.5.yaml"));
            PlatformState upgraded = Manifests.readPlatformState(example.file("installed-1.5.yaml"));
            Release previous = Manifests.readRelease(example.file("release-1.4.yaml"));
            this.fromTag = installed.manager().imageTag();
            this.toTag = release.manager().imageTag();
            String managerRelease = installed.manager().releaseName();
            String ns = installed.manager().namespace();
            say("scenario: DataOS " + installed.version() + " -> " + release.version() + " (dataos-manager " + fromTag
                    + " -> " + toTag + "), injected fault: " + options.fault().option() + ", files in " + work);

            LocalWorkspace workspace = new LocalWorkspace(work.resolve("workspace"));
            Files.createDirectories(workspace.root().resolve("values"));
            writeValues(valuesSource, workspace.root().resolve(VALUES_FILE), fromTag);
            Files.createDirectories(workspace.root().resolve("state"));
            Files.copy(example.file("installed-1.4.yaml"), workspace.root().resolve(STATE_FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            k8s.ensureNamespace(ns);
            // The chart "repository": the example chart at the chart versions the manifests name.
            String fromChart = installed.manager().chartVersion().toString();
            String toChart = release.manager().chartVersion().toString();
            Path fromChartDir = chartAt(chartSource, work.resolve("example/repo"), fromChart);
            Path toChartDir = chartAt(chartSource, work.resolve("example/repo"), toChart);
            if (own != null) {
                ChartRef ref = ChartRef.read(chartSource, "rehearse --chart");
                say("chart: " + own.chart() + " (" + ref.name() + " " + ref.version() + "), values "
                        + own.values() + ", served as " + installed.manager().chart() + " " + fromChart + " and "
                        + toChart);
            }
            List<String> crds = k8s.installCustomResourceDefinitions(chartSource);
            if (!crds.isEmpty()) {
                say("installed the chart's CustomResourceDefinitions (crds/) into the sandbox: " + String.join(", ", crds));
            }

            // A rehearsal-only key: real keys come from credentials and never reach a rehearsal.
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            Secret prime = Secret.of(SandboxActionHandlers.PRIME_API_KEY, "rehearsal-" + HexFormat.of().formatHex(random));
            masks.add(prime);
            SandboxHelm helm = SandboxHelm.forSandbox(k8s, line -> say("helm: " + line));
            this.helm = helm;
            helm.registerSecret(prime);
            say("bundled Helm " + helm.helmVersion() + " loaded in-process");

            t = System.nanoTime();
            RehearsalDatabase db = await(database);
            // The server's password is generated per run; it reaches the tools only as the secret postgres-password.
            Secret dbPassword = db.password();
            masks.add(dbPassword);
            helm.registerSecret(dbPassword);
            SecretProvider secrets = name -> switch (name) {
                case SandboxActionHandlers.PRIME_API_KEY -> Optional.of(prime);
                case PostgresConnection.PASSWORD_SECRET -> Optional.of(dbPassword);
                default -> Optional.empty();
            };
            db.seed();
            this.postgresVersion = db.serverVersion();
            say("PostgreSQL: a REAL local server (PostgreSQL " + postgresVersion + ", " + db.binDir() + ", "
                    + (db.owned() ? "started for this rehearsal in " + db.clusterDirectory() + ", stopped and deleted"
                            + " at the end" : "shared, left running") + ") at " + db.connection().describe()
                    + ", password generated for this run (secret " + PostgresConnection.PASSWORD_SECRET
                    + ", masked); seeded a DataOS-like database: " + db.rowCounts() + " ("
                    + Duration.ofNanos(System.nanoTime() - t).toMillis() + " ms after the sandbox API was up)");

            if (own != null) {
                // Before anything is installed: a kind the sandbox cannot serve is named, with how to leave it out.
                own.checkRendered(helm.template(UpgradeRequest.of(managerRelease, ns, fromChartDir)
                        .withValuesFile(workspace.root().resolve(VALUES_FILE))
                        .withSecretValue("primeApiKey", prime)), k8s, managerRelease, ns, fromTag);
            }
            ReleaseStatus baseline = helm.upgradeInstall(UpgradeRequest.of(managerRelease, ns, fromChartDir)
                    .withValuesFile(workspace.root().resolve(VALUES_FILE))
                    .withSecretValue("primeApiKey", prime)
                    .withDescription("Install complete (rehearsal baseline " + fromTag + ")"));
            k8s.rollOut(ns, managerRelease);
            say("baseline: " + managerRelease + " " + fromTag + " is revision " + baseline.revision() + ", rolled out");

            armFault(k8s, ns, managerRelease);
            this.runner = new SandboxCommandRunner(k8s, helm, new LocalCommandRunner())
                    .withChart(installed.manager().chart(), fromChart, fromChartDir)
                    .withChart(release.manager().chart(), toChart, toChartDir);
            String upgradeRunId = "rehearsal-upgrade";
            writeChecks(workspace, k8s.healthUrl(ns, managerRelease).toString(), managerRelease, ns, db,
                    EngineActionHandlers.baselineFor(upgradeRunId));
            EngineActionHandlers.Setup setup = new EngineActionHandlers.Setup(VALUES_FILE, STATE_FILE,
                    installed.version().toString(), toChart, CHECKS_FILE, Duration.ofSeconds(120), db);

            Plan upgradePlan = new UpgradePlanner().plan(installed, release);
            writePlan(workspace, "plans/upgrade-plan", upgradePlan);
            say("upgrade plan " + upgradePlan.id() + ": " + upgradePlan.actions().size() + " actions, "
                    + upgradePlan.gates().size() + " gate(s) auto-approved for the rehearsal (workspace/plans/upgrade-plan.md)");

            SandboxActionHandlers.ManagerTarget upgradeTarget =
                    new SandboxActionHandlers.ManagerTarget(managerRelease, ns, VALUES_FILE, toTag);
            ActionHandlers upgradeHandlers = EngineActionHandlers.create(workspace, k8s, runner, secrets, upgradeTarget,
                    setup, SandboxActionHandlers.create(k8s, helm, toChartDir, upgradeTarget));
            RunRequest upgradeRequest = RunRequest.of(upgradeRunId, upgradePlan.id(), upgradePlan.actions())
                    .lockingRelease(managerRelease).by("rehearsal").from("rehearsal upgrade plan");
            t = System.nanoTime();
            RunResult upgrade = executor(workspace, crashAfterUpgrade(badWritesAfterUpgrade(upgradeHandlers, db)),
                    secrets).run(upgradeRequest);
            if (upgrade.status() == RunStatus.INTERRUPTED && options.fault() == RehearsalFault.CRASH_AND_RESUME) {
                Thread.interrupted(); // clear a flag the injected crash may have left; this rehearsal goes on
                say("the run stopped right after the helm upgrade (injected crash); resuming run '" + upgradeRunId
                        + "' from its journal");
                upgrade = executor(workspace, upgradeHandlers, secrets).run(upgradeRequest);
            }
            Duration upgradeTime = Duration.ofNanos(System.nanoTime() - t);
            say("upgrade " + upgrade.status() + (upgrade.failedAction() == null ? ""
                    : " at '" + upgrade.failedAction() + "': " + upgrade.error()));
            List<String> reports = new ArrayList<>(runReports(workspace, upgradeRunId, upgradePlan));

            RunResult rollback = null;
            Duration rollbackTime = Duration.ZERO;
            boolean changed = upgrade.status() == RunStatus.FAILED && upgradePlan.action(upgrade.failedAction())
                    .map(a -> a.kind() == ActionKind.HELM_UPGRADE || a.kind() == ActionKind.VALIDATE).orElse(false);
            if (upgrade.status() == RunStatus.FAILED && !changed) {
                say("the upgrade stopped before changing the release: nothing to roll back");
            }
            if (changed) {
                Plan rollbackPlan = new RollbackPlanner().plan(upgraded, previous);
                writePlan(workspace, "plans/rollback-plan", rollbackPlan);
                say("the upgrade failed at '" + upgrade.failedAction() + "': rolling back top-down to "
                        + previous.version() + " with plan " + rollbackPlan.id() + " (" + rollbackPlan.actions().size()
                        + " actions; the sandbox runs the manager's for real and simulates the other layers)");
                SandboxActionHandlers.ManagerTarget rollbackTarget =
                        new SandboxActionHandlers.ManagerTarget(managerRelease, ns, VALUES_FILE, fromTag);
                ActionHandlers rollbackHandlers = EngineActionHandlers.create(workspace, k8s, runner, secrets,
                        rollbackTarget, setup, SandboxActionHandlers.create(k8s, helm, fromChartDir, rollbackTarget));
                String rollbackRunId = "rehearsal-rollback";
                t = System.nanoTime();
                rollback = executor(workspace, rollbackHandlers, secrets).run(RunRequest.of(rollbackRunId,
                        rollbackPlan.id(), rollbackPlan.actions()).lockingRelease(managerRelease).by("rehearsal")
                        .from("rehearsal rollback plan"));
                rollbackTime = Duration.ofNanos(System.nanoTime() - t);
                say("rollback " + rollback.status() + (rollback.failedAction() == null ? ""
                        : " at '" + rollback.failedAction() + "': " + rollback.error()));
                reports.addAll(runReports(workspace, rollbackRunId, rollbackPlan));
            }

            String dataAtEnd = db.rowCounts();
            say("database at the end: " + dataAtEnd + (badWrites == null ? "" : rollback != null && rollback.succeeded()
                    ? " (the failed release's writes are undone: restored from the backup kit's dump)"
                    : " (the failed release's writes are still there)"));
            ReleaseStatus end = helm.status(managerRelease, ns);
            String endTag = k8s.statefulSet(ns, managerRelease).map(StatefulSetState::imageTag).orElse("(none)");
            boolean expected = expected(upgrade, rollback, endTag);
            List<ReleaseRevision> history = helm.history(managerRelease, ns);
            Duration total = Duration.ofNanos(System.nanoTime() - started);
            say(String.format("end state: revision %d %s, manager runs %s; %s", end.revision(), end.status(), endTag,
                    expected ? "the runbook behaved as expected" : "UNEXPECTED outcome for this fault"));
            Path report = writeReport(workspace, upgrade, rollback, history, endTag, expected, sandboxStart,
                    upgradeTime, rollbackTime, total, helm, reports, databaseSection(workspace, db, dataAtEnd));
            say("reports: " + report + " and, from the journals, " + String.join(", ", reports));
            return new RehearsalResult(options.fault(), upgrade.status(), upgrade.failedAction(),
                    rollback == null ? null : rollback.status(), end.revision(), endTag, expected, report, work,
                    sandboxStart, upgradeTime, rollbackTime, total, "PostgreSQL " + postgresVersion + " at "
                    + db.connection().describe(), db.clusterDirectory(), badWrites);
        }
    }

    /** The engine's run report and RCA report of {@code runId}, from its journal and verifications. */
    private static List<String> runReports(LocalWorkspace workspace, String runId, Plan plan)
            throws IOException, InterruptedException {
        List<String> verifications = plan.actions().stream()
                .filter(a -> a.kind() == ActionKind.VALIDATE || a.kind() == ActionKind.VERIFY_ROLLBACK)
                .map(a -> EngineActionHandlers.verificationDir(runId, a.id()) + "/" + VerificationOutputs.JSON)
                .toList();
        RunRecord record = JournalRunRecords.read(workspace, runId, "sandbox rehearsal", verifications,
                List.of(Audience.values()));
        return RunReports.write(workspace, "reports/" + runId, record).stream().filter(f -> f.endsWith(".md")).toList();
    }

    private void armFault(SandboxKubernetes k8s, String ns, String release) {
        switch (options.fault()) {
            case VALIDATION -> {
                // Rolls out (so helm --wait passes) but is unhealthy: what post-upgrade validation is for.
                k8s.injectFault(WorkloadFault.healthFailing(ns, release, toTag, "dataos-manager " + toTag
                        + " cannot reach Heimdall: 401 from /api/v1/authorize (injected by the rehearsal)"));
                say("fault armed: " + toTag + " will roll out but its health endpoint will answer 503, and once"
                        + " running it writes bad data into PostgreSQL (after the backup)");
            }
            case HELM_FAILURE -> {
                k8s.injectFault(WorkloadFault.updateRejected(ns, release, toTag, "image "
                        + toTag + " is not allowed (injected by the rehearsal)"));
                say("fault armed: the API will refuse the StatefulSet at " + toTag + ", so helm upgrade fails");
            }
            case CRASH_AND_RESUME -> say("fault armed: the run will stop right after the helm upgrade, then resume");
            case NONE -> say("no fault armed: the upgrade should validate");
        }
    }

    /**
     * For VALIDATION: once the faulty release is installed it "runs" and writes bad data (a bad
     * migration), after the backup, as a bad release would; the rollback must restore it.
     */
    private ActionHandlers badWritesAfterUpgrade(ActionHandlers handlers, RehearsalDatabase db) {
        if (options.fault() != RehearsalFault.VALIDATION) {
            return handlers;
        }
        ActionHandler upgrade = handlers.find(ActionKind.HELM_UPGRADE).orElseThrow();
        ActionHandler writing = new ActionHandler() {
            @Override
            public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
                ActionOutcome outcome = upgrade.execute(action, context);
                if (outcome.succeeded() && badWrites == null) {
                    badWrites = db.badReleaseWrites();
                    context.log("injected fault: dataos-manager " + toTag + " ran a bad migration on "
                            + db.connection().describe() + ": " + badWrites.describe() + "; now " + db.rowCounts());
                }
                return outcome;
            }

            @Override
            public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
                return upgrade.isDone(action, context);
            }
        };
        return replacing(handlers, ActionKind.HELM_UPGRADE, writing);
    }

    private static ActionHandlers replacing(ActionHandlers handlers, ActionKind kind, ActionHandler replacement) {
        ActionHandlers.Builder builder = ActionHandlers.builder().on(kind, replacement);
        for (ActionKind other : ActionKind.values()) {
            if (other != kind) {
                handlers.find(other).ifPresent(h -> builder.on(other, h));
            }
        }
        return builder.build();
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
        return replacing(handlers, ActionKind.HELM_UPGRADE, crashing);
    }

    private PlanExecutor executor(LocalWorkspace workspace, ActionHandlers handlers, SecretProvider secrets) {
        // helm command lines of any handler are answered in-process; other programs run for real.
        return PlanExecutor.builder(workspace, runner, handlers)
                .approvals(new AutoApprove("sandbox rehearsal: gates are approved automatically"))
                .secrets(secrets)
                .log(line -> say(line))
                .parallelism(1)
                .build();
    }

    private boolean expected(RunResult upgrade, RunResult rollback, String endTag) {
        return switch (options.fault()) {
            case NONE, CRASH_AND_RESUME -> upgrade.succeeded() && rollback == null && toTag.equals(endTag);
            case VALIDATION -> upgrade.status() == RunStatus.FAILED && "verify.validate".equals(upgrade.failedAction())
                    && rollback != null && rollback.succeeded() && fromTag.equals(endTag);
            case HELM_FAILURE -> upgrade.status() == RunStatus.FAILED
                    && String.valueOf(upgrade.failedAction()).startsWith("manager.helm-upgrade")
                    && rollback != null && rollback.succeeded() && fromTag.equals(endTag);
        };
    }

    /** A copy of the example chart at {@code version} (Chart.yaml's version and appVersion), as a repository holds it. */
    private static Path chartAt(Path chart, Path repo, String version) throws IOException {
        Path dir = repo.resolve("dataos-manager-" + version);
        try (var files = Files.walk(chart)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ObjectNode chartYaml = (ObjectNode) YAML.readTree(dir.resolve("Chart.yaml").toFile());
        chartYaml.put("version", version).put("appVersion", version);
        Files.writeString(dir.resolve("Chart.yaml"), YAML.writeValueAsString(chartYaml), StandardCharsets.UTF_8);
        return dir;
    }

    /** The rehearsal's checks file: the manager's rollout and its health endpoint, for both verifications. */
    private static void writeChecks(LocalWorkspace workspace, String healthUrl, String release, String ns,
            RehearsalDatabase db, String baseline) throws IOException, InterruptedException {
        String yaml = """
                # Checks of the sandbox rehearsal (format: docs/verification.md).
                defaults:
                  database:
                    jdbcUrl: %s
                    user: %s
                    passwordSecret: %s
                    baseline: %s
                checks:
                  - name: %s rollout
                    type: rollout
                    layer: coreKernel
                    resource: statefulset/%s
                    namespace: %s
                    timeout: 30s
                  - name: %s health
                    type: http
                    layer: coreKernel
                    url: %s
                    expectStatus: [200]
                    bodyContains: '"status":"UP"'
                    timeout: 10s
                  - name: critical tables as backed up
                    type: dataIntegrity
                    layer: cloudKernel
                    when: postRollback
                    tables: [%s]
                    compare: checksum
                    timeout: 30s
                """.formatted(db.jdbcUrl(), db.connection().user(), PostgresConnection.PASSWORD_SECRET, baseline,
                release, release, ns, release, healthUrl, String.join(", ", RehearsalDatabase.CRITICAL_TABLES));
        workspace.mkdirs("checks");
        workspace.write(CHECKS_FILE, yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets {@code manager.imageTag} in a release manifest or platform state. */
    private static void withManagerTag(Path manifest, String tag) throws IOException {
        JsonNode tree = YAML.readTree(manifest.toFile());
        ((ObjectNode) tree).withObjectProperty("manager").put("imageTag", tag);
        Files.writeString(manifest, YAML.writeValueAsString(tree), StandardCharsets.UTF_8);
    }

    private static void writeValues(Path example, Path target, String tag) throws IOException {
        JsonNode values = YAML.readTree(example.toFile());
        ((ObjectNode) values).withObjectProperty("image").put("tag", tag);
        Files.writeString(target, YAML.writeValueAsString(values), StandardCharsets.UTF_8);
    }

    /** The plan as the CLI's {@code plan} command writes it: JSON for the executor, Markdown for review. */
    private static void writePlan(LocalWorkspace workspace, String base, Plan plan)
            throws IOException, InterruptedException {
        workspace.mkdirs(base.substring(0, base.lastIndexOf('/')));
        workspace.write(base + ".json", PlanJson.write(plan));
        workspace.write(base + ".md", PlanMarkdown.render(plan).getBytes(StandardCharsets.UTF_8));
    }

    private Path writeReport(LocalWorkspace workspace, RunResult upgrade, RunResult rollback,
            List<ReleaseRevision> history, String endTag, boolean expected, Duration sandboxStart,
            Duration upgradeTime, Duration rollbackTime, Duration total, SandboxHelm helm, List<String> engineReports,
            String database) throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# REHEARSAL: DataOS upgrade and rollback in the sandbox\n\n")
                .append("> This is a rehearsal against an in-process Kubernetes API, in-process Helm and a real,"
                        + " throw-away local PostgreSQL server. No real cluster, database or stakeholder was touched;"
                        + " approvals were automatic.\n\n")
                .append("| | |\n|---|---|\n")
                .append("| Scenario | dataos-manager ").append(fromTag).append(" → ").append(toTag)
                .append(" |\n| Injected fault | ").append(options.fault().option())
                .append(" |\n| Upgrade run | ").append(upgrade.status())
                .append(upgrade.failedAction() == null ? "" : " at `" + upgrade.failedAction() + "`")
                .append(" |\n| Rollback run | ").append(rollback == null ? "not needed" : rollback.status().toString())
                .append(" |\n| Manager at the end | ").append(endTag)
                .append(" |\n| Outcome | ").append(expected ? "as the runbook expects for this fault" : "UNEXPECTED")
                .append(" |\n\n");
        md.append(database);
        md.append("## Root cause analysis\n\n### Issue investigation\n\n");
        if (upgrade.failedAction() != null) {
            md.append("The upgrade stopped at `").append(upgrade.failedAction()).append("`: ")
                    .append(upgrade.error()).append("\n\n");
        } else {
            md.append("The upgrade completed; nothing to investigate.\n\n");
        }
        md.append("Cause: ").append(switch (options.fault()) {
            case VALIDATION -> "the injected fault made the health endpoint of " + toTag + " answer 503 after a"
                    + " complete rollout" + (badWrites == null ? "." : ", and the release wrote bad data after the"
                    + " backup (" + badWrites.describe() + "); the rollback restored the database from the backup"
                    + " kit's dump and the data-integrity check compared it with the baseline.");
            case HELM_FAILURE -> "the injected fault made the API refuse the StatefulSet at " + toTag + ".";
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
        md.append("\nThe engine's run and root-cause-analysis reports, written from the journals: ")
                .append(String.join(", ", engineReports)).append(" (under workspace/).\n");
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

    /** The report's database section: the server, the dump and its checksum, the restore check, the fault's writes. */
    private String databaseSection(LocalWorkspace workspace, RehearsalDatabase db, String dataAtEnd)
            throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder("## Database\n\n")
                .append("PostgreSQL ").append(postgresVersion).append(": a **real local server** (")
                .append(db.binDir()).append(") on 127.0.0.1, ")
                .append(db.owned() ? "started for this rehearsal in a temporary directory and stopped and deleted"
                        + " at its end" : "shared with other rehearsals").append("; database `").append(db.database())
                .append("`, password generated per run (secret `").append(PostgresConnection.PASSWORD_SECRET)
                .append("`, never written).\n\n| Kit | Dump | SHA-256 (MANIFEST.sha256) |\n|---|---|---|\n");
        for (String run : List.of("rehearsal-upgrade", "rehearsal-rollback")) {
            String kit = io.dataos.upgrade.backup.BackupKit.directoryFor(run);
            if (!workspace.exists(kit + "/" + io.dataos.upgrade.backup.BackupKit.MANIFEST)) {
                continue;
            }
            for (String line : new String(workspace.read(kit + "/" + io.dataos.upgrade.backup.BackupKit.MANIFEST),
                    StandardCharsets.UTF_8).split("\n")) {
                if (line.endsWith(".dump")) {
                    md.append("| `").append(kit).append("` | `").append(line.substring(66)).append("` | `")
                            .append(line, 0, 64).append("` |\n");
                }
            }
        }
        md.append("\nInjected bad writes after the backup: ")
                .append(badWrites == null ? "none." : badWrites.describe() + ".").append("\n\n")
                .append("Critical tables at the end: ").append(dataAtEnd).append(".\n\n");
        return md.toString();
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
