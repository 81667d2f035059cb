package io.dataos.upgrade.api;

import io.dataos.upgrade.runbook.Runbooks;
import io.dataos.upgrade.runbook.RunbookRun;
import io.dataos.upgrade.runbook.RunbookSettings;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.backup.BackupKit;
import io.dataos.upgrade.backup.BackupRecord;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanType;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.plan.UpgradePlanner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunLock;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.run.RunStatus;
import io.dataos.upgrade.verify.VerificationReport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The runbook's upgrade as one operation, Helm-{@code action}-style: the installed state, the release
 * and the dataos-manager values file are planned into the five phases (release notes and
 * announcement, approved window, pre-checks with a backup proven to restore, tag update and
 * {@code helm upgrade}, post-upgrade validation); outside the maintenance window it refuses to start
 * unless forced; the executor runs the plan, asking the {@link io.dataos.upgrade.run.Approvals} at
 * gates, under the release's run lock. With {@code autoRollback}, a failed validation is answered at
 * once: the rollback is planned back to the platform state recorded in the run's backup kit, run
 * (with its own gates and its post-rollback verification), and the run and root-cause-analysis
 * reports are written. Re-running the same request resumes where it stopped.
 */
public final class UpgradeRunbook {

    static final String SOURCE = "upgrade request";

    private final RunbookPorts ports;

    public UpgradeRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Refuses a maintenance window that cannot be read or has already ended, naming {@code source}
     * and {@code field} (a front door checks its own argument before building the request).
     */
    public static void checkWindow(String spec, Instant now, String source, String field) {
        MaintenanceWindow.parse(spec, now, source, field);
    }

    /** The run id of the automatic rollback of upgrade run {@code runId}. */
    public static String rollbackRunId(String runId) {
        return runId + "-rollback";
    }

