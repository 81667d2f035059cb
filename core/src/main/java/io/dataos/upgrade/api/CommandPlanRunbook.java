package io.dataos.upgrade.api;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanActionsFile;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The executor bare, for plans of commands (the hidden {@code run-plan}: custom command plans, the
 * kill-point suites, benchmarks): reads the plan file, refuses approvals of gates it does not have,
 * and runs, resumes or dry-runs its actions with the journal, each through the command in its
 * {@code command} parameter. The runbook commands use {@link UpgradeRunbook} and
 * {@link RollbackRunbook} instead.
 */
public final class CommandPlanRunbook {

    /** How the run ended. */
    public record Result(String runId, String planId, RunbookStatus status) {
    }

    private final RunbookPorts ports;

    /** Runs with {@code ports}: runner, workspace, secrets, approvals (gates not approved wait) and log. */
    public CommandPlanRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs (or resumes, or dry-runs) the plan.
     *
     * @throws InvalidInputException for a plan file that cannot be read or run, or an approval of a
     *     gate the plan does not have; nothing was run
     */
    public Result run(CommandPlanRequest request) throws IOException, InterruptedException {
        PlanActionsFile.Loaded loaded = PlanActionsFile.parse(request.plan().toString(),
                Files.readAllBytes(request.plan()));
        checkApprovedGates(loaded, request);
        PlanExecutor executor = PlanExecutor.builder(ports.workspace(), ports.runner(),
                        ActionHandlers.builder().onEveryOtherKind(new CommandActionHandler()).build())
                .parallelism(request.parallelism())
                .approvals(ports.approvals())
                .secrets(ports.secrets())
                .log(ports.log())
                .journalListener(ports.journalProgress())
                .build();
        RunResult result = executor.run(new RunRequest(request.runId(), loaded.planId(), loaded.actions(),
                request.dryRun(), request.startedBy(), request.lock(), request.plan().toString()));
        return new Result(request.runId(), loaded.planId(), RunbookStatus.valueOf(result.status().name()));
    }

    /**
     * Refuses an approval that would approve nothing: a misspelt gate id would otherwise be ignored
     * silently and the operator would believe the gate was approved.
     */
    private static void checkApprovedGates(PlanActionsFile.Loaded loaded, CommandPlanRequest request) {
        List<String> gates = loaded.actions().stream().filter(PlanAction::requiresApproval).map(PlanAction::id)
                .toList();
        for (Map.Entry<String, String> approval : request.approved().entrySet()) {
            if (!gates.contains(approval.getKey())) {
                throw new InvalidInputException("command line", "--approve", "'" + approval.getKey() + "' is not a"
                        + " gate of " + request.plan() + (gates.isEmpty() ? ", which has no gates: remove --approve"
                        : ": give GATE=APPROVER with one of " + String.join(", ", gates)));
            }
            if (approval.getValue() == null || approval.getValue().isBlank()) {
                throw new InvalidInputException("command line", "--approve", "gate '" + approval.getKey()
                        + "' names no approver: write GATE=APPROVER with who approved it");
            }
        }
    }
}
