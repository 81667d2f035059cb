package io.dataos.upgrade.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a handler gets to carry out one action: the run's command runner, workspace, secrets and
 * log, whether this is a dry run, and {@link #run(Command)}, which journals every command it
 * runs (or, in a dry run, would run).
 */
public final class ActionContext {

    /** Journaled output tails keep at most this many lines; the full output went to the log. */
    static final int JOURNAL_TAIL_LINES = 40;

    /**
     * Environment variable every command runs with: {@code <runId>:<seq of its command-started
     * event>}, so a resumed run can find a command (and its children) that outlived a killed run.
     */
    public static final String COMMAND_TAG_ENV = "DATAOS_UPGRADE_COMMAND";

    private final PlanAction action;
    private final String runId;
    private final boolean dryRun;
    private final CommandRunner runner;
    private final Workspace workspace;
    private final SecretProvider secrets;
    private final Consumer<String> log;
    private final Journal journal;

    public ActionContext(PlanAction action, String runId, boolean dryRun, CommandRunner runner, Workspace workspace,
            SecretProvider secrets, Consumer<String> log, Journal journal) {
        this.action = Objects.requireNonNull(action, "action");
        this.runId = runId;
        this.dryRun = dryRun;
        this.runner = runner;
        this.workspace = workspace;
        this.secrets = secrets;
        this.log = log;
        this.journal = journal;
    }

    public PlanAction action() {
        return action;
    }

    public String runId() {
        return runId;
    }

    /** True in a dry run: show what would happen, change nothing. */
    public boolean dryRun() {
        return dryRun;
    }

    /** The runner, for handlers that must run a command outside {@link #run}; prefer {@link #run}. */
    public CommandRunner runner() {
        return runner;
    }

    /**
     * A runner for adapters that take one (the Helm client) whose commands are journaled like
     * {@link #run}'s: the start durable before the spawn, the process tagged, so a run killed while
     * such a command runs (a {@code helm upgrade}) is resumed by waiting for it instead of starting it
     * again. Output goes only to the adapter's consumer and stays out of the journal (a tool's answer,
     * e.g. {@code helm get values}, may hold a secret the run never saw). In a dry run: the plain runner.
     */
    public CommandRunner journaledRunner() {
        if (dryRun) {
            return runner;
        }
        return (command, output) -> {
            journal.mask(command.secrets());
            String display = command.display();
            long startSeq = journalStart(command);
            try {
                CommandResult result = runner.run(command.withEnv(COMMAND_TAG_ENV, runId + ":" + startSeq), output,
                        pid -> journalRunning(startSeq, pid));
                journal.appendLater(EventType.COMMAND_FINISHED, finish(startSeq, display)
                        .put("exitCode", result.exitCode())
                        .put("timedOut", result.timedOut())
                        .put("elapsedMs", result.elapsed().toMillis()));
                return result;
            } catch (InterruptedException interrupted) {
                journal.appendLater(EventType.COMMAND_FINISHED, finish(startSeq, display).put("interrupted", true));
                throw interrupted;
            } catch (IOException cannotStart) {
                journal.appendLater(EventType.COMMAND_FINISHED,
                        finish(startSeq, display).put("error", String.valueOf(cannotStart.getMessage())));
                throw cannotStart;
            }
        };
    }

    public Workspace workspace() {
        return workspace;
    }

    /**
     * The run's secret provider; every secret found through it is masked in the journal and the log
     * from then on.
     */
    public SecretProvider secrets() {
        return name -> {
            java.util.Optional<Secret> found = secrets.find(name);
            found.ifPresent(journal::mask);
            return found;
        };
    }

    /**
     * The secret called {@code name}; from now on the journal and the log mask its value.
     *
     * @throws io.dataos.upgrade.api.MissingSecretException naming it and how to provide it
     */
    public Secret secret(String name) {
        Secret secret = secrets.require(name);
        journal.mask(secret);
        return secret;
    }

    /** Writes a line to the run's log, marked with the action id, masked. */
    public void log(String line) {
        log.accept("[" + action.id() + "] " + journal.masked(line));
    }

    /**
     * Runs {@code command} (in a dry run: journals and logs it, and returns success without running
     * it), streaming its output to the log and journaling its start (with the process id, so a
     * resumed run can find it) and its end (exit code, elapsed time, output tail).
     */
    public CommandResult run(Command command) throws IOException, InterruptedException {
        journal.mask(command.secrets());
        String display = command.display();
        if (dryRun) {
            journal.appendLater(EventType.COMMAND_WOULD_RUN, Journal.about(action.id()).put("command", display));
            log("would run: " + display);
            return new CommandResult(0, false, "", Duration.ZERO);
        }
        // The start is durable before the process exists, and the process carries the event's tag in its
        // environment: a crash at any moment leaves either no process or one a resumed run can find.
        // Its pid and its end are written with the next durable event: the outcome of the action, which
        // is what a resumed run acts on, is always durable; a lost pid is made up for by the tag.
        long startSeq = journalStart(command);
        String tag = runId + ":" + startSeq;
        log("$ " + display);
        try {
            CommandResult result = runner.run(command.withEnv(COMMAND_TAG_ENV, tag), this::log,
                    pid -> journalRunning(startSeq, pid));
            ObjectNode fields = finish(startSeq, display)
                    .put("exitCode", result.exitCode())
                    .put("timedOut", result.timedOut())
                    .put("elapsedMs", result.elapsed().toMillis())
                    .put("outputTail", lastLines(result.outputTail(), JOURNAL_TAIL_LINES));
            journal.appendLater(EventType.COMMAND_FINISHED, fields);
            return result;
        } catch (InterruptedException interrupted) {
            journal.appendLater(EventType.COMMAND_FINISHED, finish(startSeq, display).put("interrupted", true));
            throw interrupted;
        } catch (IOException cannotStart) {
            journal.appendLater(EventType.COMMAND_FINISHED,
                    finish(startSeq, display).put("error", String.valueOf(cannotStart.getMessage())));
            throw cannotStart;
        }
    }

    private long journalStart(Command command) {
        ObjectNode fields = Journal.about(action.id())
                .put("command", command.display())
                .put("host", LocalHost.name())
                .put("timeoutMs", command.timeout().toMillis());
        return journal.append(EventType.COMMAND_STARTED, fields).seq();
    }

    private void journalRunning(long startSeq, long pid) {
        if (pid <= 0) {
            return; // not a local process: nothing a resumed run could look for
        }
        ObjectNode fields = Journal.about(action.id()).put("startSeq", startSeq).put("pid", pid);
        String start = LocalHost.processStart(pid);
        if (start != null) {
            fields.put("processStart", start);
        }
        journal.appendLater(EventType.COMMAND_RUNNING, fields);
    }

    private ObjectNode finish(long startSeq, String display) {
        return Journal.about(action.id()).put("startSeq", startSeq).put("command", display);
    }

    /** The last {@code max} lines of {@code text}. */
    static String lastLines(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String[] lines = text.split("\n", -1);
        if (lines.length <= max) {
            return text;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, lines.length - max, lines.length));
    }
}
