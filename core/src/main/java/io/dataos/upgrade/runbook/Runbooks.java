package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.RunbookPorts;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanType;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionState;
import io.dataos.upgrade.run.LockHolder;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.RunLock;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.VerificationJson;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.api.Workspace;
import io.dataos.upgrade.yaml.StrictYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the upgrade and rollback facades share: reading inputs, running a plan, reading results back. */
public final class Runbooks {

    private Runbooks() {
    }

    public static String require(String value, String source, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(source, field, "is missing: give " + what);
        }
        return value.strip();
    }

    /**
     * The bytes of workspace file {@code path}, refusing a missing one with {@code field} named, and
     * one larger than {@link StrictYaml#MAX_BYTES}, learnt by a bounded read.
     */
    public static byte[] read(Workspace workspace, String path, String source, String field)
            throws IOException, InterruptedException {
        String relative = RunbookSettings.relativePath(source, field, path);
        if (!workspace.exists(relative)) {
            throw new InvalidInputException(source, field, "'" + path + "' does not exist in the workspace: check the"
                    + " path (it is relative to the workspace)");
        }
        byte[] bytes = workspace.readAtMost(relative, StrictYaml.MAX_BYTES);
        if (bytes.length > StrictYaml.MAX_BYTES) {
            throw new InvalidInputException(path, "(file)", "is larger than " + (StrictYaml.MAX_BYTES >> 20)
                    + " MiB: an input of the runbook is far smaller; check that this is the right file");
        }
        return bytes;
    }

    public static PlatformState readState(Workspace workspace, String path, String source, String field)
            throws IOException, InterruptedException {
        return Manifests.readPlatformState(read(workspace, path, source, field), path);
    }

    public static Release readRelease(Workspace workspace, String path, String source, String field)
            throws IOException, InterruptedException {
        return Manifests.readRelease(read(workspace, path, source, field), path);
    }

    public static PlatformManifest readManifest(Workspace workspace, String path, String source, String field)
            throws IOException, InterruptedException {
        return Manifests.read(read(workspace, path, source, field), path);
    }

    /** A reviewed plan file, refused unless it is a plan of {@code type}. */
    public static Plan readPlan(Workspace workspace, String path, PlanType type, String source, String field)
            throws IOException, InterruptedException {
        Plan plan = PlanJson.read(read(workspace, path, source, field), path);
        if (plan.type() != type) {
            throw new InvalidInputException(path, "type", "is " + plan.type() + ", but this runs a "
                    + type.name().toLowerCase(Locale.ROOT) + " plan: give the " + type.name().toLowerCase(Locale.ROOT)
                    + " plan written by dataos-upgrade plan " + type.name().toLowerCase(Locale.ROOT));
        }
        return plan;
    }

    /** {@code state} with the settings' stakeholders when the settings name any. */
    public static PlatformState withStakeholders(PlatformState state, RunbookSettings settings) {
        if (settings.stakeholders() == null) {
            return state;
        }
        return new PlatformState(state.source(), state.version(), state.manager(), state.userSpace(),
                state.coreKernel(), state.cloudKernel(), settings.stakeholders(), state.maintenanceWindow());
    }

    /** What runs once {@code release} is installed over {@code before}: the release's layers, the site's people. */
    public static PlatformState installedAfter(Release release, PlatformState before) {
        return new PlatformState(release.source(), release.version(), release.manager(), release.userSpace(),
                release.coreKernel(), release.cloudKernel(), before.stakeholders(), before.maintenanceWindow());
    }

    /**
     * Refuses a plan the settings cannot carry out (a missing command template, checks file,
     * database), before anything runs; returns the handlers.
     */
    public static ActionHandlers checked(RunbookRun run, RunbookPorts ports, String source)
            throws IOException, InterruptedException {
        ActionHandlers handlers = RunbookHandlers.forRun(run, ports.clock());
        handlers.check(source, run.plan().actions());
        boolean verifies = run.plan().actions().stream()
                .anyMatch(a -> a.kind() == ActionKind.VALIDATE || a.kind() == ActionKind.VERIFY_ROLLBACK);
        if (verifies && !ports.workspace().exists(run.settings().checks())) {
            throw new InvalidInputException(run.settings().source(), "checks", "'" + run.settings().checks()
                    + "' does not exist in the workspace: write the checks file (docs/verification.md) or fix the"
                    + " path");
        }
        boolean needsValues = run.plan().actions().stream().anyMatch(a -> a.kind() == ActionKind.BACKUP
                || a.kind() == ActionKind.UPDATE_MANAGER_TAG || a.kind() == ActionKind.HELM_UPGRADE
                || a.kind() == ActionKind.PRE_CHECKS);
        if (needsValues && run.valuesFile() == null) {
            throw new InvalidInputException(source, "valuesFile", "is missing: the plan backs up or edits the"
                    + " dataos-manager values file; give its workspace path (--values, valuesFile, or valuesFile in "
                    + run.settings().source() + ")");
        }
        if (run.valuesFile() != null && !ports.workspace().exists(run.valuesFile())) {
            throw new InvalidInputException(source, "valuesFile", "'" + run.valuesFile() + "' does not exist in the"
                    + " workspace: give the path of the dataos-manager values file");
        }
        return handlers;
    }

    /**
     * Refuses to start a real run whose remaining actions need a secret nobody provided (the Prime
     * API key for the Helm upgrade, the database password for the backup and restore), before
     * anything runs rather than half way.
     */
    public static void requireSecrets(RunbookRun run, RunbookPorts ports, String source)
            throws IOException, InterruptedException {
        io.dataos.upgrade.run.RunHistory history = io.dataos.upgrade.run.JournalReader.read(ports.workspace(),
                run.runId());
        java.util.Set<String> warnedInIds = new java.util.HashSet<>();
        for (PlanAction action : run.plan().actions()) {
            if (history.state(action.id()) == ActionState.SUCCEEDED) {
                continue;
            }
            String secret = switch (action.kind()) {
                case HELM_UPGRADE -> io.dataos.upgrade.helm.ManagerUpgrade.PRIME_API_KEY;
                case BACKUP, RESTORE_CHECK -> run.settings().postgres() != null && run.backupEnabled()
                        ? io.dataos.upgrade.postgres.PostgresConnection.PASSWORD_SECRET : null;
                case RESTORE_POSTGRES -> io.dataos.upgrade.postgres.PostgresConnection.PASSWORD_SECRET;
                default -> null;
            };
            java.util.Optional<io.dataos.upgrade.secret.Secret> found = secret == null ? java.util.Optional.empty()
                    : ports.secrets().find(secret);
            if (secret != null && found.isEmpty()) {
                throw new InvalidInputException(source, "secret " + secret, "is not provided but action "
                        + action.id() + " needs it: " + new io.dataos.upgrade.api.MissingSecretException(secret)
                        .getMessage().replaceFirst("^secret '[^']*' is not configured: ", "") + "; nothing was run");
            }
            if (found.isPresent() && warnedInIds.add(secret) && occursInIds(run, found.get().reveal())) {
                // Named by kind only: printing the identifiers would print the secret.
                ports.log().accept("warning: the value of secret '" + secret + "' occurs in this run's own"
                        + " identifiers (run id, action ids or release names): they stay exact in the journal, but"
                        + " wherever they appear in output, messages and reports that text is shown as "
                        + io.dataos.upgrade.secret.Secret.MASK + "; check that the secret is the real value");
            }
        }
    }

    private static boolean occursInIds(RunbookRun run, String value) {
        if (run.runId().contains(value)) {
            return true;
        }
        for (PlanAction action : run.plan().actions()) {
            if (action.id().contains(value) || action.params().getOrDefault(io.dataos.upgrade.plan.ActionParams.RELEASE_NAME, "")
                    .contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** The release lock, unless this is a dry run (which changes nothing). */
    public static RunLock lock(RunbookPorts ports, String release, String runId, String startedBy, boolean dryRun)
            throws IOException, InterruptedException {
        if (dryRun) {
            return null;
        }
        RunLock lock = RunLock.acquire(ports.workspace(), release, LockHolder.current(runId, startedBy, ports.clock()),
                RunLock.DEFAULT_STALE_AFTER, ports.clock());
        if (lock.takenOverFrom() != null) {
            ports.log().accept("took over the stale lock " + lock.file() + " of " + lock.takenOverFrom().describe()
                    + ": " + lock.takeOverReason());
        }
        return lock;
    }

    public static void release(RunLock lock, RunbookPorts ports) {
        if (lock == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            lock.release();
        } catch (IOException | InterruptedException e) {
            ports.log().accept("warning: could not remove the lock file " + lock.file() + " (" + e.getMessage()
                    + "); the next run finds it stale and takes it over");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs (or resumes, or shows) {@code run}'s plan with the executor. */
    public static RunResult execute(RunbookRun run, ActionHandlers handlers, RunbookPorts ports, boolean dryRun,
            String startedBy, String source) throws IOException, InterruptedException {
        PlanExecutor executor = PlanExecutor.builder(ports.workspace(), ports.runner(), handlers)
                .approvals(ports.approvals())
                .secrets(ports.secrets())
                .log(ports.log())
                .journalListener(ports.journalProgress())
                .parallelism(run.settings().parallelism())
                .clock(ports.clock())
                .build();
        return executor.run(new RunRequest(run.runId(), run.plan().id(), run.plan().actions(), dryRun, startedBy, null,
                source));
    }

    /** The verification results a failed verification action kept, or null. */
    public static VerificationReport verification(RunbookPorts ports, RunbookSettings settings, String runId,
            String actionId) throws IOException, InterruptedException {
        String file = VerificationHandler.resultsFile(settings, runId, actionId);
        if (!ports.workspace().exists(file)) {
            return null;
        }
        return VerificationJson.parse(file, new String(ports.workspace().read(file), StandardCharsets.UTF_8));
    }

    /** "name (STATUS: message)" of every check that did not pass. */
    public static List<String> problems(VerificationReport report) {
        List<String> lines = new ArrayList<>();
        if (report != null) {
            for (CheckResult r : report.problems()) {
                lines.add(r.name() + " (" + r.status() + ": " + r.message() + ")");
            }
        }
        return lines;
    }

    /** The plan action {@code id}, or null. */
    public static PlanAction action(Plan plan, String id) {
        return id == null ? null : plan.action(id).orElse(null);
    }
}
