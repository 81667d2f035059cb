package io.dataos.upgrade.api;

import io.dataos.upgrade.run.EventType;
import io.dataos.upgrade.run.JournalEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a runbook reports while it runs, as typed events (Jib's {@code JibEvent}): a line for people,
 * and the run's and its actions' steps as the journal records them. The command line prints the
 * lines; another front door may show the steps. Texts are already masked.
 */
public sealed interface ProgressEvent permits ProgressEvent.Message, ProgressEvent.RunStep,
        ProgressEvent.ActionStep {

    /** A line for people: what the run is doing, a warning, the outcome. */
    record Message(String text) implements ProgressEvent {
        public Message {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Run {@code runId} started or finished ({@code status} only when finished). */
    record RunStep(String runId, Kind kind, String status) implements ProgressEvent {

        /** Which step of the run. */
        public enum Kind {
            STARTED,
            FINISHED
        }
    }

    /** Action {@code actionId} of run {@code runId} reached {@code state}. */
    record ActionStep(String runId, String actionId, State state) implements ProgressEvent {

        /** Where an action stands, as the journal says it. */
        public enum State {
            STARTED,
            SUCCEEDED,
            FAILED,
            SKIPPED,
            INTERRUPTED,
            WAITING_FOR_APPROVAL,
            APPROVED,
            REJECTED,
            WOULD_RUN
        }
    }

    /** A listener for front doors that show lines only: passes each {@link Message}'s text to {@code lines}. */
    static Consumer<ProgressEvent> messages(Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        return event -> {
            if (event instanceof Message message) {
                lines.accept(message.text());
            }
        };
    }

    /** The progress a journal event stands for, if any (commands and bookkeeping stand for none). */
    static Optional<ProgressEvent> of(JournalEvent event) {
        EventType type = event.type();
        if (type == null) {
            return Optional.empty();
        }
        String action = event.text("action");
        return Optional.ofNullable(switch (type) {
            case RUN_STARTED -> new RunStep(event.runId(), RunStep.Kind.STARTED, null);
            case RUN_FINISHED -> new RunStep(event.runId(), RunStep.Kind.FINISHED, event.text("status"));
            case ACTION_STARTED -> new ActionStep(event.runId(), action, ActionStep.State.STARTED);
            case ACTION_SUCCEEDED -> new ActionStep(event.runId(), action, ActionStep.State.SUCCEEDED);
            case ACTION_FAILED -> new ActionStep(event.runId(), action, ActionStep.State.FAILED);
            case ACTION_SKIPPED -> new ActionStep(event.runId(), action, ActionStep.State.SKIPPED);
            case ACTION_INTERRUPTED -> new ActionStep(event.runId(), action, ActionStep.State.INTERRUPTED);
            case ACTION_WAITING_FOR_APPROVAL -> new ActionStep(event.runId(), action,
                    ActionStep.State.WAITING_FOR_APPROVAL);
            case ACTION_APPROVED -> new ActionStep(event.runId(), action, ActionStep.State.APPROVED);
            case ACTION_REJECTED -> new ActionStep(event.runId(), action, ActionStep.State.REJECTED);
            case ACTION_WOULD_RUN -> new ActionStep(event.runId(), action, ActionStep.State.WOULD_RUN);
            default -> null;
        });
    }
}
