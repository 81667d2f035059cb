package io.dataos.upgrade.api;

import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.PreApprovedGates;
import io.dataos.upgrade.secret.CheckedSecrets;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.workspace.LocalWorkspace;
import io.dataos.upgrade.api.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a runbook needs from the front door that calls it: where commands run, the workspace, the
 * secrets, who decides at gates, where progress events go, and the clock. The CLI passes local
 * implementations and prints the events' lines. Texts in events arrive already masked.
 */
public record RunbookPorts(CommandRunner runner, Workspace workspace, SecretProvider secrets, Approvals approvals,
        Consumer<ProgressEvent> progress, Clock clock) {

    public RunbookPorts {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(workspace, "workspace");
        progress = progress == null ? event -> { } : progress;
        Consumer<ProgressEvent> told = progress;
        // Every front door's secrets get the length rule (too short: refused at the preflight, exit 2), and
        // each one read is kept out of the environment of the programs the runner starts.
        CommandRunner children = runner;
        secrets = CheckedSecrets.of(secrets == null ? name -> Optional.empty() : secrets,
                line -> told.accept(new ProgressEvent.Message(line))).observedBy(children::withhold);
        // Nothing is approved implicitly: without an approvals port every gate waits.
        approvals = approvals == null ? new PreApprovedGates(Map.of()) : approvals;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /**
     * Ports for this machine: commands run as local processes, the workspace is the folder
     * {@code workspace} with the run state in {@code stateDir} (null: in the workspace); no secrets,
     * every gate waiting, no log and the system clock until set.
     */
    public static RunbookPorts local(Path workspace, Path stateDir) {
        return of(new LocalCommandRunner(), stateDir == null ? new LocalWorkspace(workspace)
                : new LocalWorkspace(workspace, stateDir));
    }

    /** Ports with no secrets, every gate waiting, no log and the system clock. */
    public static RunbookPorts of(CommandRunner runner, Workspace workspace) {
        return new RunbookPorts(runner, workspace, null, null, null, null);
    }

    public RunbookPorts withApprovals(Approvals value) {
        return new RunbookPorts(runner, workspace, secrets, value, progress, clock);
    }

    public RunbookPorts withSecrets(SecretProvider value) {
        return new RunbookPorts(runner, workspace, value, approvals, progress, clock);
    }

    public RunbookPorts withProgress(Consumer<ProgressEvent> value) {
        return new RunbookPorts(runner, workspace, secrets, approvals, value, clock);
    }

    /** Progress for a front door that shows lines only: each {@link ProgressEvent.Message}'s text. */
    public RunbookPorts withLog(Consumer<String> lines) {
        return withProgress(ProgressEvent.messages(lines));
    }

    /** Where the engine writes a line for people: a {@link ProgressEvent.Message} to the progress port. */
    public Consumer<String> log() {
        return line -> progress.accept(new ProgressEvent.Message(line));
    }

    /** The journal's events as progress steps, for the executor's journal listener. */
    public Journal.Listener journalProgress() {
        return event -> ProgressEvent.of(event).ifPresent(progress);
    }

    public RunbookPorts withClock(Clock value) {
        return new RunbookPorts(runner, workspace, secrets, approvals, progress, value);
    }
}
