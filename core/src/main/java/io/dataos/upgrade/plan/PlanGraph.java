package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.Layer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assembles a plan's DAG stage by stage. Inside a stage (the preparation, one layer, the manager
 * release, verification) the planner adds only the edges the runbook needs, so independent actions
 * can run in parallel; {@link #actions()} then makes every first action of a stage wait for every
 * last action of the stage before it, which keeps the stages (and so the layers) in order.
 */
final class PlanGraph {

    /** An action under construction. */
    static final class Draft {
        final String id;
        final Phase phase;
        final Layer layer;
        final String component;
        final ActionKind kind;
        String from;
        String to;
        final Set<String> dependsOn = new LinkedHashSet<>();
        boolean requiresApproval;
        List<String> approvers = List.of();
        String description = "";
        final TreeMap<String, String> params = new TreeMap<>();

        Draft(Phase phase, Layer layer, ActionKind kind, String component) {
            this(phase, layer, kind, component, component);
        }

        /** {@code key} ends the id where the component's name alone is not unique (a stack's name and version). */
        Draft(Phase phase, Layer layer, ActionKind kind, String component, String key) {
            this.phase = phase;
            this.layer = layer;
            this.kind = kind;
            this.component = component;
            this.id = idOf(phase, kind, key);
        }

        Draft change(String fromValue, String toValue) {
            this.from = fromValue;
            this.to = toValue;
            return this;
        }

        Draft after(String actionId) {
            dependsOn.add(actionId);
            return this;
        }

        Draft gate(List<String> who) {
            requiresApproval = true;
            approvers = List.copyOf(who);
            return this;
        }

        Draft describe(String text) {
            description = text;
            return this;
        }

        Draft param(String key, String value) {
            if (value != null) {
                params.put(key, value);
            }
            return this;
        }

        PlanAction build() {
            return new PlanAction(id, phase, layer, component, kind, from, to, List.copyOf(dependsOn), requiresApproval,
                    approvers, description, params);
        }
    }

    private final List<List<Draft>> stages = new ArrayList<>();

    /** Starts the next stage; actions added from now on belong to it. */
    void stage() {
        stages.add(new ArrayList<>());
    }

    /** Adds an action to the current stage; its in-stage dependencies must already be added. */
    Draft add(Draft draft) {
        stages.get(stages.size() - 1).add(draft);
        return draft;
    }

    Draft add(Phase phase, Layer layer, ActionKind kind, String component) {
        return add(new Draft(phase, layer, kind, component));
    }

    Draft add(Phase phase, Layer layer, ActionKind kind, String component, String key) {
        return add(new Draft(phase, layer, kind, component, key));
    }

    /** The actions in order, each stage's first actions made to wait for the previous stage's last ones. */
    List<PlanAction> actions() {
        List<PlanAction> actions = new ArrayList<>();
        List<String> previousSinks = List.of();
        for (List<Draft> stage : stages) {
            if (stage.isEmpty()) {
                continue;
            }
            Set<String> dependedOn = new HashSet<>();
            for (Draft draft : stage) {
                dependedOn.addAll(draft.dependsOn);
            }
            List<String> sinks = new ArrayList<>();
            for (Draft draft : stage) {
                if (draft.dependsOn.isEmpty() && !previousSinks.isEmpty()) {
                    draft.dependsOn.addAll(previousSinks);
                }
                if (!dependedOn.contains(draft.id)) {
                    sinks.add(draft.id);
                }
                actions.add(draft.build());
            }
            previousSinks = sinks;
        }
        return actions;
    }

    /** {@code phase.kind[.component]} in lower case, e.g. {@code core-kernel.rollback-component.metis}. */
    static String idOf(Phase phase, ActionKind kind, String component) {
        String base = slug(phase.name()) + "." + slug(kind.name());
        return component == null ? base : base + "." + component;
    }

    private static String slug(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
