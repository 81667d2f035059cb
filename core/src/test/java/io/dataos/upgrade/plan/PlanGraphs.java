package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.Layer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Questions tests ask of a plan's DAG. */
final class PlanGraphs {

    private PlanGraphs() {}

    static PlanAction action(Plan plan, String id) {
        return plan.action(id).orElseThrow(() -> new AssertionError("no action " + id + " in " + ids(plan)));
    }

    static List<String> ids(Plan plan) {
        return plan.actions().stream().map(PlanAction::id).toList();
    }

    static List<PlanAction> ofKind(Plan plan, ActionKind kind) {
        return plan.actions().stream().filter(a -> a.kind() == kind).toList();
    }

    static List<PlanAction> inLayer(Plan plan, Layer layer) {
        return plan.actions().stream().filter(a -> a.layer() == layer).toList();
    }

    /** Every action {@code id} waits for, directly or not. */
    static Set<String> ancestors(Plan plan, String id) {
        Map<String, PlanAction> byId = new HashMap<>();
        plan.actions().forEach(a -> byId.put(a.id(), a));
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(byId.get(id).dependsOn());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(byId.get(next).dependsOn());
            }
        }
        return seen;
    }

    /** Whether {@code first} must finish before {@code second} starts. */
    static boolean runsBefore(Plan plan, String first, String second) {
        return ancestors(plan, second).contains(first);
    }
}
