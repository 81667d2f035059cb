package io.dataos.upgrade.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A reviewable upgrade or rollback: a DAG of {@link PlanAction}s listed in an order where every
 * action comes after the actions it depends on, with the plan's risk assessment. {@code id} is
 * derived from the content, so the same inputs always give the same id. {@code message} explains
 * an empty plan (nothing to do) and is otherwise a one-line summary.
 */
public record Plan(String id, PlanType type, String fromVersion, String toVersion, List<PlanAction> actions,
        RiskAssessment risk, String message) {

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(risk, "risk");
        actions = List.copyOf(actions == null ? List.of() : actions);
        message = message == null ? "" : message;
        String problem = graphProblem(actions);
        if (problem != null) {
            throw new IllegalArgumentException("plan " + id + " is not a valid DAG: " + problem);
        }
    }

    public Plan(String id, PlanType type, String fromVersion, String toVersion, List<PlanAction> actions,
            RiskAssessment risk) {
        this(id, type, fromVersion, toVersion, actions, risk, "");
    }

    /** The actions that wait for a person's approval before they run. */
    public List<PlanAction> gates() {
        return actions.stream().filter(PlanAction::requiresApproval).toList();
    }

    /** True when there is nothing to do; {@link #message()} says why. */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public Optional<PlanAction> action(String actionId) {
        return actions.stream().filter(a -> a.id().equals(actionId)).findFirst();
    }

    /**
     * Why {@code actions} is not a DAG in dependency order (duplicate id, unknown or later
     * dependency), or null when it is. Requiring each dependency to be listed earlier also rules out
     * cycles.
     */
    static String graphProblem(List<PlanAction> actions) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            if (position.putIfAbsent(action.id(), i) != null) {
                return "action id '" + action.id() + "' is used twice (actions[" + position.get(action.id()) + "] and"
                        + " actions[" + i + "])";
            }
            Set<String> seen = new HashSet<>();
            for (String dependency : action.dependsOn()) {
                Integer at = position.get(dependency);
                if (at == null || at >= i) {
                    return "actions[" + i + "] (" + action.id() + ") depends on '" + dependency + "', which is not an"
                            + " action listed before it";
                }
                if (!seen.add(dependency)) {
                    return "actions[" + i + "] (" + action.id() + ") lists '" + dependency + "' twice in dependsOn";
                }
            }
        }
        return null;
    }
}
