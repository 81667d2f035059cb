package io.dataos.upgrade.run;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@link ActionHandler} carries out each {@link ActionKind}. A plan holding a kind with no
 * handler is refused whole before anything runs.
 */
public final class ActionHandlers {

    private final Map<ActionKind, ActionHandler> byKind;

    private ActionHandlers(Map<ActionKind, ActionHandler> byKind) {
        this.byKind = byKind.isEmpty() ? Map.of() : new EnumMap<>(byKind);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ActionHandler> find(ActionKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** The handler of {@code action}'s kind; call {@link #check} first. */
    public ActionHandler forAction(PlanAction action) {
        ActionHandler handler = byKind.get(action.kind());
        if (handler == null) {
            throw new IllegalStateException("no handler for " + action.kind() + ": the plan was not checked");
        }
        return handler;
    }

    /**
     * Refuses the plan when any of its kinds has no handler (naming every such kind and its
     * actions), then lets each handler validate its actions; a handler's complaint about an action
     * is reported against {@code source} and the action's place in it ({@code actions[3].params.workDir}).
     *
     * @throws InvalidInputException naming {@code source} and the first action of each unhandled kind
     */
    public void check(String source, List<PlanAction> actions) {
        Map<ActionKind, List<String>> missing = new LinkedHashMap<>();
        int firstMissing = -1;
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            if (!byKind.containsKey(action.kind())) {
                missing.computeIfAbsent(action.kind(), k -> new ArrayList<>()).add(action.id());
                firstMissing = firstMissing < 0 ? i : firstMissing;
            }
        }
        if (!missing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            missing.forEach((kind, ids) -> parts.add(kind + " (" + String.join(", ", ids) + ")"));
            throw new InvalidInputException(source, "actions[" + firstMissing + "].kind",
                    "no handler can run " + String.join("; ", parts) + ": nothing was run; run this plan"
                            + " through a front door that supports these kinds, or remove those actions");
        }
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            try {
                byKind.get(action.kind()).validate(action);
            } catch (InvalidInputException e) {
                String blamed = "plan action '" + action.id() + "'";
                if (!blamed.equals(e.source())) {
                    throw e; // about another file (e.g. settings): that file is the one to fix
                }
                // The handler only knows the action; the operator needs the plan file and the action's place in it.
                String problem = e.getMessage().substring((e.source() + ": " + e.field() + ": ").length());
                throw new InvalidInputException(source, "actions[" + i + "]." + e.field(), "of " + blamed + ": "
                        + problem);
            }
        }
    }

    /**
     * What {@link #check} would refuse, every problem instead of the first: one per unhandled kind
     * and one per action a handler refuses, each naming {@code source} and the action's place in it.
     */
    public List<InvalidInputException> problems(String source, List<PlanAction> actions,
            java.util.function.Predicate<String> done) {
        List<InvalidInputException> problems = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            PlanAction action = actions.get(i);
            if (done.test(action.id())) {
                continue; // succeeded, or done by hand: nothing of it runs again
            }
            if (!byKind.containsKey(action.kind())) {
                problems.add(new InvalidInputException(source, "actions[" + i + "].kind", "no handler can run "
                        + action.kind() + " (" + action.id() + "): nothing was run; run this plan through a front"
                        + " door that supports it, or remove the action"));
                continue;
            }
            try {
                check(source, List.of(action));
            } catch (InvalidInputException e) {
                problems.add(e.field().startsWith("actions[0].") ? new InvalidInputException(source, "actions[" + i
                        + "]." + e.field().substring("actions[0].".length()), e.getMessage().substring((e.source()
                        + ": " + e.field() + ": ").length())) : e);
            }
        }
        return problems;
    }

    /** Collects handlers by kind. */
    public static final class Builder {
        private final Map<ActionKind, ActionHandler> byKind = new EnumMap<>(ActionKind.class);

        public Builder on(ActionKind kind, ActionHandler handler) {
            byKind.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** {@code handler} for every kind not given a handler yet (tests, benchmarks, custom command plans). */
        public Builder onEveryOtherKind(ActionHandler handler) {
            for (ActionKind kind : ActionKind.values()) {
                byKind.putIfAbsent(kind, handler);
            }
            return this;
        }

        public ActionHandlers build() {
            return new ActionHandlers(byKind);
        }
    }
}
