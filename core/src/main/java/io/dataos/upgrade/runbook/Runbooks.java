package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.RunbookPorts;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.model.Identifiers;
import io.dataos.upgrade.api.PreflightException;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanInputs;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanRules;
import io.dataos.upgrade.plan.PlanSeal;
import io.dataos.upgrade.plan.PlanType;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionState;
import io.dataos.upgrade.run.LeftoverPrivateFiles;
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

    /**
     * A reviewed plan file, refused unless it is a sealed plan of {@code type} that obeys the
     * planners' rules ({@link PlanRules}) and is exactly the plan its recorded inputs make again
     * ({@link PlanSeal}): the manifests it names must still have the recorded digests, and
     * {@code installed}/{@code target}, when the request names them (else null), must be those files.
     */
    public static Plan readPlan(Workspace workspace, String path, PlanType type, String source, String field,
            String installed, String target) throws IOException, InterruptedException {
        byte[] json = read(workspace, path, source, field);
        Plan plan = PlanJson.read(json, path);
        if (plan.type() != type) {
            throw new InvalidInputException(path, "type", "is " + plan.type() + ", but this runs a "
                    + type.name().toLowerCase(Locale.ROOT) + " plan: give the " + type.name().toLowerCase(Locale.ROOT)
                    + " plan written by dataos-upgrade plan " + type.name().toLowerCase(Locale.ROOT));
        }
        PlanRules.check(plan, path);
        PlanInputs inputs = PlanJson.inputs(json, path);
        if (inputs == null) {
            throw new InvalidInputException(path, "inputs", "is missing: the plan does not record what it was made"
                    + " from, so a run cannot make it again to prove it unedited; plan again with this version"
                    + " (dataos-upgrade plan " + type.name().toLowerCase(Locale.ROOT) + " --out-dir ..., or the"
                    + " dataosPlan step) and review that plan");
        }
        byte[] installedBytes = inputBytes(workspace, path, "inputs.installed", inputs.installed(), installed, source,
                "installed");
        byte[] targetBytes = inputBytes(workspace, path, "inputs.target", inputs.target(), target, source,
                type == PlanType.UPGRADE ? "release" : "target");
        PlanSeal.requireSame(plan, PlanSeal.derive(type, inputs, installedBytes, targetBytes), path);
        return plan;
    }

    /** The bytes of a recorded plan input, refused unless they still have the recorded digest. */
    private static byte[] inputBytes(Workspace workspace, String planPath, String field, PlanInputs.Input input,
            String given, String source, String givenField) throws IOException, InterruptedException {
        if (given != null) {
            byte[] bytes = read(workspace, given, source, givenField);
            if (!PlanInputs.sha256(bytes).equals(input.sha256())) {
                throw new InvalidInputException(planPath, field + ".sha256", "the plan was made from '"
                        + Identifiers.printable(input.path()) + "' with other contents than '" + Identifiers.printable(
                        given) + "' has now: plan again from the files you run with, and review that plan");
            }
            return bytes;
        }
        String relative = inWorkspace(workspace, input.path());
        if (relative == null || !workspace.exists(relative)) {
            throw new InvalidInputException(planPath, field + ".path", "'" + Identifiers.printable(input.path())
                    + "' is not a file in the workspace: a run makes the plan again from the files it was made from;"
                    + " keep them at that workspace-relative path (plan from the workspace folder) or name them in"
                    + " the request");
        }
        byte[] bytes = workspace.read(relative);
        if (!PlanInputs.sha256(bytes).equals(input.sha256())) {
            throw new InvalidInputException(planPath, field + ".sha256", "'" + Identifiers.printable(input.path())
                    + "' changed since the plan was made: plan again from it, and review that plan");
        }
        return bytes;
    }

    /** {@code path} relative to the workspace, or null when it lies outside it. */
    private static String inWorkspace(Workspace workspace, String path) {
        String relative = path;
        if (path.startsWith("/")) {
            java.nio.file.Path root = java.nio.file.Path.of(workspace.absolute(".")).toAbsolutePath().normalize();
            java.nio.file.Path file = java.nio.file.Path.of(path).normalize();
            if (!file.startsWith(root)) {
                return null;
            }
            relative = root.relativize(file).toString();
        }
        try {
            return RunbookSettings.relativePath("plan inputs", "path", relative);
        } catch (InvalidInputException e) {
            return null;
        }
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

    /** The production handlers of {@code run}, once its {@link #preflight} passed. */
    public static ActionHandlers handlers(RunbookRun run, RunbookPorts ports) {
        return RunbookHandlers.forRun(run, ports.clock());
    }

    /**
     * The run id of the newest complete backup kit in the workspace that holds a database dump and
     * was taken while {@code version} was installed, or null: a rollback's restore source when the
     * target names no snapshot.
     */
    public static String newestKitAt(Workspace workspace, String version) throws IOException, InterruptedException {
        String best = null;
        String bestCreated = "";
        for (String runId : workspace.list(io.dataos.upgrade.backup.BackupKit.RUNS_DIR)) {
            if (!RunbookSettings.safeName(runId)) {
                continue;
            }
            java.util.Optional<io.dataos.upgrade.backup.BackupRecord> kit;
            try {
                kit = RunbookRun.kitRecord(workspace, runId);
            } catch (IOException unreadable) {
                continue; // a torn kit.json is not a source; the preflight would say so for a named one
            }
            if (kit.isPresent() && kit.get().dumpFile() != null && kit.get().matchesVersion(version)) {
                String created = kit.get().createdAt() == null ? "" : kit.get().createdAt();
                if (best == null || created.compareTo(bestCreated) > 0) {
                    best = runId;
                    bestCreated = created;
                }
            }
        }
        return best;
    }

    /** Throws every problem of a preflight at once ({@link PreflightException}); nothing when there is none. */
    public static void refuse(List<InvalidInputException> problems) {
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
    }

    /**
     * The preflight of a run, before its first change: everything its remaining actions need. The
     * settings' template for every site action, the checks file, the values file, the restore
     * source (the backup kit must be in this workspace, unless {@code kitToCome} is the kit an
     * earlier part of the same request takes), the secrets and that the database answers (not in
     * a dry run, which needs no secret), and that every approval given in advance is by one of the
     * gate's approvers or their delegates. Each problem names its file and field and the fix; none
     * stops the search for the others.
     */
    public static List<InvalidInputException> preflight(RunbookRun run, RunbookPorts ports, String source,
            boolean dryRun, String kitToCome) throws IOException, InterruptedException {
        return preflight(run, ports, source, dryRun, kitToCome, null);
    }

    /**
     * {@link #preflight(RunbookRun, RunbookPorts, String, boolean, String)} with action {@code markedDone} taken as
     * done: the operator marks it done by hand in this very call, which is journaled only once preflight passes.
     */
    public static List<InvalidInputException> preflight(RunbookRun run, RunbookPorts ports, String source,
            boolean dryRun, String kitToCome, String markedDone) throws IOException, InterruptedException {
        List<InvalidInputException> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.function.Consumer<InvalidInputException> add = p -> {
            // one template missing for five stacks is one thing to fix
            if (p.source().equals(source) || seen.add(p.source() + "\0" + p.field())) {
                problems.add(p);
            }
        };
        io.dataos.upgrade.run.RunHistory history = io.dataos.upgrade.run.JournalReader.read(ports.workspace(),
                run.runId());
        java.util.function.Predicate<String> done = id -> id.equals(markedDone)
                || history.state(id) == ActionState.SUCCEEDED;
        ActionHandlers handlers = RunbookHandlers.forRun(run, ports.clock());
        handlers.problems(source, run.plan().actions(), done).forEach(add);
        boolean verifies = run.plan().actions().stream()
                .anyMatch(a -> a.kind() == ActionKind.VALIDATE || a.kind() == ActionKind.VERIFY_ROLLBACK);
        if (verifies && (run.settings().checks() == null || !ports.workspace().exists(run.settings().checks()))) {
            add.accept(new InvalidInputException(run.settings().source(), "checks", run.settings().checks() == null
                    ? "is missing: the plan verifies the platform; write the checks file (docs/verification.md) and"
                            + " name it here"
                    : "'" + run.settings().checks() + "' does not exist in the workspace: write the checks file"
                            + " (docs/verification.md) or fix the path"));
        }
        boolean needsValues = run.plan().actions().stream().anyMatch(a -> a.kind() == ActionKind.BACKUP
                || a.kind() == ActionKind.UPDATE_MANAGER_TAG || a.kind() == ActionKind.HELM_UPGRADE
                || a.kind() == ActionKind.PRE_CHECKS);
        if (needsValues && run.valuesFile() == null) {
            add.accept(new InvalidInputException(source, "valuesFile", "is missing: the plan backs up or edits the"
                    + " dataos-manager values file; give its workspace path (--values, valuesFile, or valuesFile in "
                    + run.settings().source() + ")"));
        }
        if (run.valuesFile() != null && !ports.workspace().exists(run.valuesFile())) {
            add.accept(new InvalidInputException(source, "valuesFile", "'" + run.valuesFile() + "' does not exist in"
                    + " the workspace: give the path of the dataos-manager values file"));
        }
        // Everything the plan will need is checked before its first action (the announcement, the backup):
        // the values file takes the new tag, and the manager release's names are ones Helm accepts.
        for (PlanAction action : run.plan().actions()) {
            if (done.test(action.id())) {
                continue;
            }
            if (action.kind() == ActionKind.UPDATE_MANAGER_TAG && run.valuesFile() != null
                    && ports.workspace().exists(run.valuesFile())) {
                try {
                    io.dataos.upgrade.values.ManagerValuesFile.updateImageTag(run.valuesFile(),
                            ports.workspace().read(run.valuesFile()), action.params().get(ActionParams.IMAGE_TAG));
                } catch (InvalidInputException cannotEdit) {
                    add.accept(cannotEdit);
                }
            }
            String release = action.params().get(ActionParams.RELEASE_NAME);
            if (release != null && Identifiers.releaseNameProblem(release) != null) {
                add.accept(new InvalidInputException(source, "action " + action.id() + " releaseName",
                        Identifiers.releaseNameProblem(release)));
            }
        }
        List<PlanAction> actions = run.plan().actions();
        boolean needsDatabase = false;
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            if (done.test(action.id())) {
                continue;
            }
            needsDatabase |= action.kind() == ActionKind.RESTORE_POSTGRES || (action.kind() == ActionKind.BACKUP
                    || action.kind() == ActionKind.RESTORE_CHECK) && run.backupEnabled();
            if (action.kind() == ActionKind.RESTORE_POSTGRES && PostgresRestoreHandler.fromKit(action)) {
                String kit = action.params().get(ActionParams.KIT_RUN);
                if (kit != null && !kit.equals(kitToCome) && RunbookSettings.safeName(kit)) {
                    java.util.Optional<io.dataos.upgrade.backup.BackupRecord> record = RunbookRun.kitRecord(
                            ports.workspace(), kit);
                    String version = action.params().get(ActionParams.RELEASE_VERSION);
                    if (record.isEmpty() || record.get().dumpFile() == null) {
                        add.accept(new InvalidInputException(source, "actions[" + i + "].params." + ActionParams.KIT_RUN,
                                "the restore " + action.id() + " takes PostgreSQL from the backup kit of run " + kit
                                        + ", which is not in this workspace ("
                                        + io.dataos.upgrade.backup.BackupKit.directoryFor(kit) + (record.isPresent()
                                        ? " holds no database dump" : " is missing or incomplete") + "): run the"
                                        + " rollback where that upgrade ran (the same workspace and --state-dir), or"
                                        + " plan again so that the restore uses a snapshot"));
                    } else if (version != null && !record.get().matchesVersion(version)) {
                        add.accept(new InvalidInputException(source, "actions[" + i + "].params." + ActionParams.KIT_RUN,
                                "the backup kit of run " + kit + " was taken at release "
                                        + record.get().platformVersion() + ", not " + version + ": plan again"));
                    }
                }
            }
        }
        if (!dryRun) {
            secretProblems(run, ports, source, done).forEach(add);
        }
        if (needsDatabase && run.settings().postgres() != null) {
            java.util.Optional<io.dataos.upgrade.secret.Secret> password = ports.secrets().find(
                    io.dataos.upgrade.postgres.PostgresConnection.PASSWORD_SECRET);
            if (password.isPresent()) {
                var db = run.settings().postgres();
                try {
                    new io.dataos.upgrade.postgres.PostgresClient(ports.runner(), db.binDir(), password.get(), null)
                            .sql(db.connection(), "SELECT 1");
                } catch (IOException | RuntimeException e) {
                    add.accept(new InvalidInputException(run.settings().source(), "postgres", "the database "
                            + db.connection().describe() + " does not answer (" + firstLine(e.getMessage()) + "): the"
                            + " plan backs it up or restores it; check host, port, database, user and the password"
                            + " secret " + io.dataos.upgrade.postgres.PostgresConnection.PASSWORD_SECRET));
                }
            }
        }
        problems.addAll(approvalProblems(run, ports, source, history));
        return problems;
    }

    /**
     * Records that a person completed action {@code actionId} of {@code run} by hand: journaled as
     * succeeded with {@code manual}, who ({@code by}), when and why, so the run continues after it
     * and the reports show it as manual. Only an action the run has reached (everything it depends
     * on succeeded and, for a gate, approved) can be marked; one already done is left as it is. Takes the release lock for the moment it writes.
     *
     * @throws InvalidInputException naming {@code option} for an unknown action, a gate, an action
     *     not reached yet, a run not started, or a missing reason; nothing was journaled
     */
    public static void markDone(RunbookRun run, RunbookPorts ports, String actionId, String by, String reason,
            String option) throws IOException, InterruptedException {
        RunLock lock = lock(ports, run.managerTarget().release(), run.runId(), by, false);
        try {
            io.dataos.upgrade.run.RunHistory history = io.dataos.upgrade.run.JournalReader.read(ports.workspace(),
                    run.runId());
            if (markable(run, history, actionId, reason, option).isEmpty()) {
                ports.log().accept(actionId + " is already done in run " + run.runId() + "; not marked again");
                return;
            }
            io.dataos.upgrade.run.Journal journal = io.dataos.upgrade.run.Journal.continuing(ports.workspace(),
                    history, ports.clock(), ports.journalProgress());
            String summary = "done by hand (manual) by " + by + ": " + reason.strip();
            journal.append(io.dataos.upgrade.run.EventType.ACTION_SUCCEEDED, io.dataos.upgrade.run.Journal
                    .about(actionId).put("manual", true).put("markedBy", by).put("reason", reason.strip())
                    .put("markedAt", ports.clock().instant().toString()).put("summary", summary));
            ports.log().accept(actionId + " marked " + summary);
        } finally {
            release(lock, ports);
        }
    }

    /**
     * Refuses what {@link #markDone} would refuse, writing nothing: a run checks the action it is asked to mark
     * before its preflight and journals the mark only once preflight (and, for an upgrade, the window) passed.
     */
    public static void checkMarkDone(RunbookRun run, RunbookPorts ports, String actionId, String reason,
            String option) throws IOException, InterruptedException {
        markable(run, io.dataos.upgrade.run.JournalReader.read(ports.workspace(), run.runId()), actionId, reason,
                option);
    }

    /** Action {@code actionId} if it can be marked done now, empty when it is done already. */
    private static java.util.Optional<PlanAction> markable(RunbookRun run, io.dataos.upgrade.run.RunHistory history,
            String actionId, String reason, String option) {
        PlanAction action = run.plan().action(actionId).orElseThrow(() -> new InvalidInputException(option, actionId,
                "is not an action of run " + run.runId() + ": give one of its action ids, e.g. "
                        + run.plan().actions().get(run.plan().actions().size() - 1).id()));
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(option, actionId, "needs a reason: say what was done by hand and why"
                    + " (--reason TEXT, markDoneReason)");
        }
        if (history.isEmpty()) {
            throw new InvalidInputException(option, actionId, "run " + run.runId() + " has not started: run it"
                    + " first; an action can be marked done once the run has reached it");
        }
        if (history.state(actionId) == ActionState.SUCCEEDED) {
            return java.util.Optional.empty();
        }
        var record = history.action(actionId);
        if (action.requiresApproval() && (record == null || !record.approved())) {
            throw new InvalidInputException(option, actionId, "is a gate that has not been approved: approve it"
                    + " (--approve " + actionId + "=APPROVER); it is not done by hand in its approvers' place");
        }
        List<String> waiting = action.dependsOn().stream()
                .filter(d -> history.state(d) != ActionState.SUCCEEDED).toList();
        if (!waiting.isEmpty()) {
            throw new InvalidInputException(option, actionId, "the run has not reached it: "
                    + String.join(", ", waiting) + " must succeed first");
        }
        return java.util.Optional.of(action);
    }

    /** Approvals given in advance by someone who is neither among a gate's approvers nor their delegate. */
    static List<InvalidInputException> approvalProblems(RunbookRun run, RunbookPorts ports, String source,
            io.dataos.upgrade.run.RunHistory history) {
        List<InvalidInputException> problems = new ArrayList<>();
        if (!ports.approvals().checksAuthority()) {
            return problems;
        }
        for (PlanAction gate : run.plan().gates()) {
            var before = history.action(gate.id());
            if (before != null && before.approved()) {
                continue; // approved in an earlier attempt, and checked then
            }
            ports.approvals().inAdvance(gate).flatMap(approved -> io.dataos.upgrade.run.ApproverAuthority.refusal(
                    gate, approved, run.settings().delegates())).ifPresent(why -> problems.add(
                    new InvalidInputException("approvals", gate.id(), why)));
        }
        return problems;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no message";
        }
        String line = text.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }

    private static List<InvalidInputException> secretProblems(RunbookRun run, RunbookPorts ports, String source,
            java.util.function.Predicate<String> done) {
        List<InvalidInputException> problems = new ArrayList<>();
        java.util.Set<String> warnedInIds = new java.util.HashSet<>();
        java.util.Set<String> missing = new java.util.HashSet<>();
        for (PlanAction action : run.plan().actions()) {
            if (done.test(action.id())) {
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
            if (secret != null && found.isEmpty() && missing.add(secret)) {
                problems.add(new InvalidInputException(source, "secret " + secret, "is not provided but action "
                        + action.id() + " needs it: " + new io.dataos.upgrade.api.MissingSecretException(secret)
                        .getMessage().replaceFirst("^secret '[^']*' is not configured: ", "") + "; nothing was run"));
            }
            if (found.isPresent() && warnedInIds.add(secret) && occursInIds(run, found.get().reveal())) {
                // Named by kind only: printing the identifiers would print the secret.
                ports.log().accept("warning: the value of secret '" + secret + "' occurs in this run's own"
                        + " identifiers (run id, action ids or release names): they stay exact in the journal, but"
                        + " wherever they appear in output, messages and reports that text is shown as "
                        + io.dataos.upgrade.secret.Secret.MASK + "; check that the secret is the real value");
            }
        }
        return problems;
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

    /** The short-lived private files a handler writes into its run folder and deletes when it ends. */
    static final List<String> PRIVATE_FILES = List.of(ManagerUpgrade.OVERLAY_NAME);

    /**
     * The release lock, unless this is a dry run (which changes nothing); once it is held, the private
     * files earlier runs left behind ({@link LeftoverPrivateFiles}) are removed.
     */
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
        try {
            // Before anything else: a killed run's key overlay must not outlive it, whatever runs next.
            LeftoverPrivateFiles.remove(ports.workspace(), PRIVATE_FILES, lock, ports.log());
        } catch (IOException | RuntimeException e) {
            release(lock, ports);
            throw e;
        }
        return lock;
    }

    /**
     * Removes the private files earlier runs of the release left behind (a killed run's key overlay) before
     * anything else of this run, even a preflight that then refuses it: when there are any, the release lock
     * is taken for the moment it takes ({@link #lock} removes them) and given back. A dry run changes nothing.
     */
    public static void removeLeftoversFirst(RunbookPorts ports, String release, String runId, String startedBy,
            boolean dryRun) throws IOException, InterruptedException {
        if (dryRun || !anyLeftover(ports.workspace())) {
            return;
        }
        release(lock(ports, release, runId, startedBy, false), ports);
    }

    private static boolean anyLeftover(Workspace workspace) throws IOException, InterruptedException {
        for (String run : workspace.list(io.dataos.upgrade.run.Journal.RUNS_DIR)) {
            for (String name : PRIVATE_FILES) {
                if (workspace.exists(io.dataos.upgrade.run.Journal.RUNS_DIR + "/" + run + "/" + name)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static void release(RunLock lock, RunbookPorts ports) {
        if (lock == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            try {
                // again at the end: a killed run's command that was still running at the start has ended by now
                LeftoverPrivateFiles.remove(ports.workspace(), PRIVATE_FILES, lock, ports.log());
            } catch (IOException | RuntimeException e) {
                ports.log().accept("warning: could not remove the private files earlier runs left (" + e.getMessage()
                        + "); the next run of the release tries again");
            } catch (InterruptedException e) {
                interrupted = true;
            }
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
        ports.runner().withholdVariables(run.settings().withheldVariables());
        PlanExecutor executor = PlanExecutor.builder(ports.workspace(), ports.runner(), handlers)
                .approvals(new io.dataos.upgrade.run.ApproverAuthority(ports.approvals(), run.settings().delegates()))
                .secrets(ports.secrets())
                .log(ports.log())
                .journalListener(ports.journalProgress())
                .parallelism(run.settings().parallelism())
                .clock(ports.clock())
                .build();
        return executor.run(new RunRequest(run.runId(), run.plan().id(), run.plan().actions(), dryRun, startedBy, null,
                source).because(run.reason()));
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