    /**
     * Runs (or resumes, or in a dry run shows) the upgrade.
     *
     * @throws InvalidInputException for bad input (naming the file or argument and the field), a plan
     *     the settings cannot carry out, or a start outside the maintenance window without force;
     *     nothing was run
     * @throws io.dataos.upgrade.run.RunLockedException when another run holds the release lock
     */
    public RunbookResult run(UpgradeRequest request) throws IOException, InterruptedException {
        RunbookSettings settings = RunbookSettings.load(ports.workspace(), request.settings())
                .with(request.overrides());
        String installedPath = Runbooks.require(request.installed(), SOURCE, "installed", "the workspace path of"
                + " the platform state installed now (kind: PlatformState)");
        String releasePath = Runbooks.require(request.release(), SOURCE, "release", "the workspace path of the"
                + " release manifest to upgrade to (kind: Release)");
        String values = request.valuesFile() != null ? request.valuesFile() : settings.valuesFile();
        values = Runbooks.require(values, SOURCE, "valuesFile", "the workspace path of the dataos-manager values"
                + " file (or valuesFile in " + settings.source() + ")");
        values = RunbookSettings.relativePath(SOURCE, "valuesFile", values);
        PlatformState installed = Runbooks.withStakeholders(
                Runbooks.readState(ports.workspace(), installedPath, SOURCE, "installed"), settings);
        Release release = Runbooks.readRelease(ports.workspace(), releasePath, SOURCE, "release");
        Instant now = ports.clock().instant();
        String windowSource = request.maintenanceWindow() != null ? SOURCE : settings.source();
        String windowSpec = request.maintenanceWindow() != null ? request.maintenanceWindow()
                : settings.maintenanceWindow();
        MaintenanceWindow window = windowSpec == null ? null
                : MaintenanceWindow.parse(windowSpec, now, windowSource, "maintenanceWindow");
        Plan plan;
        if (request.plan() != null) {
            plan = Runbooks.readPlan(ports.workspace(), request.plan(), PlanType.UPGRADE, SOURCE, "plan",
                    installedPath, releasePath);
            requireSameVersions(plan, installed, release, request.plan());
        } else {
            plan = new UpgradePlanner(ports.clock()).plan(installed, release, window);
        }
        String runId = request.runId() != null ? Journal.checkRunId(request.runId().strip(), "runId") : plan.id();
        RunbookRun run = new RunbookRun(settings, plan, runId, values, installedPath, installed, request.backup(),
                null, null, List.of());
        if (plan.isEmpty()) {
            ports.log().accept(plan.message());
            return RunbookResults.nothingToDo("upgrade", plan, runId, request.dryRun());
        }
        // An action of the automatic rollback (once it has started) is marked in the rollback's run. The mark is
        // checked now and journaled once preflight and the window let the run start: a refused run records nothing.
        RunbookRun markIn = null;
        String marked = request.markDone() != null && !request.dryRun() ? request.markDone().strip() : null;
        if (marked != null) {
            markIn = run;
            if (plan.action(marked).isEmpty() && request.autoRollback()
                    && !JournalReader.read(ports.workspace(), rollbackRunId(runId)).isEmpty()) {
                PlatformState target = recordedState(runId).orElse(installed);
                markIn = rollbackRun(run, rollbackPlanner(run).plan(Runbooks.installedAfter(release, installed),
                        target), installed, release, null, List.of());
            }
            Runbooks.checkMarkDone(markIn, ports, marked, request.markDoneReason(), "markDone");
        }
        Runbooks.removeLeftoversFirst(ports, run.managerTarget().release(), runId, request.startedBy(),
                request.dryRun());
        // Preflight: everything the upgrade (and its automatic rollback) needs, every problem at once.
        List<InvalidInputException> problems = new ArrayList<>(Runbooks.preflight(run, ports,
                request.plan() != null ? request.plan() : SOURCE, request.dryRun(), null, marked));
        Plan rollbackPlan = null;
        if (request.autoRollback()) {
            // The rollback must be possible before the upgrade starts, not discovered broken after a failure.
            rollbackPlan = rollbackPlanner(run).plan(Runbooks.installedAfter(release, installed), installed);
            RunbookRun planned = rollbackRun(run, rollbackPlan, installed, release, null, List.of());
            // the upgrade's own backup takes the kit its rollback restores
            problems.addAll(Runbooks.preflight(planned, ports, "automatic rollback plan " + rollbackPlan.id(),
                    request.dryRun(), run.runId(), marked));
        }
        Runbooks.refuse(problems);
        ActionHandlers handlers = Runbooks.handlers(run, ports);
        java.util.Set<String> gateIds = new java.util.TreeSet<>();
        plan.gates().forEach(gate -> gateIds.add(gate.id()));
        if (rollbackPlan != null) {
            rollbackPlan.gates().forEach(gate -> gateIds.add(gate.id()));
        }
        ports.approvals().requireKnownGates(gateIds, request.plan() != null ? request.plan() : SOURCE);
        MaintenanceWindow effective = window != null ? window : installed.maintenanceWindow();
        if (effective != null && !effective.contains(now)) {
            String next = effective.next(now).map(s -> " (next opens " + s.start() + ")").orElse("");
            String source = window != null ? windowSource : installedPath;
            if (request.dryRun() || request.force()) {
                ports.log().accept("warning: now (" + now + ") is outside the maintenance window " + effective.spec()
                        + next + (request.dryRun() ? "; a dry run changes nothing" : "; starting anyway: forced"));
            } else {
                throw new InvalidInputException(source, "maintenanceWindow", "now (" + now + ") is outside the"
                        + " maintenance window " + effective.spec() + next + ": the upgrade refuses to start; run it"
                        + " inside the window, or force it (--force, force: true); nothing was run");
            }
        }

        if (marked != null) {
            Runbooks.markDone(markIn, ports, marked, request.startedBy() != null ? request.startedBy()
                    : System.getProperty("user.name", "unknown"), request.markDoneReason(), "markDone");
        }
        RunLock lock = Runbooks.lock(ports, run.managerTarget().release(), runId, request.startedBy(),
                request.dryRun());
        try {
            String rollbackId = rollbackRunId(runId);
            if (!request.dryRun() && request.autoRollback()
                    && !JournalReader.read(ports.workspace(), rollbackId).isEmpty()) {
                ports.log().accept("the automatic rollback " + rollbackId + " of this upgrade has started: resuming"
                        + " it (the upgrade itself is not run again)");
                return rollBack(run, null, installed, release, request);
            }
            ports.log().accept((request.dryRun() ? "DRY RUN of upgrade " : "upgrade ") + plan.fromVersion() + " -> "
                    + plan.toVersion() + ", run " + runId + ": " + plan.message());
            RunResult result = Runbooks.execute(run, handlers, ports, request.dryRun(), request.startedBy(),
                    request.plan() != null ? request.plan() : "upgrade plan " + plan.id());
            if (request.dryRun() || result.status() == RunStatus.INTERRUPTED) {
                // an interrupted run stops now: the journal already says where it stood
                return RunbookResults.ended("upgrade", run, result, null, List.of(), null);
            }
            PlanAction failed = Runbooks.action(plan, result.failedAction());
            VerificationReport validation = failed != null && failed.kind() == ActionKind.VALIDATE
                    ? Runbooks.verification(ports, settings, runId, failed.id()) : null;
            if (result.status() == RunStatus.FAILED && failed != null && failed.kind() == ActionKind.VALIDATE
                    && request.autoRollback()) {
                return rollBack(run, result, installed, release, request);
            }
            List<String> reports = ReportRunbook.write(ports, settings, JournalReader.read(ports.workspace(), runId),
                    ReportRunbook.defaultDir(settings, runId)).files();
            return RunbookResults.ended("upgrade", run, result, firstProblem(validation), reports, null);
        } finally {
            Runbooks.release(lock, ports);
        }
    }

