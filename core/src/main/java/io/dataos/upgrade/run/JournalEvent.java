package io.dataos.upgrade.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a run's journal: its sequence number (counting on across resumed attempts), when
 * it was written, the run, the event type (null when written by a newer version) and the
 * event's own fields.
 */
public record JournalEvent(long seq, Instant time, String runId, String typeName, ObjectNode fields) {

    public JournalEvent {
        fields = fields.deepCopy();
    }

    public EventType type() {
        return EventType.of(typeName);
    }

    public boolean is(EventType expected) {
        return expected.wireName().equals(typeName);
    }

    /** The text of field {@code name}, or null when absent. */
    public String text(String name) {
        JsonNode node = fields.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }

    public long number(String name, long fallback) {
        JsonNode node = fields.get(name);
        return node == null || !node.canConvertToLong() ? fallback : node.asLong();
    }

    public boolean flag(String name) {
        JsonNode node = fields.get(name);
        return node != null && node.asBoolean(false);
    }

    public List<String> texts(String name) {
        List<String> values = new ArrayList<>();
        JsonNode node = fields.get(name);
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** The action this event is about, or null for run-level events. */
    public String actionId() {
        return text("action");
    }
}
