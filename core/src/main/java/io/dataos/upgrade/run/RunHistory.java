package io.dataos.upgrade.run;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's journal says happened, attempt after attempt: the plan it was for, and for every
 * action its latest state, whether it must be re-checked before a retry, its approval, and any
 * command it started that never reported back.
 */
public final class RunHistory {

    /**
     * A command whose start is journaled but whose end is not: it may still be running. Its pid is
     * -1 when the run died before journaling it; {@link #tag()} still finds it.
     */
    public record OpenCommand(long startSeq, java.time.Instant startedAt, String display, long pid, String host,
            String processStart, long timeoutMillis, String tag) {

        OpenCommand running(long newPid, String newProcessStart) {
            return new OpenCommand(startSeq, startedAt, display, newPid, host, newProcessStart, timeoutMillis, tag);
        }
    }

    /** One action's journaled story, condensed. */
    public record ActionRecord(String id, ActionState state, boolean needsRecheck, String approvedBy,
            String approvedAt, String approvalNote, String lastError, String outputTail, int starts,
            List<OpenCommand> openCommands) {

        public ActionRecord {
            openCommands = List.copyOf(openCommands);
        }

        public boolean approved() {
            return approvedBy != null;
        }
    }

    private final String runId;
    private final String path;
    private final List<JournalEvent> events;
    private final boolean endsMidLine;
    private final int fragmentsSkipped;
    private final Map<String, ActionRecord> actions;
    private final String planId;
    private final String planHash;
    private final int attempts;
    private final RunStatus lastStatus;

    RunHistory(String runId, String path, List<JournalEvent> events, boolean endsMidLine, int fragmentsSkipped) {
        this.runId = runId;
        this.path = path;
        this.events = List.copyOf(events);
        this.endsMidLine = endsMidLine;
        this.fragmentsSkipped = fragmentsSkipped;
        Map<String, Builder> builders = new LinkedHashMap<>();
        String firstPlanId = null;
        String firstPlanHash = null;
        int realAttempts = 0;
        RunStatus status = null;
        boolean dryRun = false;
        for (JournalEvent event : events) {
            EventType type = event.type();
            if (type == null) {
                continue; // written by a newer version: not ours to interpret
            }
            if (type == EventType.RUN_STARTED) {
                dryRun = event.flag("dryRun");
                if (firstPlanHash == null) {
                    firstPlanHash = event.text("planHash");
                    firstPlanId = event.text("planId");
                }
                if (!dryRun) {
                    realAttempts++;
                }
                continue;
            }
            if (type == EventType.RUN_FINISHED) {
                if (!event.flag("dryRun")) {
                    status = parseStatus(event.text("status"));
                }
                continue;
            }
            String id = event.actionId();
            if (id == null || dryRun) {
                continue; // a dry run changes no action's state
            }
            if (type == EventType.ACTION_APPROVED && event.text("planHash") != null
                    && !event.text("planHash").equals(firstPlanHash)) {
                continue; // an approval binds to the plan it approved and never carries over to another
            }
            builders.computeIfAbsent(id, Builder::new).apply(event);
        }
        Map<String, ActionRecord> records = new LinkedHashMap<>();
        builders.forEach((id, b) -> records.put(id, b.build()));
        this.actions = Collections.unmodifiableMap(records);
        this.planId = firstPlanId;
        this.planHash = firstPlanHash;
        this.attempts = realAttempts;
        this.lastStatus = status;
    }

    static RunHistory empty(String runId) {
        return new RunHistory(runId, Journal.pathOf(runId), List.of(), false, 0);
    }

    public String runId() {
        return runId;
    }

    /** The journal file, relative to the workspace. */
    public String path() {
        return path;
    }

    public List<JournalEvent> events() {
        return events;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public long lastSeq() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
    }

    /** True when the file's last line was cut short (the writer died mid-line). */
    public boolean endsMidLine() {
        return endsMidLine;
    }

    /** How many cut-short lines were skipped while reading. */
    public int fragmentsSkipped() {
        return fragmentsSkipped;
    }

    /** The plan hash the run was started with, or null for a run never started. */
    public String planHash() {
        return planHash;
    }

