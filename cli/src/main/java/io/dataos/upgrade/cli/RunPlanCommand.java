package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.CommandPlanRequest;
import io.dataos.upgrade.api.CommandPlanRunbook;
import io.dataos.upgrade.api.GateApprovals;
import io.dataos.upgrade.api.RunbookPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dataos-upgrade run-plan}: runs (or resumes, or dry-runs) the actions of a plan file with
 * the executor, every action through the command in its {@code command} parameter. Hidden: it is
 * the engine's executor bare ({@code CommandPlanRunbook}), for custom command plans, the kill-point
 * suites and benchmarks; the runbook commands use the upgrade and rollback runbooks.
 */
@Command(
        name = "run-plan",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Run the actions of a plan JSON file; each action runs the argv in its 'command' parameter."
                + " Re-run with the same --run-id to resume.")
final class RunPlanCommand implements Callable<Integer> {

    /** Exit code when the run stopped at a gate nobody approved yet (re-run after approving). */
    static final int EXIT_WAITING_FOR_APPROVAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", required = true, paramLabel = "FILE",
            description = "Plan JSON (an object with 'actions', or a list of actions).")
    Path plan;

    @Option(names = "--run-id", required = true, paramLabel = "ID",
            description = "Run id; the same id resumes the run from its journal.")
    String runId;

    @Option(names = "--workspace", defaultValue = ".", paramLabel = "DIR",
            description = "Directory holding .dataos-upgrade/ (journal, locks). Default: ${DEFAULT-VALUE}.")
    Path workspace;

    @Option(names = "--parallelism", defaultValue = "3", paramLabel = "N",
            description = "Actions run at once where dependencies allow (1-64). Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--dry-run", description = "Journal and print what would run; run nothing.")
    boolean dryRun;

    @Option(names = "--approve", paramLabel = "GATE=APPROVER",
            description = "Approve a gate (an action with requiresApproval), naming who approved it. Repeatable.")
    Map<String, String> approved = new LinkedHashMap<>();

    @Option(names = "--auto-approve", paramLabel = "REASON",
            description = "Approve every gate automatically, recording REASON (rehearsals only).")
    String autoApprove;

    @Option(names = "--lock", paramLabel = "RELEASE",
            description = "Hold the lock of this release while running (one upgrade or rollback per release).")
    String lock;

    @Option(names = "--started-by", paramLabel = "WHO", description = "Who started the run (journaled).")
    String startedBy;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(plan)) {
            throw new InvalidInputException("--plan", "path", "'" + plan + "' is not a readable file: give the plan"
                    + " JSON file");
        }
        if (autoApprove != null && !approved.isEmpty()) {
            throw new InvalidInputException("--auto-approve", "--approve", "give either --auto-approve (rehearsal)"
                    + " or --approve GATE=APPROVER, not both");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new InvalidInputException("command line", "--parallelism", parallelism + " is out of range: give 1"
                    + " to 64 (default 3)");
        }
        Clock clock = Clock.systemUTC();
        GateApprovals approvals = autoApprove != null ? GateApprovals.automatic(autoApprove, clock)
                : GateApprovals.given(approved, clock);
        PrintWriter out = spec.commandLine().getOut();
        RunbookPorts ports = RunbookPorts.local(workspace, null)
                .withApprovals(approvals)
                .withSecrets(CliSecrets.of(Map.of(), System::getenv))
                .withLog(line -> {
                    out.println(line);
                    out.flush();
                });
        CommandPlanRunbook.Result result = new CommandPlanRunbook(ports).run(new CommandPlanRequest(plan, runId,
                parallelism, dryRun, approved, lock, startedBy));
        return switch (result.status()) {
            case SUCCEEDED -> 0;
            case WAITING_FOR_APPROVAL -> EXIT_WAITING_FOR_APPROVAL;
            default -> DataosUpgradeCommand.EXIT_FAILED;
        };
    }
}
