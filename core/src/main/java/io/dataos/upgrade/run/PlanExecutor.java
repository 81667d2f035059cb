package io.dataos.upgrade.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a plan's DAG: independent actions in parallel up to a bound, each only after everything it
 * depends on succeeded; asks {@link Approvals} at every gate; stops scheduling at the first failure
 * or rejection (actions already running finish and are journaled); journals every transition; and
 * resumes a run from its journal: succeeded actions are not repeated, an action cut short is
 * re-checked through its handler before it is retried.
 */
public final class PlanExecutor {

    /** Parallelism when none is configured: a few helm/kubectl commands at once, not a stampede. */
    public static final int DEFAULT_PARALLELISM = 3;

    private final Workspace workspace;
    private final CommandRunner runner;
    private final ActionHandlers handlers;
    private final Approvals approvals;
    private final SecretProvider secrets;
    private final Consumer<String> log;
    private final int parallelism;
    private final Clock clock;
    private final Duration staleLockAfter;
    private final Duration orphanWaitLimit;
    private final Journal.Listener listener;

    private PlanExecutor(Builder b) {
        this.workspace = Objects.requireNonNull(b.workspace, "workspace");
        this.runner = Objects.requireNonNull(b.runner, "runner");
        this.handlers = Objects.requireNonNull(b.handlers, "handlers");
        this.approvals = b.approvals;
        this.secrets = io.dataos.upgrade.secret.CheckedSecrets.ensure(b.secrets, b.log);
        this.log = b.log;
        this.parallelism = b.parallelism;
        this.clock = b.clock;
        this.staleLockAfter = b.staleLockAfter;
        this.orphanWaitLimit = b.orphanWaitLimit;
        this.listener = b.listener;
    }

    public static Builder builder(Workspace workspace, CommandRunner runner, ActionHandlers handlers) {
        return new Builder(workspace, runner, handlers);
    }

    /**
     * Runs (or resumes, or in a dry run shows) the plan of {@code request}.
     *
     * @return how the run ended; an interruption once the run started ends it as
     *     {@link RunStatus#INTERRUPTED} with the thread's interrupt flag set again
     * @throws io.dataos.upgrade.api.InvalidInputException for a malformed plan, an unhandled action kind,
     *     a bad run id, or a journal written for another plan; nothing was run
     * @throws RunLockedException when another run holds the release lock; nothing was run
     * @throws JournalWriteException when the journal cannot be written; running actions were let finish
     * @throws IOException when the journal or lock cannot be read
     * @throws InterruptedException when interrupted before the run started
     */
    public RunResult run(RunRequest request) throws IOException, InterruptedException {
        Journal.checkRunId(request.runId(), "runId");
        PlanGraph graph = PlanGraph.of(request.planSource(), request.actions());
        RunHistory before = JournalReader.read(workspace, request.runId());
        // An action that succeeded (or was done by hand) runs no more: only the others must be runnable.
        handlers.check(request.planSource(), request.actions().stream()
                .filter(a -> before.state(a.id()) != ActionState.SUCCEEDED).toList());
        String planHash = PlanHash.of(request.actions());
        // Refuse a journal of another plan before taking the lock, so a mistaken resume changes nothing.
        before.requirePlanHash(planHash);
        RunLock lock = null;
        if (request.lockName() != null) {
            lock = RunLock.acquire(workspace, request.lockName(),
                    LockHolder.current(request.runId(), request.startedBy(), clock), staleLockAfter, clock);
        }
        try {
            // Read again under the lock: the holder we replaced may have written more meanwhile.
            RunHistory history = JournalReader.read(workspace, request.runId());
            history.requirePlanHash(planHash);
            Journal journal = Journal.continuing(workspace, history, clock, listener);
            Attempt attempt = new Attempt(request, graph, history, journal, planHash, lock);
            return request.dryRun() ? attempt.dryRun() : attempt.run();
        } finally {
            if (lock != null) {
                releaseQuietly(lock);
            }
        }
    }

