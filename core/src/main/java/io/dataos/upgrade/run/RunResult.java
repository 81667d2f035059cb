package io.dataos.upgrade.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run (or one attempt of it) ended: its status, every action's state in plan order, the
 * action that failed with its error and output tail, the gates waiting for approval, and the
 * journal that holds the whole story.
 */
public record RunResult(String runId, RunStatus status, boolean dryRun, Map<String, ActionState> states,
        String failedAction, String error, String outputTail, List<Gate> waitingFor, String rejectedGate,
        String journal) {

    /** A gate not passed yet, with who may approve it. */
    public record Gate(String actionId, List<String> approvers, String reason) {
        public Gate {
            approvers = List.copyOf(approvers);
        }
    }

    public RunResult {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        waitingFor = List.copyOf(waitingFor);
        error = error == null ? "" : error;
        outputTail = outputTail == null ? "" : outputTail;
    }

    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }

    /** Ids of the actions in {@code state}, in plan order. */
    public List<String> inState(ActionState state) {
        List<String> ids = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s == state) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** One paragraph for a person: what happened and what to do next. */
    public String message() {
        String prefix = (dryRun ? "dry run " : "run ") + "'" + runId + "' ";
        return switch (status) {
            case SUCCEEDED -> prefix + (dryRun ? "showed " : "succeeded: ") + states.size() + " actions"
                    + (dryRun ? " (nothing was run)" : "");
            case FAILED -> prefix + "failed at action '" + failedAction + "': " + error
                    + (outputTail.isEmpty() ? "" : "\n--- last output ---\n" + outputTail)
                    + "\nfix the cause, then re-run with the same run id to resume (journal " + journal + ")";
            case WAITING_FOR_APPROVAL -> {
                List<String> parts = new ArrayList<>();
                for (Gate gate : waitingFor) {
                    parts.add(gate.actionId() + (gate.approvers().isEmpty() ? ""
                            : " (approvers " + String.join(", ", gate.approvers()) + ")"));
                }
                yield prefix + "is waiting for approval of " + String.join(", ", parts)
                        + ": approve, then re-run with the same run id to resume (journal " + journal + ")";
            }
            case REJECTED -> prefix + "stopped: gate '" + rejectedGate + "' was rejected" + (error.isEmpty() ? ""
                    : " (" + error + ")") + "; nothing that depends on it ran (journal " + journal + ")";
            case INTERRUPTED -> prefix + "was interrupted; re-run with the same run id to resume (journal "
                    + journal + ")";
        };
    }
}
