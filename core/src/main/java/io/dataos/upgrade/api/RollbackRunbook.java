package io.dataos.upgrade.api;

import io.dataos.upgrade.runbook.Runbooks;
import io.dataos.upgrade.runbook.RunbookRun;
import io.dataos.upgrade.runbook.RunbookSettings;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanType;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunLock;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.verify.VerificationReport;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The runbook's rollback as one operation: a reviewed rollback plan file, or one planned from the
 * installed state and the rollback target, run top-down (preparation, User Space, Core Kernel, Cloud
 * Kernel, the dataos-manager release, post-rollback verification) by the executor under the release's
 * run lock. Gates pass only when the {@link io.dataos.upgrade.run.Approvals} approve them; a gate not
 * approved stops the run there ({@link RunbookStatus#WAITING_FOR_APPROVAL}), and re-running with it
 * approved resumes without repeating what succeeded. The run report and RCA report are written
 * after every real run.
 */
public final class RollbackRunbook {

    static final String SOURCE = "rollback request";

    private final RunbookPorts ports;

    public RollbackRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs (or resumes, or in a dry run shows) the rollback.
     *
     * @throws InvalidInputException for bad input or a plan the settings cannot carry out; nothing was run
     * @throws io.dataos.upgrade.run.RunLockedException when another run holds the release lock
     */
    public RunbookResult run(RollbackRequest request) throws IOException, InterruptedException {
        RunbookSettings settings = RunbookSettings.load(ports.workspace(), request.settings())
                .with(request.overrides());
        PlatformState installed = request.installed() == null ? null : Runbooks.withStakeholders(
                Runbooks.readState(ports.workspace(), request.installed(), SOURCE, "installed"), settings);
        Plan plan;
        String source;
        if (request.plan() != null) {
            plan = Runbooks.readPlan(ports.workspace(), request.plan(), PlanType.ROLLBACK, SOURCE, "plan",
                    request.installed(), request.target());
            source = request.plan();
            if (installed != null && !plan.fromVersion().equals(installed.version().toString())) {
                throw new InvalidInputException(request.plan(), "fromVersion", "the plan rolls back from "
                        + plan.fromVersion() + " but " + request.installed() + " is " + installed.version()
                        + ": plan again from what is installed");
            }
        } else {
            if (installed == null) {
                throw new InvalidInputException(SOURCE, "installed", "is missing: give the plan file (--plan) or the"
                        + " installed platform state (--installed) with the rollback target (--target)");
            }
            String targetPath = Runbooks.require(request.target(), SOURCE, "target", "the workspace path of the"
                    + " rollback target (a release manifest or a platform state recorded before the upgrade)");
            PlatformManifest target = Runbooks.readManifest(ports.workspace(), targetPath, SOURCE, "target");
            // With no snapshot named, PostgreSQL comes back from the newest kit of the target release here.
            String kit = target.cloudKernel().postgres() == null || target.cloudKernel().postgres().snapshot() != null
                    ? null : Runbooks.newestKitAt(ports.workspace(), target.version().toString());
            plan = new RollbackPlanner().withKitAtTarget(kit).plan(installed, target);
            source = SOURCE;
        }
        String values = request.valuesFile() != null ? request.valuesFile() : settings.valuesFile();
        values = values == null ? null : RunbookSettings.relativePath(SOURCE, "valuesFile", values);
        String runId = request.runId() != null ? Journal.checkRunId(request.runId().strip(), "runId") : plan.id();
        RunbookRun run = new RunbookRun(settings, plan, runId, values, request.installed(), installed, true, null,
                request.reason(), List.of());
        ports.approvals().requireKnownGates(plan.gates().stream().map(gate -> gate.id()).toList(), source);
        if (plan.isEmpty()) {
            ports.log().accept(plan.message());
            return RunbookResults.nothingToDo("rollback", plan, runId, request.dryRun());
        }
        // the mark is checked now and journaled once preflight passed: a refused run records nothing
        String marked = request.markDone() != null && !request.dryRun() ? request.markDone().strip() : null;
        if (marked != null) {
            Runbooks.checkMarkDone(run, ports, marked, request.markDoneReason(), "markDone");
        }
        Runbooks.removeLeftoversFirst(ports, run.managerTarget().release(), runId, request.startedBy(),
                request.dryRun());
        // Preflight: everything the plan needs, every problem at once, before the first change.
        Runbooks.refuse(Runbooks.preflight(run, ports, source, request.dryRun(), null, marked));
        if (marked != null) {
            Runbooks.markDone(run, ports, marked, request.startedBy() != null ? request.startedBy()
                    : System.getProperty("user.name", "unknown"), request.markDoneReason(), "markDone");
        }
        ActionHandlers handlers = Runbooks.handlers(run, ports);
        RunLock lock = Runbooks.lock(ports, run.managerTarget().release(), runId, request.startedBy(),
                request.dryRun());
        try {
            ports.log().accept((request.dryRun() ? "DRY RUN of rollback " : "rollback ") + plan.fromVersion() + " -> "
                    + plan.toVersion() + ", run " + runId + ": " + plan.message());
            RunResult result = Runbooks.execute(run, handlers, ports, request.dryRun(), request.startedBy(),
                    source.equals(SOURCE) ? "rollback plan " + plan.id() : source);
            if (request.dryRun() || result.status() == io.dataos.upgrade.run.RunStatus.INTERRUPTED) {
                // an interrupted run stops now: the journal already says where it stood
                return RunbookResults.ended("rollback", run, result, null, List.of(), null);
            }
            var failed = Runbooks.action(plan, result.failedAction());
            VerificationReport verification = failed == null ? null
                    : Runbooks.verification(ports, settings, runId, failed.id());
            List<String> reports = ReportRunbook.write(ports, settings, JournalReader.read(ports.workspace(), runId),
                    ReportRunbook.defaultDir(settings, runId)).files();
            String failedCheck = verification == null || verification.problems().isEmpty() ? null
                    : verification.problems().get(0).name();
            return RunbookResults.ended("rollback", run, result, failedCheck, reports, null);
        } finally {
            Runbooks.release(lock, ports);
        }
    }
}
