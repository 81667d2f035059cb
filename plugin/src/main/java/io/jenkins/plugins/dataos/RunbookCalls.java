package io.jenkins.plugins.dataos;

import hudson.AbortException;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.runbook.GateWaiting;
import io.dataos.upgrade.runbook.RunbookPorts;
import io.dataos.upgrade.runbook.RunbookResult;
import io.dataos.upgrade.runbook.RunbookStatus;
import io.dataos.upgrade.secret.SecretProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code dataosUpgrade} and {@code dataosRollback} share around the engine's runbooks: the ports built from
 * the build (Launcher, FilePath, credentials, the approvals the Jenkinsfile gave), the approvals checked against a
 * reviewed plan before anything runs, and the runbook's result turned into the step's outcome.
 */
final class RunbookCalls {

    private RunbookCalls() {
    }

    /** The engine's ports over this build: commands on the agent, files in the workspace, masked log lines. */
    static RunbookPorts ports(String function, StepRun run, SecretProvider secrets, ApprovedGates approvals,
            Clock clock) throws IOException, InterruptedException {
        PrintStream log = run.log();
        return new RunbookPorts(run.commandRunner(), run.workspace(), secrets, approvals.toApprovals(clock),
                line -> log.println(function + ": " + line), clock);
    }

    /**
     * Refuses approvals for gates the reviewed plan does not have (a typo or a stale Jenkinsfile) before anything
     * runs; no plan file given: nothing to check against yet.
     */
    static void checkApprovalsAgainstPlan(StepRun run, String planPath, ApprovedGates approvals)
            throws IOException, InterruptedException {
        if (planPath == null) {
            return;
        }
        Plan plan = PlanJson.read(run.read("plan", planPath), planPath);
        Map<String, String> gates = new LinkedHashMap<>();
        for (PlanAction gate : plan.gates()) {
            gates.put(gate.id(), gate.description());
        }
        approvals.checkKnown(gates);
    }

    /** Who started the run, as the journal records it: this build. */
    static String startedBy(StepRun run) throws IOException, InterruptedException {
        return "jenkins " + run.build().getFullDisplayName();
    }

    /**
     * The step's outcome: the result map when the runbook succeeded (or {@code propagate} is off), else a step
     * failure with the runbook's own message, the gates waiting and the journal to resume from.
     */
    static Map<String, Object> finish(String function, RunbookResult result, boolean propagate, ApprovedGates approvals,
            PrintStream log) throws AbortException {
        Map<String, Object> map = new LinkedHashMap<>(result.toMap());
        if (approvals.approver() != null) {
            map.put("approver", approvals.approver());
        }
        log.println(function + ": " + result.status() + ": " + result.message());
        if (result.succeeded() || !propagate) {
            return map;
        }
        if (result.status() == RunbookStatus.WAITING_FOR_APPROVAL) {
            String gates = result.gatesWaiting().stream().map(RunbookCalls::describe).collect(Collectors.joining("; "));
            throw new AbortException(Messages.format("Runbook.NotApproved", function, gates, result.runId(),
                    result.journal()));
        }
        throw new AbortException(Messages.format("Runbook.NotSucceeded", function, result.status(), result.message()));
    }

    private static String describe(GateWaiting gate) {
        return "'" + gate.id() + "'" + (gate.reason().isEmpty() ? "" : " (" + gate.reason() + ")")
                + (gate.approvers().isEmpty() ? "" : ", approvers " + String.join(", ", gate.approvers()));
    }
}
