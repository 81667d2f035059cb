package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.GateApprovals;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.LocalPostgres;
import io.dataos.upgrade.api.RollbackRequest;
import io.dataos.upgrade.api.RollbackRunbook;
import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.RunbookResult;
import io.dataos.upgrade.api.RunbookStatus;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.UpgradeRequest;
import io.dataos.upgrade.api.UpgradeRunbook;
import io.dataos.upgrade.api.Workspace;
import io.dataos.upgrade.realcluster.ControlPlane;
import io.dataos.upgrade.realcluster.RealClusterBinaries;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The runbook rehearsed end to end in the sandbox, through the production runbooks: the rehearsal
 * writes a settings file, a checks file, the release manifests and the values file into its
 * workspace, exactly as an operator would, installs the baseline release, then runs
 * {@link UpgradeRunbook} (with its automatic rollback) and, after a failed helm upgrade,
 * {@link RollbackRunbook}, over {@link RunbookPorts} made of the sandbox: {@link SandboxCommandRunner}
 * (helm and kubectl answered in-process, pg_dump/pg_restore/psql run for real against the
 * rehearsal's own PostgreSQL, the site's commands answered by a labelled simulator), a local
 * workspace, automatic approval and the rehearsal's log. The sandbox has no action handler of its
 * own. The injected fault lives in the sandbox: the API refusing or failing the new release, the
 * release writing bad data once it runs, or the engine dying right after {@code helm upgrade}.
 * Everything it prints is labelled as a rehearsal; nothing outside its work directory changes,
 * except a throw-away PostgreSQL server in a temporary directory, which is stopped and deleted on
 * every way out of {@link #run()}.
 */
public final class Rehearsal {

    /** Starts the PostgreSQL server a rehearsal owns (and stops when it ends). */
    @FunctionalInterface
    public interface ClusterStarter {
        LocalPostgres start() throws IOException, InterruptedException;
    }

    /** The prefix of every line a rehearsal prints. */
    public static final String LABEL = "[rehearsal] ";
    /** The upgrade's run id; its rollback's is {@link UpgradeRunbook#rollbackRunId}. */
    public static final String UPGRADE_RUN = "rehearsal-upgrade";
    public static final String ROLLBACK_RUN = UpgradeRunbook.rollbackRunId(UPGRADE_RUN);
    private static final String SETTINGS_FILE = OperatorFiles.SETTINGS_FILE;
    private static final String INSTALLED = OperatorFiles.INSTALLED;
    private static final String RELEASE = OperatorFiles.RELEASE;
    private static final String ROLLBACK_FROM = OperatorFiles.ROLLBACK_FROM;
    private static final String ROLLBACK_TO = OperatorFiles.ROLLBACK_TO;
    /** A tag ending so is kept unready by kwok (realcluster/kwok-stages.yaml): the real cluster's helm-failure. */
    static final String UNREADY_SUFFIX = "-unready";
    /** helm --wait's timeout on the real cluster: kwok makes a pod Ready in seconds; a failing rollout waits it out. */
    static final String REAL_HELM_TIMEOUT = "40s";


    private final RehearsalOptions options;
    private final Consumer<String> out;
    private final List<String> timeline = new ArrayList<>();
    private final List<Secret> masks = new CopyOnWriteArrayList<>();
    private final RunJournal journal = new RunJournal();
    private String fromTag;
    private String toTag;
    private ClusterStarter starter;
    private LocalPostgres sharedCluster;
    private String sharedDatabase;
    private volatile RehearsalDatabase.BadWrites badWrites;

    /** A rehearsal that starts its own PostgreSQL from Debian's binaries and stops it at the end. */
    public Rehearsal(RehearsalOptions options, Consumer<String> out) {
        this.options = options;
        this.out = out;
        this.starter = LocalPostgres::start;
    }

    /** Starts the rehearsal's own PostgreSQL with {@code starter}; still stopped by the rehearsal at the end. */
    public Rehearsal withPostgres(ClusterStarter starter) {
        this.starter = java.util.Objects.requireNonNull(starter);
        this.sharedCluster = null;
        return this;
    }

    /**
     * Uses {@code database} (created afresh) on a running server someone else owns and stops, so
     * several rehearsals can share one server (tests).
     */
    public Rehearsal withSharedPostgres(LocalPostgres cluster, String database) {
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
        RealClusterBinaries binaries = null;
        if (options.cluster() == RehearsalCluster.REAL) {
            // Before anything is written or started: the real cluster's binaries are built, or the run is refused.
            try {
                binaries = RealClusterBinaries.locate(options.cache());
            } catch (RealClusterBinaries.Missing missing) {
                throw new InvalidInputException("rehearse --cluster real", "binaries", missing.getMessage());
            }
        }
        if (sharedCluster == null) {
            // Before anything is written: without PostgreSQL the rehearsal does not run (it never skips the database).
            RehearsalDatabase.requireBinaries(LocalPostgres.findBinDir());
        }
        Path work = options.workDir().toAbsolutePath();
        List<String> cleared = RehearsalWorkDirectory.startFresh(work);
        if (binaries == null) {
            say("REHEARSAL in the sandbox (in-process Kubernetes API and Helm, a real local PostgreSQL server;"
                    + " no real cluster or database is touched)");
        } else {
            say("REHEARSAL on a REAL Kubernetes control plane started for it (etcd, kube-apiserver,"
                    + " kube-controller-manager, kube-scheduler from " + binaries.bin() + "; kwok plays the kubelet,"
                    + " no container runs), the real " + options.helm() + " and kubectl, a real local PostgreSQL"
                    + " server; nothing outside the work directory is touched, the control plane is stopped at the end");
        }
        if (!cleared.isEmpty()) {
            say("a fresh run: cleared the previous rehearsal's " + String.join(", ", cleared) + " in " + work
                    + " (its sandbox and database are gone with it, so there is nothing to resume)");
        }
        // The server starts while the sandbox API and Helm load; it is stopped on every way out.
        CompletableFuture<RehearsalDatabase> database = startDatabase();
        Thread stopOnExit = new Thread(() -> stopDatabase(database), "rehearsal-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit); // Ctrl-C skips the finally below
        try {
            return binaries == null ? rehearse(work, started, database)
                    : rehearseOnRealCluster(work, started, database, binaries);
        } catch (InterruptedException e) {
            if (e.getMessage() != null) {
                throw e;
            }
            InterruptedException stopped = new InterruptedException("the rehearsal was stopped before it ended; its "
                    + (binaries == null ? "sandbox" : "control plane") + " and PostgreSQL are stopped");
            stopped.initCause(e);
            throw stopped;
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
        if (sharedCluster != null) {
            return CompletableFuture.completedFuture(RehearsalDatabase.sharing(sharedCluster, sharedDatabase));
        }
        ClusterStarter start = starter;
        CompletableFuture<RehearsalDatabase> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(RehearsalDatabase.owning(start.start()));
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
            return; // never started: a failed start cleans up after itself
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
            Duration sandboxStart = Duration.ofNanos(System.nanoTime() - t);
            say(String.format("sandbox Kubernetes API up at %s in %d ms (kubeconfig %s)", k8s.apiServer(),
                    sandboxStart.toMillis(), k8s.kubeconfig()));
            Scenario scenario = scenario(work, "");
            OperatorChart own = scenario.own();
            Path root = scenario.root();
            Workspace workspace = scenario.workspace();
            Path chartSource = scenario.chartSource();
            OperatorFiles.Manager installed = scenario.installed();
            OperatorFiles.Manager release = scenario.release();
            String managerRelease = installed.release();
            String ns = installed.namespace();
            k8s.ensureNamespace(ns);
            Path fromChartDir = scenario.fromChartDir();
            Path toChartDir = scenario.toChartDir();
            if (own != null) {
                ChartRef ref = ChartRef.read(chartSource, "rehearse --chart");
                say("chart: " + own.chart() + " (" + ref.name() + " " + ref.version() + "), values "
                        + own.values() + ", served as " + installed.chart() + " " + installed.chartVersion() + " and "
                        + release.chartVersion());
            }
            List<String> crds = k8s.installCustomResourceDefinitions(chartSource);
            if (!crds.isEmpty()) {
                say("installed the chart's CustomResourceDefinitions (crds/) into the sandbox: " + String.join(", ", crds));
            }

            Secret prime = rehearsalPrimeKey();
            SandboxHelm helm = SandboxHelm.forSandbox(k8s, line -> say("helm: " + line));
            helm.registerSecret(prime);
            say("bundled Helm " + helm.helmVersion() + " loaded in-process");

            t = System.nanoTime();
            RehearsalDatabase db = await(database);
            // The server's password is generated per run; it reaches the tools only as the secret postgres-password.
            Secret dbPassword = db.password();
            masks.add(dbPassword);
            helm.registerSecret(dbPassword);
            SecretProvider secrets = secrets(prime, dbPassword);
            String postgresVersion = seedDatabase(db, t, "the sandbox API was up");

            if (own != null) {
                // Before anything is installed: a kind the sandbox cannot serve is named, with how to leave it out.
                own.checkRendered(helm.template(HelmUpgradeRequest.of(managerRelease, ns, fromChartDir)
                        .withValuesFile(root.resolve(OperatorFiles.VALUES_FILE))
                        .withSecretValue("primeApiKey", prime)), k8s, managerRelease, ns, fromTag);
            }
            ReleaseStatus baseline = helm.upgradeInstall(HelmUpgradeRequest.of(managerRelease, ns, fromChartDir)
                    .withValuesFile(root.resolve(OperatorFiles.VALUES_FILE))
                    .withSecretValue("primeApiKey", prime)
                    .withDescription("Install complete (rehearsal baseline " + fromTag + ")"));
            k8s.rollOut(ns, managerRelease);
            say("baseline: " + managerRelease + " " + fromTag + " is revision " + baseline.revision() + ", rolled out");

            // What an operator keeps next to the checks: the critical tables as they are before the change.
            db.captureBaseline(workspace, OperatorFiles.BASELINE_FILE);
            OperatorFiles.writeChecks(root, k8s.healthUrl(ns, managerRelease).toString(), managerRelease, ns, db);
            OperatorFiles.writeSettings(root, k8s, managerRelease, ns, installed.chart(), db);
            say("wrote the operator's files into " + root + ": " + SETTINGS_FILE + " (site commands run "
                    + SandboxCommandRunner.SIMULATOR + ", a labelled simulator), " + OperatorFiles.CHECKS_FILE + ", "
                    + OperatorFiles.VALUES_FILE + ", " + INSTALLED + ", " + RELEASE + "; integrity baseline "
                    + OperatorFiles.BASELINE_FILE);

            armFault(k8s, ns, managerRelease);
            SandboxCommandRunner runner = new SandboxCommandRunner(k8s, helm, RunbookPorts.local(root, null).runner())
                    .withChart(installed.chart(), installed.chartVersion(), fromChartDir)
                    .withChart(release.chart(), release.chartVersion(), toChartDir)
                    .afterUpgrade(fault(db));
            return runRunbooks(new Staged(work, root, workspace, runner, secrets, db, postgresVersion, sandboxStart,
                    null, new Observed() {
                        @Override
                        public ReleaseStatus status() {
                            return helm.status(managerRelease, ns);
                        }

                        @Override
                        public List<ReleaseRevision> history() {
                            return helm.history(managerRelease, ns);
                        }

                        @Override
                        public String imageTag() {
                            return k8s.statefulSet(ns, managerRelease).map(StatefulSetState::imageTag).orElse("(none)");
                        }

                        @Override
                        public String masked(String text) {
                            return helm.masked(text);
                        }
                    }), started);
        }
    }

    /** Where the runbooks' end state is read: the sandbox's helm and API, or the real helm and API server. */
    private interface Observed {
        ReleaseStatus status() throws IOException, InterruptedException;

        List<ReleaseRevision> history() throws IOException, InterruptedException;

        String imageTag() throws IOException, InterruptedException;

        String masked(String text);
    }

    /**
     * A stage set for the runbooks: the operator's files written, the baseline installed, the fault
     * armed, the ports' runner ready.
     *
     * @param where the real cluster's description for the report, or null for the sandbox
     */
    private record Staged(Path work, Path root, Workspace workspace, CommandRunner runner, SecretProvider secrets,
            RehearsalDatabase db, String postgresVersion, Duration clusterStart, String where, Observed observed) {}

    /** The production runbooks over the stage, then the end state, the report and the result. */
    private RehearsalResult runRunbooks(Staged stage, long started) throws IOException, InterruptedException {
        Path root = stage.root();
        Workspace workspace = stage.workspace();
        CommandRunner runner = stage.runner();
        SecretProvider secrets = stage.secrets();
        RehearsalDatabase db = stage.db();
        long t;
        Clock clock = Clock.systemUTC();
        RunbookPorts ports = RunbookPorts.of(runner, workspace)
                .withSecrets(secrets)
                .withApprovals(GateApprovals.automatic((stage.where() == null ? "sandbox" : "real-cluster")
                        + " rehearsal: gates are approved automatically",
                        clock))
                .withProgress(journal.listener(this::say))
                .withClock(clock);

        UpgradeRequest request = UpgradeRequest.builder().runId(UPGRADE_RUN).installed(INSTALLED).release(RELEASE)
                .settings(SETTINGS_FILE).autoRollback(true).force(true).startedBy("rehearsal").build();
        say("running the production upgrade runbook (run " + UPGRADE_RUN + ", automatic rollback on a failed"
                + " validation; gates approved automatically; the maintenance window forced: a rehearsal runs now)");
        t = System.nanoTime();
        RunbookResult upgrade = new UpgradeRunbook(ports).run(request);
        if (upgrade.status() == RunbookStatus.INTERRUPTED && options.fault() == RehearsalFault.CRASH_AND_RESUME) {
            Thread.interrupted(); // clear a flag the injected crash may have left; this rehearsal goes on
            say("the run stopped right after the helm upgrade (injected crash); resuming run '" + UPGRADE_RUN
                    + "' from its journal: same request, same run id");
            upgrade = new UpgradeRunbook(ports).run(request);
        }
        Duration upgradeTime = Duration.ofNanos(System.nanoTime() - t);
        Duration rollbackTime = Duration.ZERO;
        if (upgrade.rollbackRunId() != null) {
            // the automatic rollback ran inside the upgrade runbook: its own span, from its journal steps
            rollbackTime = journal.elapsed(upgrade.rollbackRunId());
            upgradeTime = upgradeTime.minus(rollbackTime);
        }
        say("upgrade runbook: " + upgrade.status() + (upgrade.failedAction() == null ? ""
                : " at '" + upgrade.failedAction() + "'"));
        List<String> reports = new ArrayList<>(upgrade.reports());

        RunbookResult rollback = null;
        boolean helmFailed = upgrade.status() == RunbookStatus.FAILED
                && String.valueOf(upgrade.failedAction()).startsWith("manager.helm-upgrade");
        if (helmFailed) {
            // The release is now a failed revision at the new chart: the runbook's rollback, planned from
            // the state the upgrade aimed at back to the last known stable release.
            say("the helm upgrade failed at '" + upgrade.failedAction() + "': running the production rollback"
                    + " runbook (run " + ROLLBACK_RUN + ") from " + ROLLBACK_FROM + " to " + ROLLBACK_TO);
            t = System.nanoTime();
            rollback = new RollbackRunbook(ports).run(RollbackRequest.builder().runId(ROLLBACK_RUN)
                    .installed(ROLLBACK_FROM).target(ROLLBACK_TO).settings(SETTINGS_FILE)
                    .reason("the helm upgrade of dataos-manager " + toTag + " failed (rehearsal)")
                    .startedBy("rehearsal").build());
            rollbackTime = Duration.ofNanos(System.nanoTime() - t);
            say("rollback runbook: " + rollback.status());
            reports.addAll(rollback.reports());
        } else if (upgrade.status() == RunbookStatus.FAILED) {
            say("the upgrade stopped before changing the release: nothing to roll back");
        }
        RunbookStatus upgradeStatus = upgrade.rollbackRunId() != null ? RunbookStatus.FAILED : upgrade.status();
        RunbookStatus rollbackStatus = upgrade.rollbackRunId() != null
                ? RunbookStatus.valueOf(upgrade.rollbackStatus()) : rollback == null ? null : rollback.status();

        say("upgrade " + upgradeStatus + (upgrade.failedAction() == null ? ""
                : " at '" + upgrade.failedAction() + "'") + (rollbackStatus == null ? ""
                : ", rollback " + rollbackStatus + " (run " + ROLLBACK_RUN + ")"));
        String dataAtEnd = db.rowCounts();
        say("database at the end: " + dataAtEnd + (badWrites == null ? "" : rollbackStatus == RunbookStatus.SUCCEEDED
                ? " (the failed release's writes are undone: restored from the backup kit's dump)"
                : " (the failed release's writes are still there)"));
        ReleaseStatus end = stage.observed().status();
        String endTag = stage.observed().imageTag();
        boolean expected = expected(upgradeStatus, upgrade.failedAction(), rollbackStatus, endTag);
        List<ReleaseRevision> history = stage.observed().history();
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        say(String.format("end state: revision %d %s, manager runs %s; %s", end.revision(), end.status(), endTag,
                expected ? "the runbook behaved as expected" : "UNEXPECTED outcome for this fault"));
        RehearsalReport report = new RehearsalReport(options.fault(), fromTag, toTag, upgrade, rollback,
                upgradeStatus, rollbackStatus, endTag, expected, history, journal, reports, badWrites, stage.where());
        Path reportFile = root.resolve(RehearsalReport.FILE);
        Files.createDirectories(reportFile.getParent());
        String text = report.markdown(databaseSection(root, report.kits(), db, stage.postgresVersion(), dataAtEnd), timeline(),
                List.of(stage.clusterStart(), upgradeTime, rollbackTime, total));
        // Belt and braces: the report is built from masked texts; mask once more before it hits the disk.
        Files.writeString(reportFile, stage.observed().masked(text), StandardCharsets.UTF_8);
        say("reports: " + reportFile + " and the runbooks' run and RCA reports " + String.join(", ", reports.stream()
                .filter(f -> f.endsWith("/run-report.md") || f.endsWith("/rca-report.md")).toList())
                + " (with HTML versions and debriefs beside them)");
        return new RehearsalResult(options.fault(), upgradeStatus, upgrade.failedAction(), rollbackStatus,
                end.revision(), endTag, expected, reportFile, stage.work(), stage.clusterStart(), upgradeTime, rollbackTime,
                total,
                "PostgreSQL " + stage.postgresVersion() + " at " + db.describe(), db.clusterDirectory(), badWrites,
                stage.where() == null ? RehearsalCluster.SANDBOX.option() : stage.where());
    }

    /** The rehearsal's two secrets: its own Prime key and the database password generated for the run. */
    private static SecretProvider secrets(Secret prime, Secret dbPassword) {
        return name -> switch (name) {
            case SecretNames.PRIME_API_KEY -> Optional.of(prime);
            case SecretNames.POSTGRES_PASSWORD -> Optional.of(dbPassword);
            default -> Optional.empty();
        };
    }

    /** Seeds the rehearsal's database and says what it is; returns the server's version. */
    private String seedDatabase(RehearsalDatabase db, long since, String sinceWhat)
            throws IOException, InterruptedException {
        db.seed();
        String postgresVersion = db.serverVersion();
        say("PostgreSQL: a REAL local server (PostgreSQL " + postgresVersion + ", " + db.binDir() + ", "
                + (db.owned() ? "started for this rehearsal in " + db.clusterDirectory() + ", stopped and deleted"
                        + " at the end" : "shared, left running") + ") at " + db.describe()
                + ", password generated for this run (secret " + SecretNames.POSTGRES_PASSWORD
                + ", masked); seeded a DataOS-like database: " + db.rowCounts() + " ("
                + Duration.ofNanos(System.nanoTime() - since).toMillis() + " ms after " + sinceWhat + ")");
        return postgresVersion;
    }

    /** A rehearsal-only Prime key: real keys come from credentials and never reach a rehearsal. */
    private Secret rehearsalPrimeKey() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        Secret prime = Secret.of(SecretNames.PRIME_API_KEY, "rehearsal-" + HexFormat.of().formatHex(random));
        masks.add(prime);
        return prime;
    }


    /** The operator's files and charts a rehearsal plays: the same on the sandbox and on the real cluster. */
    private record Scenario(ExampleChart.Extracted example, OperatorChart own, Path root, Workspace workspace,
            Path chartSource, OperatorFiles.Manager installed, OperatorFiles.Manager release, Path fromChartDir,
            Path toChartDir) {
    }

    /**
     * Writes the manifests (the target tag with {@code tagSuffix}) and the values file into {@code work}/workspace,
     * and puts the chart at the two chart versions the manifests name into the chart "repository"
     * {@code work}/example/repo.
     */
    private Scenario scenario(Path work, String tagSuffix) throws IOException {
        ExampleChart.Extracted example = ExampleChart.extractTo(work.resolve("example"));
        OperatorChart own = options.chart();
        Path root = work.resolve("workspace");
        Workspace workspace = RunbookPorts.local(root, null).workspace();
        OperatorFiles.writeManifests(example, root, own, tagSuffix);
        Path chartSource = own == null ? example.chart() : own.directory(work.resolve("chart"));
        Path valuesSource = own == null ? example.valuesFile() : own.values();
        OperatorFiles.Manager installed = OperatorFiles.Manager.of(root.resolve(INSTALLED));
        OperatorFiles.Manager release = OperatorFiles.Manager.of(root.resolve(RELEASE));
        this.fromTag = installed.imageTag();
        this.toTag = release.imageTag();
        say("scenario: DataOS " + installed.version() + " -> " + release.version() + " (dataos-manager " + fromTag
                + " -> " + toTag + "), injected fault: " + options.fault().option() + ", files in " + work);
        OperatorFiles.writeValues(valuesSource, root.resolve(OperatorFiles.VALUES_FILE), fromTag);
        Path repo = work.resolve("example/repo");
        return new Scenario(example, own, root, workspace, chartSource, installed, release,
                OperatorFiles.chartAt(chartSource, repo, installed.chartVersion()),
                OperatorFiles.chartAt(chartSource, repo, release.chartVersion()));
    }

    /**
     * The rehearsal on a real control plane (docs/real-cluster.md): the control plane started from
     * the cached binaries, the chart served from a local chart repository, the baseline installed by
     * the real helm with {@code --wait} on the real StatefulSet status, then the same production
     * runbooks as in the sandbox, whose helm and kubectl are the real binaries (named by path in the
     * settings). Stopped on every way out.
     */
    private RehearsalResult rehearseOnRealCluster(Path work, long started,
            CompletableFuture<RehearsalDatabase> database, RealClusterBinaries binaries)
            throws IOException, InterruptedException {
        long t = System.nanoTime();
        try (RealClusterStage cluster = RealClusterStage.start(binaries, work.resolve("cluster"), options.helm(),
                masks)) {
            Duration clusterStart = Duration.ofNanos(System.nanoTime() - t);
            String serverVersion = cluster.plane().serverVersion();
            say(String.format("REAL Kubernetes control plane up at %s in %d ms: kube-apiserver %s on etcd %s, with"
                    + " kube-controller-manager and kube-scheduler; kwok %s is the one simulated part (the kubelet of"
                    + " node %s: pods become Running and Ready by its stages, no container runs); logs in %s,"
                    + " kubeconfig %s", cluster.plane().serverUrl(), clusterStart.toMillis(), serverVersion,
                    binaries.etcdVersion(), binaries.kwokVersion(), ControlPlane.NODE,
                    cluster.plane().dir().resolve("logs"), cluster.kubeconfig()));
            Scenario scenario = scenario(work,
                    options.fault() == RehearsalFault.HELM_FAILURE ? UNREADY_SUFFIX : "");
            ExampleChart.Extracted example = scenario.example();
            OperatorChart own = scenario.own();
            Path root = scenario.root();
            Workspace workspace = scenario.workspace();
            Path chartSource = scenario.chartSource();
            OperatorFiles.Manager installed = scenario.installed();
            OperatorFiles.Manager release = scenario.release();
            String managerRelease = installed.release();
            String ns = installed.namespace();
            cluster.ensureNamespace(ns);
            Path fromChartDir = scenario.fromChartDir();
            Path toChartDir = scenario.toChartDir();
            if (own == null) {
                // The example's StatefulSet is OrderedReady: after a failed rollout the production rollback deletes
                // the pod that never became Ready once helm has reverted the template (Kubernetes' forced rollback)
                say("chart: the bundled example dataos-manager chart");
            } else {
                ChartRef ref = ChartRef.read(chartSource, "rehearse --chart");
                say("chart: " + own.chart() + " (" + ref.name() + " " + ref.version() + "), values " + own.values()
                        + "; its crds/ are installed by the real helm");
            }
            Map<String, Path> versions = new LinkedHashMap<>();
            versions.put(installed.chartVersion(), fromChartDir);
            versions.put(release.chartVersion(), toChartDir);
            java.net.URI repoUrl = cluster.serveCharts(installed.chart(), versions);
            if (!release.chart().equals(installed.chart())) {
                cluster.serveCharts(release.chart(), Map.of(release.chartVersion(), toChartDir));
            }
            say("chart repository: " + installed.chart() + " " + String.join(", ", versions.keySet()) + " packaged by"
                    + " the real helm, served at " + repoUrl + " and added with helm repo add (helm home "
                    + work.resolve("cluster/helm") + ")");

            Secret prime = rehearsalPrimeKey();
            say("the REAL " + options.helm() + " " + cluster.helmVersion() + " (" + cluster.helmPath() + ") and kubectl"
                    + " " + binaries.kubernetesVersion() + " (" + cluster.kubectlPath() + ")");

            t = System.nanoTime();
            RehearsalDatabase db = await(database);
            Secret dbPassword = db.password();
            masks.add(dbPassword);
            SecretProvider secrets = secrets(prime, dbPassword);
            String postgresVersion = seedDatabase(db, t, "the control plane was up");

            ReleaseStatus baseline = cluster.installBaseline(managerRelease, ns, installed.chart(),
                    installed.chartVersion(), root.resolve(OperatorFiles.VALUES_FILE), prime,
                    "Install complete (rehearsal baseline " + fromTag + ")", Duration.ofMinutes(2));
            say("baseline: " + managerRelease + " " + fromTag + " is revision " + baseline.revision() + ", "
                    + baseline.status() + " (helm --wait on the real StatefulSet status)");

            db.captureBaseline(workspace, OperatorFiles.BASELINE_FILE);
            java.net.URI health = cluster.startHealthEndpoint().resolve(ns + "/" + managerRelease);
            OperatorFiles.writeChecks(root, health.toString(), managerRelease, ns, db);
            OperatorFiles.writeSettings(root, new OperatorFiles.Tools("real-cluster rehearsal", "the real binaries,"
                    + " named by path, against the rehearsal's control plane", cluster.helmPath(),
                    cluster.kubectlPath(), cluster.kubeconfig(), REAL_HELM_TIMEOUT), managerRelease, ns,
                    installed.chart(), db);
            say("wrote the operator's files into " + root + ": " + SETTINGS_FILE + " (helm " + cluster.helmPath()
                    + ", kubectl " + cluster.kubectlPath() + ", helm timeout " + REAL_HELM_TIMEOUT + "; site commands"
                    + " run " + SandboxCommandRunner.SIMULATOR + ", a labelled simulator), " + OperatorFiles.CHECKS_FILE
                    + " (the manager's health URL " + health + " is SIMULATED: no container runs; it answers from the"
                    + " StatefulSet's real status), " + OperatorFiles.VALUES_FILE + ", " + INSTALLED + ", " + RELEASE
                    + "; integrity baseline " + OperatorFiles.BASELINE_FILE);

            armFault(cluster);
            CommandRunner runner = cluster.runner(RunbookPorts.local(root, null).runner(), fault(db));
            String where = "a real Kubernetes control plane: kube-apiserver " + serverVersion + ", etcd "
                    + binaries.etcdVersion() + ", kwok " + binaries.kwokVersion() + " (the simulated kubelet), "
                    + options.helm() + " " + cluster.helmVersion();
            return runRunbooks(new Staged(work, root, workspace, runner, secrets, db, postgresVersion, clusterStart,
                    where, new Observed() {
                        @Override
                        public ReleaseStatus status() throws IOException, InterruptedException {
                            return cluster.status(managerRelease, ns);
                        }

                        @Override
                        public List<ReleaseRevision> history() throws IOException, InterruptedException {
                            return cluster.history(managerRelease, ns);
                        }

                        @Override
                        public String imageTag() throws IOException, InterruptedException {
                            return cluster.imageTag(ns, managerRelease);
                        }

                        @Override
                        public String masked(String text) {
                            return Secret.mask(text, masks);
                        }
                    }), started);
        }
    }

    /** The faults on the real cluster: the same four, staged through kwok's stages, the health endpoint and the runner. */
    private void armFault(RealClusterStage cluster) {
        switch (options.fault()) {
            case VALIDATION -> {
                cluster.failHealth(toTag, "dataos-manager " + toTag + " cannot reach Heimdall: 401 from"
                        + " /api/v1/authorize (injected by the rehearsal)");
                say("fault armed: " + toTag + " will roll out for real (kwok makes its pod Ready) but its health"
                        + " endpoint will answer 503, and once running it writes bad data into PostgreSQL (after the"
                        + " backup)");
            }
            case HELM_FAILURE -> say("fault armed: the new tag " + toTag + " ends in " + UNREADY_SUFFIX + ", which"
                    + " kwok's stage pod-unready-fault keeps Running but never Ready, so the real helm upgrade --wait"
                    + " times out after " + REAL_HELM_TIMEOUT + " on the real StatefulSet status");
            case CRASH_AND_RESUME -> say("fault armed: the run will stop right after the helm upgrade, then resume");
            case NONE -> say("no fault armed: the upgrade should validate");
        }
    }

    private List<String> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    /**
     * The fault the sandbox plays once {@code helm upgrade} has succeeded: for VALIDATION the new
     * release "runs" and writes bad data (a bad migration), after the backup, as a bad release would;
     * for CRASH_AND_RESUME the engine "dies" once, right after the upgrade, before it journals it.
     */
    private SandboxCommandRunner.UpgradeListener fault(RehearsalDatabase db) {
        AtomicBoolean crashed = new AtomicBoolean();
        return (release, namespace, output) -> {
            switch (options.fault()) {
                case VALIDATION -> {
                    if (badWrites == null) {
                        badWrites = db.badReleaseWrites();
                        output.accept("injected fault: dataos-manager " + toTag + " ran a bad migration on "
                                + db.describe() + ": " + badWrites.describe() + "; now " + db.rowCounts());
                    }
                }
                case CRASH_AND_RESUME -> {
                    if (crashed.compareAndSet(false, true)) {
                        throw new InterruptedException("injected crash right after the helm upgrade (rehearsal)");
                    }
                }
                default -> { }
            }
        };
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

    private boolean expected(RunbookStatus upgrade, String failedAction, RunbookStatus rollback, String endTag) {
        return switch (options.fault()) {
            case NONE, CRASH_AND_RESUME -> upgrade == RunbookStatus.SUCCEEDED && rollback == null
                    && toTag.equals(endTag);
            case VALIDATION -> upgrade == RunbookStatus.FAILED && "verify.validate".equals(failedAction)
                    && rollback == RunbookStatus.SUCCEEDED && fromTag.equals(endTag);
            case HELM_FAILURE -> upgrade == RunbookStatus.FAILED
                    && String.valueOf(failedAction).startsWith("manager.helm-upgrade")
                    && rollback == RunbookStatus.SUCCEEDED && fromTag.equals(endTag);
        };
    }

    /** The report's database section: the server, the dump and its checksum, the fault's writes. */
    private String databaseSection(Path root, List<String> kits, RehearsalDatabase db, String postgresVersion,
            String dataAtEnd) throws IOException {
        StringBuilder md = new StringBuilder("## Database\n\n")
                .append("PostgreSQL ").append(postgresVersion).append(": a **real local server** (")
                .append(db.binDir()).append(") on 127.0.0.1, ")
                .append(db.owned() ? "started for this rehearsal in a temporary directory and stopped and deleted"
                        + " at its end" : "shared with other rehearsals").append("; database `").append(db.database())
                .append("`, password generated per run (secret `").append(SecretNames.POSTGRES_PASSWORD)
                .append("`, never written).\n\n| Kit | Dump | SHA-256 (MANIFEST.sha256) |\n|---|---|---|\n");
        for (String kit : kits) {
            Path manifest = root.resolve(kit).resolve("MANIFEST.sha256");
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (line.endsWith(".dump") && line.length() > 66) {
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
}
