package io.dataos.upgrade.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.Phase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plans of real commands for the executor tests: each action appends its start and end to a log file. */
final class TestPlans {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestPlans() {}

    /** An action that appends "start:ID" to {@code log}, sleeps, then appends "end:ID". */
    static PlanAction step(String id, Path log, double sleepSeconds, String... dependsOn) {
        return command(id, List.of(dependsOn), "sh", "-c",
                "echo start:$1 >> \"$2\"; sleep $3; echo end:$1 >> \"$2\"", "sh", id, log.toString(),
                String.valueOf(sleepSeconds));
    }

    /** An action that appends "start:ID", prints {@code output} and exits {@code code}. */
    static PlanAction failing(String id, Path log, int code, String output, String... dependsOn) {
        return command(id, List.of(dependsOn), "sh", "-c", "echo start:$1 >> \"$2\"; echo \"$3\"; exit $4", "sh", id,
                log.toString(), output, String.valueOf(code));
    }

    static PlanAction command(String id, List<String> dependsOn, String... argv) {
        return withParams(id, dependsOn, Map.of("command", json(List.of(argv))));
    }

    static PlanAction withParams(String id, List<String> dependsOn, Map<String, String> params) {
        return new PlanAction(id, Phase.PREPARE, null, id, ActionKind.PRE_CHECKS, null, null, dependsOn, false,
                List.of(), "test step " + id, params);
    }

    static PlanAction gate(PlanAction action, String... approvers) {
        return new PlanAction(action.id(), action.phase(), action.layer(), action.component(),
                ActionKind.OWNER_APPROVAL, action.from(), action.to(), action.dependsOn(), true, List.of(approvers),
                action.description(), action.params());
    }

    static PlanAction withDoneCheck(PlanAction action, String... argv) {
        Map<String, String> params = new HashMap<>(action.params());
        params.put("doneCheck", json(List.of(argv)));
        return new PlanAction(action.id(), action.phase(), action.layer(), action.component(), action.kind(),
                action.from(), action.to(), action.dependsOn(), action.requiresApproval(), action.approvers(),
                action.description(), params);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ActionHandlers commandsForEveryKind() {
        return ActionHandlers.builder().onEveryOtherKind(new CommandActionHandler()).build();
    }
}
