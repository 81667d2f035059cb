package io.dataos.upgrade.run;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A plan's actions as a checked DAG: unique ids, every {@code dependsOn} naming an action of the
 * plan, no cycles. Built before anything runs, so a malformed plan is refused whole.
 */
public final class PlanGraph {

    private final List<PlanAction> actions;
    private final Map<String, PlanAction> byId;
    private final Map<String, Integer> index;
    private final Map<String, List<String>> dependents;

    private PlanGraph(List<PlanAction> actions, Map<String, PlanAction> byId, Map<String, Integer> index,
            Map<String, List<String>> dependents) {
        this.actions = actions;
        this.byId = byId;
        this.index = index;
        this.dependents = dependents;
    }

    /**
     * Checks {@code actions} and returns their graph.
     *
     * @param source names the plan in error messages (its file, or "plan 'id'")
     * @throws InvalidInputException naming the action field at fault and the fix
     */
    public static PlanGraph of(String source, List<PlanAction> actions) {
        if (actions == null || actions.isEmpty()) {
            throw new InvalidInputException(source, "actions",
                    "the plan has no actions, so there is nothing to run: generate the plan again for the"
                            + " installed state and target release you mean");
        }
        Map<String, PlanAction> byId = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            String id = action.id();
            if (id.isBlank() || !id.codePoints().allMatch(c -> c > 0x20 && c != 0x7f)) {
                throw new InvalidInputException(source, "actions[" + i + "].id",
                        "'" + printable(id) + "' is not a usable action id: use letters, digits and -._:/ without spaces");
            }
            Integer earlier = index.putIfAbsent(id, i);
            if (earlier != null) {
                throw new InvalidInputException(source, "actions[" + i + "].id", "'" + id
                        + "' is also the id of actions[" + earlier + "]: give every action its own id");
            }
            byId.put(id, action);
        }
        Map<String, List<String>> dependents = new LinkedHashMap<>();
        for (PlanAction action : actions) {
            dependents.put(action.id(), new ArrayList<>());
        }
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            List<String> deps = action.dependsOn();
            Set<String> seen = new LinkedHashSet<>();
            for (int d = 0; d < deps.size(); d++) {
                String dep = deps.get(d);
                if (!byId.containsKey(dep)) {
                    throw new InvalidInputException(source, "actions[" + i + "].dependsOn[" + d + "]", "'"
                            + printable(dep) + "' is not the id of any action in the plan: name an existing action"
                            + " or remove the dependency");
                }
                if (seen.add(dep)) {
                    dependents.get(dep).add(action.id());
                }
            }
        }
        PlanGraph graph = new PlanGraph(List.copyOf(actions), Collections.unmodifiableMap(byId), index,
                freeze(dependents));
        graph.refuseCycles(source);
        return graph;
    }

    public List<PlanAction> actions() {
        return actions;
    }

    public PlanAction action(String id) {
        return byId.get(id);
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Position of the action in the plan, used to keep the plan's order among ready actions. */
    public int position(String id) {
        return index.get(id);
    }

    /** Actions that name {@code id} in their {@code dependsOn}. */
    public List<String> dependents(String id) {
        return dependents.get(id);
    }

    /** Every action that depends on {@code id}, directly or through others. */
    public Set<String> transitiveDependents(String id) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(dependents(id));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (found.add(next)) {
                todo.addAll(dependents(next));
            }
        }
        return found;
    }

    /** The actions in an order that respects every dependency; among independent actions, the plan's order. */
    public List<PlanAction> topologicalOrder() {
        Map<String, Integer> missing = new HashMap<>();
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingInt(this::position));
        for (PlanAction action : actions) {
            int count = (int) action.dependsOn().stream().distinct().count();
            missing.put(action.id(), count);
            if (count == 0) {
                ready.add(action.id());
            }
        }
        List<PlanAction> order = new ArrayList<>(actions.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(byId.get(id));
            for (String dependent : dependents(id)) {
                if (missing.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    /**
     * The length of the longest dependency chain when each action costs {@code cost}: no schedule,
     * however parallel, finishes sooner. Used by the benchmarks and in reports.
     */
    public Duration criticalPath(ToLongFunction<PlanAction> costMillis) {
        Map<String, Long> finish = new HashMap<>();
        long longest = 0;
        for (PlanAction action : topologicalOrder()) {
            long start = 0;
            for (String dep : action.dependsOn()) {
                start = Math.max(start, finish.get(dep));
            }
            long end = start + costMillis.applyAsLong(action);
            finish.put(action.id(), end);
            longest = Math.max(longest, end);
        }
        return Duration.ofMillis(longest);
    }

    private void refuseCycles(String source) {
        // Depth-first search with colours; the grey stack is the cycle's path when a back edge appears.
        Map<String, Integer> colour = new HashMap<>();
        for (PlanAction root : actions) {
            if (colour.containsKey(root.id())) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> pending = new ArrayDeque<>();
            colour.put(root.id(), 1);
            path.addLast(root.id());
            pending.push(byId.get(root.id()).dependsOn().iterator());
            while (!pending.isEmpty()) {
                java.util.Iterator<String> next = pending.peek();
                if (!next.hasNext()) {
                    pending.pop();
                    colour.put(path.removeLast(), 2);
                    continue;
                }
                String dep = next.next();
                Integer c = colour.get(dep);
                if (c == null) {
                    colour.put(dep, 1);
                    path.addLast(dep);
                    pending.push(byId.get(dep).dependsOn().iterator());
                } else if (c == 1) {
                    List<String> cycle = new ArrayList<>();
                    boolean in = false;
                    for (String id : path) {
                        in |= id.equals(dep);
                        if (in) {
                            cycle.add(id);
                        }
                    }
                    cycle.add(dep);
                    int at = position(cycle.get(0));
                    throw new InvalidInputException(source, "actions[" + at + "].dependsOn",
                            "dependency cycle " + String.join(" -> ", cycle)
                                    + " (each depends on the next): remove one of these dependencies");
                }
            }
        }
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