    private void releaseQuietly(RunLock lock) {
        boolean interrupted = Thread.interrupted();
        try {
            lock.release();
        } catch (IOException | InterruptedException e) {
            log.accept("warning: could not remove the lock file " + lock.file() + " (" + e.getMessage()
                    + "); the next run will find it stale and take it over");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The state of one execution of a request. */
    private final class Attempt {
        private final RunRequest request;
        private final PlanGraph graph;
        private final RunHistory history;
        private final Journal journal;
        private final String planHash;
        private final RunLock lock;
        private final Map<String, ActionState> states = new LinkedHashMap<>();
        private final Map<String, String> blocked = new LinkedHashMap<>();
        private final List<RunResult.Gate> waiting = new ArrayList<>();
        private final long started = System.nanoTime();
        private String failedAction;
        private String error;
        private String outputTail;
        private String rejectedGate;
        private boolean interrupted;
        /** An action ended interrupted (its handler threw InterruptedException) while this thread was not. */
        private boolean actionInterrupted;
        private JournalWriteException journalFailure;

        Attempt(RunRequest request, PlanGraph graph, RunHistory history, Journal journal, String planHash,
                RunLock lock) {
            this.request = request;
            this.graph = graph;
            this.history = history;
            this.journal = journal;
            this.planHash = planHash;
            this.lock = lock;
            for (PlanAction action : graph.actions()) {
                states.put(action.id(), history.state(action.id()));
            }
        }

        RunResult dryRun() {
            journalRunStarted(true);
            log.accept("DRY RUN of '" + request.runId() + "': nothing will be run");
            for (PlanAction action : graph.topologicalOrder()) {
                String id = action.id();
                if (states.get(id) == ActionState.SUCCEEDED) {
                    log.accept("= " + id + ": succeeded in an earlier attempt, would not run again");
                    continue;
                }
                ObjectNode fields = describe(action).put("resume", resumeMode(id));
                journal.appendLater(EventType.ACTION_WOULD_RUN, fields);
                log.accept("would run " + id + " (" + action.kind() + (action.requiresApproval()
                        ? ", gate: needs approval" + approversText(action) : "") + ")"
                        + (action.description().isEmpty() ? "" : ": " + action.description()));
                ActionContext context = context(action, true);
                ActionOutcome outcome;
                try {
                    outcome = handlers.forAction(action).execute(action, context);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                } catch (IOException | RuntimeException e) {
                    if (e instanceof JournalWriteException journalBroken) {
                        throw journalBroken;
                    }
                    outcome = ActionOutcome.failed(messageOf(e), "");
                }
                if (!outcome.succeeded() && failedAction == null) {
                    failedAction = id;
                    error = journal.masked(outcome.error());
                    outputTail = journal.masked(outcome.outputTail());
                }
            }
            return finish(true);
        }

        RunResult run() {
            journalRunStarted(false);
            if (lock != null) {
                ObjectNode fields = Journal.fields().put("lock", lock.name()).put("file", lock.file());
                if (lock.takenOverFrom() != null) {
                    fields.set("takenOverFrom", lock.takenOverFrom().toJson());
                    fields.put("takeOverReason", lock.takeOverReason());
                    log.accept("took over the stale lock " + lock.file() + " of " + lock.takenOverFrom().describe()
                            + ": " + lock.takeOverReason());
                }
                journal.appendLater(EventType.LOCK_ACQUIRED, fields);
            }
            List<PlanAction> order = graph.topologicalOrder();
            for (PlanAction action : order) {
                if (states.get(action.id()) == ActionState.SUCCEEDED) {
                    log.accept("= " + action.id() + ": succeeded in an earlier attempt, not run again");
                } else {
                    journal.appendLater(EventType.ACTION_PLANNED, describe(action).put("resume", resumeMode(action.id()))
                            .put("previousState", states.get(action.id()).name()));
                }
            }
            Set<String> remaining = new LinkedHashSet<>();
            for (PlanAction action : order) {
                if (states.get(action.id()) != ActionState.SUCCEEDED) {
                    remaining.add(action.id());
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(parallelism, new ActionThreads(request.runId()));
            ExecutorCompletionService<Finished> done = new ExecutorCompletionService<>(pool);
            Map<String, Task> running = new LinkedHashMap<>();
            try {
                boolean stopping = false;
                while (true) {
                    if (!stopping) {
                        stopping = schedule(order, remaining, running, done);
                    }
                    if (running.isEmpty()) {
                        break;
                    }
                    Finished finished;
                    try {
                        finished = done.take().get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        stopping = true;
                        running.values().forEach(Task::cancel);
                        continue;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("an action task failed unexpectedly", e.getCause());
                    }
                    running.remove(finished.id());
                    states.put(finished.id(), finished.state());
                    if (finished.state() != ActionState.SKIPPED) {
                        remaining.remove(finished.id()); // a task cancelled before it began is journaled below
                    }
                    if (finished.journalFailure() != null) {
                        journalFailure = journalFailure == null ? finished.journalFailure() : journalFailure;
                        stopping = true;
                        running.values().forEach(Task::cancel);
                    } else if (finished.state() == ActionState.FAILED && failedAction == null) {
                        failedAction = finished.id();
                        error = finished.error();
                        outputTail = finished.outputTail();
                        stopping = true;
                    } else if (finished.state() == ActionState.INTERRUPTED) {
                        stopping = true;
                        actionInterrupted = true;
                    }
                    if (interrupted) {
                        // A second interruption while draining must reach the tasks started meanwhile, too.
                        running.values().forEach(Task::cancel);
                    }
                }
            } finally {
                pool.shutdownNow();
                awaitQuietly(pool);
            }
            if (journalFailure != null) {
                throw journalFailure;
            }
            for (String id : remaining) {
                ActionState state = states.get(id);
                if (state == ActionState.WAITING_FOR_APPROVAL || state == ActionState.REJECTED) {
                    continue;
                }
                states.put(id, ActionState.SKIPPED);
                journal.appendLater(EventType.ACTION_SKIPPED, Journal.about(id).put("reason", skipReason(id)));
            }
            return finish(false);
        }

        /** Starts every action that may start now; returns true when the run must stop scheduling. */
        private boolean schedule(List<PlanAction> order, Set<String> remaining, Map<String, Task> running,
                ExecutorCompletionService<Finished> done) {
            for (PlanAction action : order) {
                String id = action.id();
                if (running.size() >= parallelism) {
                    return false;
                }
                if (!remaining.contains(id) || running.containsKey(id) || blocked.containsKey(id)
                        || !action.dependsOn().stream().allMatch(d -> states.get(d) == ActionState.SUCCEEDED)) {
                    continue;
                }
                if (action.requiresApproval()) {
                    Gate gate = passGate(action);
                    if (gate == Gate.INTERRUPTED) {
                        interrupted = true;
                        running.values().forEach(Task::cancel);
                        return true;
                    }
                    if (gate == Gate.REJECTED) {
                        return true;
                    }
                    if (gate == Gate.PENDING) {
                        continue;
                    }
                }
                RunHistory.ActionRecord before = history.action(id);
                boolean recheck = before != null && before.needsRecheck();
                Task task = new Task(action, recheck, before == null ? List.of() : before.openCommands());
                running.put(id, task);
                states.put(id, ActionState.STARTED);
                done.submit(task);
            }
            return false;
        }

        private Gate passGate(PlanAction action) {
            String id = action.id();
            RunHistory.ActionRecord before = history.action(id);
            if (before != null && before.approved()) {
                log.accept("gate " + id + " was approved by " + before.approvedBy() + " at " + before.approvedAt());
                return Gate.APPROVED;
            }
            Decision decision;
            try {
                decision = approvals.decide(action);
            } catch (InterruptedException e) {
                return Gate.INTERRUPTED;
            }
            if (decision instanceof Decision.Approved approved) {
                // the approval names the digest of the plan it approved (RunHistory honours it for that plan only)
                journal.append(EventType.ACTION_APPROVED, Journal.about(id).put("approver", approved.by())
                        .put("approvedAt", approved.at().toString()).put("note", approved.note())
                        .put("planHash", planHash)
                        .set("approvers", Journal.array(action.approvers())));
                log.accept("gate " + id + " approved by " + approved.by()
                        + (approved.note().isEmpty() ? "" : " (" + approved.note() + ")"));
                return Gate.APPROVED;
            }
            if (decision instanceof Decision.Rejected rejected) {
                journal.append(EventType.ACTION_REJECTED, Journal.about(id).put("rejectedBy", rejected.by())
                        .put("rejectedAt", rejected.at().toString()).put("note", rejected.note()));
                log.accept("gate " + id + " REJECTED by " + rejected.by()
                        + (rejected.note().isEmpty() ? "" : ": " + rejected.note()));
                states.put(id, ActionState.REJECTED);
                rejectedGate = id;
                error = "rejected by " + rejected.by() + (rejected.note().isEmpty() ? "" : ": " + rejected.note());
                return Gate.REJECTED;
            }
            String reason = ((Decision.Pending) decision).reason();
            journal.append(EventType.ACTION_WAITING_FOR_APPROVAL, Journal.about(id)
                    .<ObjectNode>set("approvers", Journal.array(action.approvers())).put("reason", reason));
            log.accept("gate " + id + " is waiting for approval" + approversText(action) + ": " + reason);
            states.put(id, ActionState.WAITING_FOR_APPROVAL);
            waiting.add(new RunResult.Gate(id, action.approvers(), reason));
            blocked.put(id, "waiting for approval of " + id);
            for (String dependent : graph.transitiveDependents(id)) {
                blocked.putIfAbsent(dependent, "waiting for approval of " + id);
            }
            return Gate.PENDING;
        }

        private String skipReason(String id) {
            if (blocked.containsKey(id)) {
                return "not started: " + blocked.get(id);
            }
            if (interrupted || actionInterrupted) {
                return "not started: the run was interrupted";
            }
            if (failedAction != null) {
                return "not started: action " + failedAction + " failed";
            }
            if (rejectedGate != null) {
                return "not started: gate " + rejectedGate + " was rejected";
            }
            return "not started";
        }

        private RunResult finish(boolean dry) {
            RunStatus status;
            if (interrupted || actionInterrupted) {
                status = RunStatus.INTERRUPTED;
            } else if (failedAction != null) {
                status = RunStatus.FAILED;
            } else if (rejectedGate != null) {
                status = RunStatus.REJECTED;
            } else if (!waiting.isEmpty()) {
                status = RunStatus.WAITING_FOR_APPROVAL;
            } else {
                status = RunStatus.SUCCEEDED;
            }
            ObjectNode fields = Journal.fields().put("status", status.name()).put("dryRun", dry)
                    .put("elapsedMs", Duration.ofNanos(System.nanoTime() - started).toMillis());
            if (failedAction != null) {
                fields.put("failedAction", failedAction).put("error", error);
            }
            if (rejectedGate != null) {
                fields.put("rejectedGate", rejectedGate).put("error", error);
            }
            if (!waiting.isEmpty()) {
                fields.set("waitingFor", Journal.array(waiting.stream().map(RunResult.Gate::actionId).toList()));
            }
            ObjectNode counts = fields.putObject("counts");
            for (ActionState state : ActionState.values()) {
                long n = states.values().stream().filter(s -> s == state).count();
                if (n > 0) {
                    counts.put(state.name(), n);
                }
            }
            journal.append(EventType.RUN_FINISHED, fields);
            RunResult result = new RunResult(request.runId(), status, dry, states, failedAction, error, outputTail,
                    waiting, rejectedGate, journal.path());
            log.accept(result.message());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return result;
        }

        private void journalRunStarted(boolean dry) {
            ObjectNode fields = Journal.fields()
                    .put("planId", request.planId())
                    .put("planHash", planHash)
                    .put("dryRun", dry)
                    .put("startedBy", request.startedBy())
                    .put("attempt", history.attempts() + 1)
                    .put("resumed", !history.isEmpty())
                    .put("host", LocalHost.name())
                    .put("pid", LocalHost.pid())
                    .put("parallelism", parallelism)
                    .put("actions", graph.actions().size());
            if (request.reason() != null && !request.reason().isBlank()) {
                fields.put("reason", request.reason());
            }
            if (history.endsMidLine() || history.fragmentsSkipped() > 0) {
                fields.put("skippedCutShortLines", history.fragmentsSkipped());
            }
            journal.append(EventType.RUN_STARTED, fields);
        }

        private String resumeMode(String id) {
            RunHistory.ActionRecord before = history.action(id);
            if (before == null || before.state() == ActionState.PENDING) {
                return "new";
            }
            return before.needsRecheck() ? "recheck" : "retry";
        }

        private ActionContext context(PlanAction action, boolean dry) {
            return new ActionContext(action, request.runId(), dry, runner, workspace, secrets, log, journal);
        }

        /** One action on a worker thread; cancel() interrupts it wherever it is. */
        private final class Task implements java.util.concurrent.Callable<Finished> {
            private final PlanAction action;
            private final boolean recheck;
            private final List<RunHistory.OpenCommand> open;
            private Thread thread;
            private boolean cancelled;

            Task(PlanAction action, boolean recheck, List<RunHistory.OpenCommand> open) {
                this.action = action;
                this.recheck = recheck;
                this.open = open;
            }

            synchronized void cancel() {
                cancelled = true;
                if (thread != null) {
                    thread.interrupt();
                }
            }

            private synchronized boolean begin() {
                thread = Thread.currentThread();
                return !cancelled;
            }

            private synchronized void end() {
                thread = null;
                Thread.interrupted(); // an interrupt aimed at this action must not hit the next one
            }

            @Override
            public Finished call() {
                String id = action.id();
                try {
                    if (!begin()) {
                        return new Finished(id, ActionState.SKIPPED, null, null, null);
                    }
                    return execute();
                } catch (JournalWriteException broken) {
                    return new Finished(id, ActionState.FAILED, broken.getMessage(), "", broken);
                } finally {
                    end();
                }
            }

            private Finished execute() {
                String id = action.id();
                ActionHandler handler = handlers.forAction(action);
                ActionContext context = context(action, false);
                long t0 = System.nanoTime();
                try {
                    if (recheck) {
                        awaitLeftoverCommands(context);
                        boolean isDone;
                        try {
                            isDone = handler.isDone(action, context);
                        } catch (IOException | RuntimeException e) {
                            if (e instanceof JournalWriteException broken) {
                                throw broken;
                            }
                            String why = "cannot tell whether it finished before the previous attempt stopped: "
                                    + messageOf(e);
                            journal.append(EventType.ACTION_FAILED, Journal.about(id).put("error", why)
                                    .put("uncertain", true));
                            return new Finished(id, ActionState.FAILED, journal.masked(why), "", null);
                        }
                        journal.appendLater(EventType.ACTION_RECHECKED, Journal.about(id).put("done", isDone));
                        if (isDone) {
                            journal.append(EventType.ACTION_SUCCEEDED, Journal.about(id).put("recheck", true)
                                    .put("summary", "already done when the run resumed; not run again"));
                            context.log("already done when the run resumed; not run again");
                            return new Finished(id, ActionState.SUCCEEDED, null, null, null);
                        }
                    }
                    journal.append(EventType.ACTION_STARTED, Journal.about(id).put("kind", action.kind().name())
                            .put("component", action.component()));
                    log.accept("> " + id + " started");
                    ActionOutcome outcome = handler.execute(action, context);
                    long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                    if (outcome.succeeded()) {
                        journal.append(EventType.ACTION_SUCCEEDED, Journal.about(id).put("summary", outcome.summary())
                                .put("elapsedMs", ms));
                        log.accept("+ " + id + " succeeded (" + ms + " ms)");
                        return new Finished(id, ActionState.SUCCEEDED, null, null, null);
                    }
                    return failed(id, outcome.error(), outcome.outputTail(), ms);
                } catch (InterruptedException e) {
                    journal.append(EventType.ACTION_INTERRUPTED, Journal.about(id)
                            .put("elapsedMs", Duration.ofNanos(System.nanoTime() - t0).toMillis()));
                    log.accept("! " + id + " interrupted");
                    return new Finished(id, ActionState.INTERRUPTED, null, null, null);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof JournalWriteException broken) {
                        throw broken;
                    }
                    return failed(id, messageOf(e), "", Duration.ofNanos(System.nanoTime() - t0).toMillis());
                }
            }

            private Finished failed(String id, String why, String tail, long ms) {
                String shortTail = ActionContext.lastLines(tail, ActionContext.JOURNAL_TAIL_LINES);
                journal.append(EventType.ACTION_FAILED, Journal.about(id).put("error", why).put("outputTail", shortTail)
                        .put("elapsedMs", ms));
                log.accept("x " + id + " FAILED: " + journal.masked(why));
                return new Finished(id, ActionState.FAILED, journal.masked(why), journal.masked(shortTail), null);
            }

            /**
             * Waits for commands the killed attempt left running, so the re-check sees their effect and
             * the retry does not race them; one still running past its own timeout is stopped.
             */
            private void awaitLeftoverCommands(ActionContext context) throws InterruptedException {
                for (RunHistory.OpenCommand command : open) {
                    if (!LocalHost.name().equals(command.host())) {
                        continue; // another machine's processes: the re-check alone decides
                    }
                    Set<ProcessHandle> leftovers = new LinkedHashSet<>(
                            LocalHost.processesWithEnv(ActionContext.COMMAND_TAG_ENV, command.tag()));
                    if (LocalHost.isAlive(command.pid(), command.processStart())) {
                        ProcessHandle.of(command.pid()).ifPresent(leftovers::add);
                    }
                    if (leftovers.isEmpty()) {
                        continue;
                    }
                    Duration limit = orphanWaitLimit;
                    if (command.timeoutMillis() > 0) {
                        // The command's own timeout, counted from its journaled start, would have stopped it.
                        Duration ranFor = Duration.between(command.startedAt(), clock.instant());
                        Duration left = Duration.ofMillis(command.timeoutMillis()).minus(ranFor);
                        limit = left.isNegative() ? Duration.ZERO : (left.compareTo(limit) < 0 ? left : limit);
                    }
                    context.log("the previous attempt's command is still running (pids " + leftovers.stream()
                            .map(h -> String.valueOf(h.pid())).toList() + "): waiting up to " + limit.toSeconds()
                            + " s for it before re-checking: " + command.display());
                    long deadline = System.nanoTime() + limit.toNanos();
                    String outcome = "exited";
                    for (ProcessHandle leftover : leftovers) {
                        long wait = Math.max(0, deadline - System.nanoTime());
                        try {
                            leftover.onExit().get(wait, TimeUnit.NANOSECONDS);
                        } catch (TimeoutException stillRunning) {
                            leftover.descendants().forEach(ProcessHandle::destroyForcibly);
                            leftover.destroyForcibly();
                            outcome = "stopped after its timeout";
                        } catch (ExecutionException cannotHappen) {
                            // onExit never completes exceptionally
                        }
                    }
                    journal.append(EventType.COMMAND_OUTLIVED_RUN, Journal.about(action.id())
                            .put("startSeq", command.startSeq()).put("pid", command.pid())
                            .put("command", command.display()).put("outcome", outcome));
                }
            }
        }
    }

    /** Lets interrupted actions stop their commands before the run returns (only reached on a journal failure). */
    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode describe(PlanAction action) {
        ObjectNode fields = Journal.about(action.id())
                .put("kind", action.kind().name())
                .put("phase", action.phase().name());
        if (action.layer() != null) {
            fields.put("layer", action.layer().name());
        }
        if (action.component() != null) {
            fields.put("component", action.component());
        }
        if (action.from() != null) {
            fields.put("from", action.from());
        }
        if (action.to() != null) {
            fields.put("to", action.to());
        }
        fields.set("dependsOn", Journal.array(action.dependsOn()));
        fields.put("requiresApproval", action.requiresApproval());
        if (!action.approvers().isEmpty()) {
            fields.set("approvers", Journal.array(action.approvers()));
        }
        return fields;
    }

    private static String approversText(PlanAction action) {
        return action.approvers().isEmpty() ? "" : " by " + String.join(" or ", action.approvers());
    }

    private static String messageOf(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private enum Gate { APPROVED, PENDING, REJECTED, INTERRUPTED }

    /** How one action ended in this attempt. */
    private record Finished(String id, ActionState state, String error, String outputTail,
            JournalWriteException journalFailure) {}

    /** Names worker threads after the run, so thread dumps say what they are. */
    private static final class ActionThreads implements java.util.concurrent.ThreadFactory {
        private final String runId;
        private final AtomicInteger count = new AtomicInteger();

        ActionThreads(String runId) {
            this.runId = runId;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "dataos-run-" + runId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Configures a {@link PlanExecutor}. */
    public static final class Builder {
        private final Workspace workspace;
        private final CommandRunner runner;
        private final ActionHandlers handlers;
        private Approvals approvals = new PreApprovedGates(Map.of());
        private SecretProvider secrets = name -> Optional.empty();
        private Consumer<String> log = line -> { };
        private int parallelism = DEFAULT_PARALLELISM;
        private Clock clock = Clock.systemUTC();
        private Duration staleLockAfter = RunLock.DEFAULT_STALE_AFTER;
        private Duration orphanWaitLimit = Duration.ofHours(1);
        private Journal.Listener listener;

        private Builder(Workspace workspace, CommandRunner runner, ActionHandlers handlers) {
            this.workspace = workspace;
            this.runner = runner;
            this.handlers = handlers;
        }

        /** Who decides at gates; by default every gate waits (nothing is approved implicitly). */
        public Builder approvals(Approvals value) {
            this.approvals = Objects.requireNonNull(value, "approvals");
            return this;
        }

        public Builder secrets(SecretProvider value) {
            this.secrets = Objects.requireNonNull(value, "secrets");
            return this;
        }

        /** Receives progress lines and command output, masked. */
        public Builder log(Consumer<String> value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** How many actions may run at once (1 runs the plan serially). */
        public Builder parallelism(int value) {
            if (value < 1 || value > 64) {
                throw new io.dataos.upgrade.api.InvalidInputException("executor", "parallelism", value
                        + " is out of range: give 1 to 64 (default " + DEFAULT_PARALLELISM + ")");
            }
            this.parallelism = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** A release lock older than this is taken over even if its holder seems alive. */
        public Builder staleLockAfter(Duration value) {
            this.staleLockAfter = Objects.requireNonNull(value, "staleLockAfter");
            return this;
        }

        /** The longest a resumed run waits for a command the killed attempt left running. */
        public Builder orphanWaitLimit(Duration value) {
            this.orphanWaitLimit = Objects.requireNonNull(value, "orphanWaitLimit");
            return this;
        }

        /** Told of every journal event once durable (tests stop a child process at an exact event). */
        public Builder journalListener(Journal.Listener value) {
            this.listener = value;
            return this;
        }

        public PlanExecutor build() {
            return new PlanExecutor(this);
        }
    }
}
