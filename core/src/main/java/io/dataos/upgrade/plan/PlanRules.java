package io.dataos.upgrade.plan;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Launchers;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules every plan the planners write obeys, checked again on a plan read from a file before it
 * is run: the gates the runbook requires are there and every later action waits for the go/no-go
 * gate; an action carries only the parameters the planners write, so no command, environment or
 * working folder can be added to it (argv templates come from the settings only); the one command a
 * plan holds, the IaC rollback command, runs no shell, directly or through a launcher.
 */
public final class PlanRules {

    /** Action kinds the runbook always puts behind a person's approval. */
    static final Set<ActionKind> ALWAYS_GATED = EnumSet.of(ActionKind.ASSESS_RISK, ActionKind.APPROVE_WINDOW,
            ActionKind.OWNER_APPROVAL, ActionKind.NEW_CLUSTER, ActionKind.RESTORE_POSTGRES);

    /** The parameter names the planners write ({@link ActionParams}); {@code audience.*} is a prefix. */
    static final Set<String> KNOWN_PARAMS = knownParams();

    private PlanRules() {}

    /**
     * Refuses {@code plan} (read from {@code source}) when it breaks a rule, naming the field
     * ({@code actions[4].requiresApproval}) and saying to plan again.
     */
    public static void check(Plan plan, String source) {
        List<PlanAction> actions = plan.actions();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            index.put(actions.get(i).id(), i);
        }
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            String at = "actions[" + i + "]";
            if (ALWAYS_GATED.contains(action.kind()) && !action.requiresApproval()) {
                throw new InvalidInputException(source, at + ".requiresApproval", "is false, but " + action.kind()
                        + " action " + action.id() + " always waits for approval: the plan was edited; plan again"
                        + " (dataos-upgrade plan) and review that plan");
            }
            for (String key : new TreeSet<>(action.params().keySet())) {
                if (!KNOWN_PARAMS.contains(key) && !key.startsWith(ActionParams.AUDIENCE_PREFIX)) {
                    throw new InvalidInputException(source, at + ".params." + key, "is not a parameter the planner"
                            + " writes (commands, their environment and folders come from the settings only): the plan"
                            + " was edited; plan again");
                }
            }
            String command = action.params().get(ActionParams.COMMAND);
            if (command != null) {
                if (action.kind() != ActionKind.IAC_ROLLBACK) {
                    throw new InvalidInputException(source, at + ".params." + ActionParams.COMMAND, "is set on "
                            + action.kind() + " action " + action.id() + ": only the IaC rollback carries a command;"
                            + " the other commands come from the settings' templates; plan again");
                }
                List<String> argv;
                try {
                    argv = ActionParams.argv(action);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(source, at + ".params." + ActionParams.COMMAND, "is not a JSON"
                            + " list of strings: plan again");
                }
                if (argv.isEmpty() || argv.get(0).isBlank()) {
                    throw new InvalidInputException(source, at + ".params." + ActionParams.COMMAND, "names no"
                            + " program: plan again");
                }
                Launchers.refuseShell(argv, source, at + ".params." + ActionParams.COMMAND, "plan again from a"
                        + " manifest whose cloudKernel.iac.rollbackCommand names the IaC tool itself");
            }
        }
        if (actions.isEmpty()) {
            return;
        }
        ActionKind go = plan.type() == PlanType.UPGRADE ? ActionKind.APPROVE_WINDOW : ActionKind.ASSESS_RISK;
        int gate = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).kind() == go) {
                gate = i;
                break;
            }
        }
        if (gate < 0) {
            throw new InvalidInputException(source, "actions", "has no " + go + " gate, which every "
                    + plan.type().name().toLowerCase(java.util.Locale.ROOT) + " plan has before its first change: the"
                    + " plan was edited; plan again");
        }
        String gateId = actions.get(gate).id();
        for (int i = gate + 1; i < actions.size(); i++) {
            if (!dependsOn(actions.get(i), gateId, actions, index)) {
                throw new InvalidInputException(source, "actions[" + i + "].dependsOn", "lets " + actions.get(i).id()
                        + " run without waiting for the gate " + gateId + ": the plan was edited; plan again");
            }
        }
    }

    /** True when {@code action} waits for {@code gateId}, directly or through its dependencies. */
    private static boolean dependsOn(PlanAction action, String gateId, List<PlanAction> actions,
            Map<String, Integer> index) {
        Deque<String> todo = new ArrayDeque<>(action.dependsOn());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(gateId)) {
                return true;
            }
            Integer at = index.get(id);
            if (at != null && seen.add(id)) {
                todo.addAll(actions.get(at).dependsOn());
            }
        }
        return false;
    }

    private static Set<String> knownParams() {
        Set<String> names = new HashSet<>();
        for (Field field : ActionParams.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        names.remove(ActionParams.AUDIENCE_PREFIX);
        return Set.copyOf(names);
    }
}