    /**
     * The automatic rollback after a failed validation: back to the state the backup kit recorded
     * (else the installed state of the request), then the reports of both runs.
     */
    private RunbookResult rollBack(RunbookRun upgrade, RunResult upgradeResult, PlatformState installed,
            Release release, UpgradeRequest request) throws IOException, InterruptedException {
        RunbookSettings settings = upgrade.settings();
        PlanAction validate = upgrade.first(ActionKind.VALIDATE).orElseThrow();
        VerificationReport validation = Runbooks.verification(ports, settings, upgrade.runId(), validate.id());
        List<String> failedChecks = Runbooks.problems(validation);
        PlatformState target = recordedState(upgrade.runId()).orElse(installed);
        Plan plan = rollbackPlanner(upgrade).plan(Runbooks.installedAfter(release, installed), target);
        String reason = validation != null ? validation.rollbackReason().orElse("the post-upgrade validation failed")
                : "the post-upgrade validation failed";
        RunbookRun run = rollbackRun(upgrade, plan, installed, release, reason, failedChecks);
        Runbooks.refuse(Runbooks.preflight(run, ports, "automatic rollback plan " + plan.id(), false, null));
        ActionHandlers handlers = Runbooks.handlers(run, ports);
        ports.log().accept("post-upgrade validation failed: rolling back to " + plan.toVersion() + " (run "
                + run.runId() + "): " + plan.message());
        RunResult result = Runbooks.execute(run, handlers, ports, false, request.startedBy(),
                "automatic rollback plan " + plan.id());
        if (result.status() == RunStatus.INTERRUPTED) {
            return rolledBackResult(upgrade, upgradeResult, run, result, validate, validation, failedChecks, reason,
                    List.of());
        }
        List<String> reports = new ArrayList<>(ReportRunbook.write(ports, settings,
                JournalReader.read(ports.workspace(), upgrade.runId()),
                ReportRunbook.defaultDir(settings, upgrade.runId())).files());
        reports.addAll(ReportRunbook.write(ports, settings, JournalReader.read(ports.workspace(), run.runId()),
                ReportRunbook.defaultDir(settings, run.runId())).files());
        return rolledBackResult(upgrade, upgradeResult, run, result, validate, validation, failedChecks, reason,
                reports);
    }

    private RunbookResult rolledBackResult(RunbookRun upgrade, RunResult upgradeResult, RunbookRun run,
            RunResult result, PlanAction validate, VerificationReport validation, List<String> failedChecks,
            String reason, List<String> reports) {
        String message = "upgrade " + upgrade.plan().fromVersion() + " -> " + upgrade.plan().toVersion() + " failed"
                + " its validation (" + (failedChecks.isEmpty() ? "see " + validate.id() : String.join("; ",
                failedChecks)) + "); automatic rollback: " + result.message();
        ports.log().accept(message);
        return RunbookResults.rolledBack(upgrade, upgradeResult, run, result, validate.id(),
                firstProblem(validation), reason, message, reports);
    }

    /**
     * The planner of the automatic rollback: PostgreSQL comes back from the upgrade's own backup kit
     * when the upgrade takes one with a database dump.
     */
    private static RollbackPlanner rollbackPlanner(RunbookRun upgrade) {
        boolean kitHasDump = upgrade.backupEnabled() && upgrade.settings().postgres() != null;
        return new RollbackPlanner().undoingUpgrade(kitHasDump ? upgrade.runId() : null);
    }

    private RunbookRun rollbackRun(RunbookRun upgrade, Plan plan, PlatformState installed, Release release,
            String reason, List<String> failedChecks) {
        // The platform now runs the release: its manifest is the "installed" file the rollback's backup records.
        return new RunbookRun(upgrade.settings(), plan, rollbackRunId(upgrade.runId()), upgrade.valuesFile(),
                release.source(), Runbooks.installedAfter(release, installed), true, upgrade.runId(), reason,
                failedChecks);
    }

    /** The pre-upgrade platform state the run's backup kit recorded, if the kit is complete and holds one. */
    private Optional<PlatformState> recordedState(String runId) throws IOException, InterruptedException {
        Optional<BackupRecord> kit = RunbookRun.kitRecord(ports.workspace(), runId);
        if (kit.isEmpty() || kit.get().platformStateFile() == null) {
            return Optional.empty();
        }
        String file = BackupKit.directoryFor(runId) + "/" + kit.get().platformStateFile();
        PlatformState recorded = Manifests.readPlatformState(ports.workspace().read(file), file);
        ports.log().accept("rollback target: the platform state recorded in the backup kit (" + file + ")");
        return Optional.of(recorded);
    }

    private static String firstProblem(VerificationReport report) {
        return report == null || report.problems().isEmpty() ? null : report.problems().get(0).name();
    }

    private static void requireSameVersions(Plan plan, PlatformState installed, Release release, String source) {
        if (!plan.fromVersion().equals(installed.version().toString())
                || !plan.toVersion().equals(release.version().toString())) {
            throw new InvalidInputException(source, "fromVersion", "the plan goes " + plan.fromVersion() + " -> "
                    + plan.toVersion() + " but the installed state is " + installed.version() + " and the release "
                    + release.version() + ": plan again (dataos-upgrade plan upgrade) or give the matching files");
        }
    }
}
