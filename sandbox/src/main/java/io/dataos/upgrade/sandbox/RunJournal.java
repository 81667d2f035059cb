package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.ProgressEvent;
import io.dataos.upgrade.api.ProgressEvent.ActionStep;
import io.dataos.upgrade.api.ProgressEvent.RunStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the production runbooks told the rehearsal while they ran, from their typed progress events
 * (the journal's run and action steps): per run, how many attempts it took, and per action its
 * last state, how many times it started and whether its gate was approved. The rehearsal report is
 * built from this and the runbooks' results.
 */
final class RunJournal {

    /** One action as the events left it. */
    record Action(String id, ActionStep.State state, int starts, boolean approved) {}

    private final Map<String, Integer> attempts = new LinkedHashMap<>();
    /** Per run: nanoTime of its first start and of its last finish. */
    private final Map<String, long[]> times = new LinkedHashMap<>();
    private final Map<String, Map<String, Action>> actions = new LinkedHashMap<>();

    /** The progress listener: lines for people go to {@code lines}, steps are recorded. */
    Consumer<ProgressEvent> listener(Consumer<String> lines) {
        return event -> {
            if (event instanceof ProgressEvent.Message message) {
                lines.accept(message.text());
            } else if (event instanceof RunStep step) {
                synchronized (this) {
                    long[] span = times.computeIfAbsent(step.runId(), id -> new long[] {System.nanoTime(), 0});
                    if (step.kind() == RunStep.Kind.STARTED) {
                        attempts.merge(step.runId(), 1, Integer::sum);
                        actions.computeIfAbsent(step.runId(), id -> new LinkedHashMap<>());
                    } else {
                        span[1] = System.nanoTime();
                    }
                }
            } else if (event instanceof ActionStep step) {
                record(step);
            }
        };
    }

    private synchronized void record(ActionStep step) {
        Map<String, Action> run = actions.computeIfAbsent(step.runId(), id -> new LinkedHashMap<>());
        Action before = run.getOrDefault(step.actionId(), new Action(step.actionId(), step.state(), 0, false));
        int starts = before.starts() + (step.state() == ActionStep.State.STARTED ? 1 : 0);
        boolean approved = before.approved() || step.state() == ActionStep.State.APPROVED;
        // An approval is a step on the way, not where the action ended.
        ActionStep.State state = step.state() == ActionStep.State.APPROVED ? before.state() : step.state();
        run.put(step.actionId(), new Action(step.actionId(), state, starts, approved));
    }

    /** From the run's first start to its last finish; zero when it never finished. */
    synchronized java.time.Duration elapsed(String runId) {
        long[] span = times.get(runId);
        return span == null || span[1] == 0 ? java.time.Duration.ZERO : java.time.Duration.ofNanos(span[1] - span[0]);
    }

    synchronized int attempts(String runId) {
        return attempts.getOrDefault(runId, 0);
    }

    synchronized List<Action> actions(String runId) {
        return List.copyOf(actions.getOrDefault(runId, Map.of()).values());
    }
}