    public String planId() {
        return planId;
    }

    /** Started attempts that were not dry runs. */
    public int attempts() {
        return attempts;
    }

    /** How the last finished attempt ended, or null when none finished (never run, or killed). */
    public RunStatus lastStatus() {
        return lastStatus;
    }

    /** Every action the journal mentions, in the order it first appeared. */
    public Map<String, ActionRecord> actions() {
        return actions;
    }

    /** The latest state of action {@code id}; {@link ActionState#PENDING} when the journal never mentions it. */
    public ActionState state(String id) {
        ActionRecord record = actions.get(id);
        return record == null ? ActionState.PENDING : record.state();
    }

    public ActionRecord action(String id) {
        return actions.get(id);
    }

    /**
     * Refuses to continue this run with a different plan.
     *
     * @throws InvalidInputException naming the journal file when the hashes differ
     */
    public void requirePlanHash(String expected) {
        if (planHash != null && !planHash.equals(expected)) {
            throw new InvalidInputException(path, "planHash", "run '" + runId + "' was started with plan "
                    + (planId == null ? "" : "'" + planId + "' ") + "hashing to " + planHash
                    + ", but the plan given now hashes to " + expected
                    + ": resume with the original plan file, or start a new run with a new run id");
        }
    }

    private static RunStatus parseStatus(String text) {
        try {
            return text == null ? null : RunStatus.valueOf(text);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static final class Builder {
        private final String id;
        private ActionState state = ActionState.PENDING;
        private boolean needsRecheck;
        private String approvedBy;
        private String approvedAt;
        private String approvalNote;
        private String lastError;
        private String outputTail;
        private int starts;
        private final Map<Long, OpenCommand> open = new LinkedHashMap<>();

        Builder(String id) {
            this.id = id;
        }

        void apply(JournalEvent event) {
            switch (event.type()) {
                case ACTION_PLANNED -> { }
                case ACTION_APPROVED -> {
                    approvedBy = event.text("approver");
                    approvedAt = event.text("approvedAt");
                    approvalNote = event.text("note");
                }
                case ACTION_REJECTED -> {
                    state = ActionState.REJECTED;
                    approvedBy = null;
                }
                case ACTION_WAITING_FOR_APPROVAL -> state = ActionState.WAITING_FOR_APPROVAL;
                case ACTION_STARTED -> {
                    state = ActionState.STARTED;
                    needsRecheck = true;
                    starts++;
                    lastError = null;
                    outputTail = null;
                }
                case ACTION_SUCCEEDED -> {
                    state = ActionState.SUCCEEDED;
                    needsRecheck = false;
                    open.clear();
                    outputTail = event.text("outputTail");
                }
                case ACTION_FAILED -> {
                    state = ActionState.FAILED;
                    // A failure while re-checking leaves the action's real outcome unknown.
                    needsRecheck = event.flag("uncertain");
                    lastError = event.text("error");
                    outputTail = event.text("outputTail");
                }
                case ACTION_INTERRUPTED -> {
                    state = ActionState.INTERRUPTED;
                    needsRecheck = true;
                }
                case ACTION_SKIPPED -> {
                    if (state != ActionState.SUCCEEDED) {
                        state = ActionState.SKIPPED;
                    }
                }
                case COMMAND_STARTED -> open.put(event.seq(), new OpenCommand(event.seq(), event.time(), event.text("command"),
                        -1, event.text("host"), null, event.number("timeoutMs", 0),
                        event.runId() + ":" + event.seq()));
                case COMMAND_RUNNING -> open.computeIfPresent(event.number("startSeq", -1),
                        (seq, command) -> command.running(event.number("pid", -1), event.text("processStart")));
                case COMMAND_FINISHED, COMMAND_OUTLIVED_RUN -> open.remove(event.number("startSeq", -1));
                default -> { }
            }
        }

        ActionRecord build() {
            return new ActionRecord(id, state, needsRecheck, approvedBy, approvedAt, approvalNote, lastError,
                    outputTail, starts, new ArrayList<>(open.values()));
        }
    }
}
