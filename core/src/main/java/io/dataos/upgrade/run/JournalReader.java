package io.dataos.upgrade.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's journal back. A last line cut short by a crash is skipped, and so is such a
 * fragment left in the middle when the run was resumed after it; any other unreadable line is
 * refused with its line number, because a journal that was edited cannot be trusted to resume from.
 */
public final class JournalReader {

    private JournalReader() {}

    /** The history of {@code runId} in {@code workspace}; empty when the run never started. */
    public static RunHistory read(Workspace workspace, String runId) throws IOException, InterruptedException {
        String path = Journal.pathOf(runId);
        if (!workspace.exists(path)) {
            return RunHistory.empty(runId);
        }
        return parse(path, runId, workspace.read(path));
    }

    /** Parses journal bytes; {@code path} names the file in error messages. */
    public static RunHistory parse(String path, String runId, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        boolean endsMidLine = !text.isEmpty() && !text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        List<JournalEvent> events = new ArrayList<>();
        int fragments = 0;
        Integer pendingFragment = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            boolean last = i == lines.length - 1;
            JournalEvent event = parseLine(line);
            if (event == null) {
                if (last) {
                    fragments++; // the writer died while writing this line
                    continue;
                }
                if (pendingFragment != null) {
                    throw corrupt(path, pendingFragment);
                }
                pendingFragment = i + 1;
                continue;
            }
            if (pendingFragment != null) {
                // A fragment is only believable as the last words of a crashed attempt: the next
                // readable line must be the resumed attempt's start.
                if (!event.is(EventType.RUN_STARTED)) {
                    throw corrupt(path, pendingFragment);
                }
                fragments++;
                pendingFragment = null;
            }
            if (!runId.equals(event.runId())) {
                throw new InvalidInputException(path, "line " + (i + 1) + ".runId", "the line belongs to run '"
                        + event.runId() + "', not '" + runId + "': each run keeps its own journal; do not copy"
                        + " journals between runs");
            }
            events.add(event);
        }
        if (pendingFragment != null) {
            throw corrupt(path, pendingFragment);
        }
        return new RunHistory(runId, path, events, endsMidLine, fragments);
    }

    private static JournalEvent parseLine(String line) {
        try {
            JsonNode node = Journal.JSON.readTree(line);
            if (node == null || !node.isObject() || !node.hasNonNull("seq") || !node.hasNonNull("type")
                    || !node.hasNonNull("runId") || !node.hasNonNull("time")) {
                return null;
            }
            ObjectNode fields = ((ObjectNode) node).deepCopy();
            long seq = fields.remove("seq").asLong();
            Instant time = Instant.parse(fields.remove("time").asText());
            String runId = fields.remove("runId").asText();
            String type = fields.remove("type").asText();
            return new JournalEvent(seq, time, runId, type, fields);
        } catch (IOException | UncheckedIOException | DateTimeParseException notAnEvent) {
            return null;
        }
    }

    private static InvalidInputException corrupt(String path, int lineNumber) {
        return new InvalidInputException(path, "line " + lineNumber, "is not a journal event and is not the cut-short"
                + " last line of a crashed attempt: the journal was edited or damaged; restore it from a backup,"
                + " or start a new run with a new run id (and check by hand what the damaged run changed)");
    }
}
