package io.dataos.upgrade.runbook;

import io.dataos.upgrade.process.CommandRunner;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.PreApprovedGates;
import io.dataos.upgrade.secret.CheckedSecrets;
import io.dataos.upgrade.secret.SecretProvider;
import io.dataos.upgrade.workspace.Workspace;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a runbook needs from the front door that calls it: where commands run, the workspace, the
 * secrets, who decides at gates, where progress lines go, and the clock. The CLI passes local
 * implementations; the Jenkins plugin passes Launcher, FilePath, credentials and {@code input}-step
 * approvals. Log lines arrive already masked.
 */
public record RunbookPorts(CommandRunner runner, Workspace workspace, SecretProvider secrets, Approvals approvals,
        Consumer<String> log, Clock clock) {

    public RunbookPorts {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(workspace, "workspace");
        log = log == null ? line -> { } : log;
        // Every front door's secrets get the length rule (too short: refused at the preflight, exit 2).
        secrets = CheckedSecrets.of(secrets == null ? name -> Optional.empty() : secrets, log);
        // Nothing is approved implicitly: without an approvals port every gate waits.
        approvals = approvals == null ? new PreApprovedGates(Map.of()) : approvals;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Ports with no secrets, every gate waiting, no log and the system clock. */
    public static RunbookPorts of(CommandRunner runner, Workspace workspace) {
        return new RunbookPorts(runner, workspace, null, null, null, null);
    }

    public RunbookPorts withApprovals(Approvals value) {
        return new RunbookPorts(runner, workspace, secrets, value, log, clock);
    }

    public RunbookPorts withSecrets(SecretProvider value) {
        return new RunbookPorts(runner, workspace, value, approvals, log, clock);
    }

    public RunbookPorts withLog(Consumer<String> value) {
        return new RunbookPorts(runner, workspace, secrets, approvals, value, clock);
    }

    public RunbookPorts withClock(Clock value) {
        return new RunbookPorts(runner, workspace, secrets, approvals, log, value);
    }
}
