package io.dataos.upgrade.cli;

import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.AutoApprove;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanActionsFile;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.PreApprovedGates;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretProvider;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dataos-upgrade run-plan}: runs (or resumes, or dry-runs) the actions of a plan file with
 * the executor, every action through the command in its {@code command} parameter. Hidden: it is
 * the engine's executor bare, for custom command plans, the kill-point suites and benchmarks; the
 * runbook commands build their handlers themselves.
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
        PlanActionsFile.Loaded loaded = PlanActionsFile.parse(plan.toString(), Files.readAllBytes(plan));
        if (autoApprove != null && !approved.isEmpty()) {
            throw new InvalidInputException("--auto-approve", "--approve", "give either --auto-approve (rehearsal)"
                    + " or --approve GATE=APPROVER, not both");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new InvalidInputException("command line", "--parallelism", parallelism + " is out of range: give 1"
                    + " to 64 (default 3)");
        }
        checkApprovedGates(loaded);
        Approvals approvals = autoApprove != null ? new AutoApprove(autoApprove) : new PreApprovedGates(approved);
        PrintWriter out = spec.commandLine().getOut();
        PlanExecutor executor = PlanExecutor.builder(new LocalWorkspace(workspace), new LocalCommandRunner(),
                        ActionHandlers.builder().onEveryOtherKind(new CommandActionHandler()).build())
                .parallelism(parallelism)
                .approvals(approvals)
                .secrets(environmentSecrets())
                .log(line -> {
                    out.println(line);
                    out.flush();
                })
                .build();
        RunResult result = executor.run(new RunRequest(runId, loaded.planId(), loaded.actions(), dryRun, startedBy,
                lock, plan.toString()));
        return switch (result.status()) {
            case SUCCEEDED -> 0;
            case WAITING_FOR_APPROVAL -> EXIT_WAITING_FOR_APPROVAL;
            default -> DataosUpgradeCommand.EXIT_FAILED;
        };
    }

    /**
     * Refuses an approval that would approve nothing: a misspelt gate id would otherwise be ignored
     * silently and the operator would believe the gate was approved.
     */
    private void checkApprovedGates(PlanActionsFile.Loaded loaded) {
        List<String> gates = loaded.actions().stream().filter(PlanAction::requiresApproval).map(PlanAction::id)
                .toList();
        for (Map.Entry<String, String> approval : approved.entrySet()) {
            if (!gates.contains(approval.getKey())) {
                throw new InvalidInputException("command line", "--approve", "'" + approval.getKey() + "' is not a"
                        + " gate of " + plan + (gates.isEmpty() ? ", which has no gates: remove --approve"
                        : ": give GATE=APPROVER with one of " + String.join(", ", gates)));
            }
            if (approval.getValue() == null || approval.getValue().isBlank()) {
                throw new InvalidInputException("command line", "--approve", "gate '" + approval.getKey()
                        + "' names no approver: write GATE=APPROVER with who approved it");
            }
        }
    }

    /** Secrets from the environment: {@code prime-api-key} is read from {@code PRIME_API_KEY}. */
    static SecretProvider environmentSecrets() {
        return name -> Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('-', '_')))
                .filter(value -> !value.isEmpty())
                .map(value -> Secret.of(name, value));
    }
}
