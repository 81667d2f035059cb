package io.dataos.upgrade.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The append-only record of one run: one JSON object per line in
 * {@code .dataos-upgrade/runs/<runId>/journal.jsonl}, each made durable (through
 * {@link Workspace#append}, which syncs) before the run acts on it.
 * Every text written passes through the masking of every secret the run has touched, so the
 * journal never holds one.
 */
public final class Journal {

    /** Where runs keep their journals, relative to the workspace. */
    public static final String RUNS_DIR = ".dataos-upgrade/runs";

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Fields that identify rather than describe (action ids, plan and run ids, lock and file paths,
     * states): a resume matches them exactly, so masking never rewrites them. A secret that is also
     * a common word (say {@code dataos}) would otherwise turn the action id
     * {@code manager.helm-upgrade.dataos-manager} into another action. Only free-text values are masked.
     */
    static final Set<String> STRUCTURED = Set.of("action", "failedAction", "rejectedGate", "planId", "planHash",
            "runId", "kind", "phase", "layer", "component", "status", "previousState", "lock", "file", "host", "pid",
            "processStart", "startedAt", "startSeq", "type", "seq", "time");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Workspace workspace;
    private final String path;
    private final String runId;
    private final Clock clock;
    private final Listener listener;
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();
    private final Object order = new Object();
    private final ReentrantLock flushing = new ReentrantLock();
    private final List<JournalEvent> queued = new ArrayList<>(); // guarded by order
    private final List<byte[]> queuedLines = new ArrayList<>(); // guarded by order
    private long seq; // guarded by order
    private volatile long durableSeq;
    private volatile JournalWriteException broken;
    private boolean needsNewline; // guarded by flushing

    /** Told of every event once it is durable; the kill-point tests use it to stop a run at an exact line. */
    @FunctionalInterface
    public interface Listener {
        void appended(JournalEvent event);
    }

    private Journal(Workspace workspace, String runId, long lastSeq, boolean needsNewline, Clock clock,
            Listener listener) {
        this.workspace = workspace;
        this.runId = runId;
        this.path = pathOf(runId);
        this.seq = lastSeq;
        this.durableSeq = lastSeq;
        this.needsNewline = needsNewline;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Opens the journal of {@code history}'s run for appending after what it already holds. When the
     * last line was cut short by a crash, the next event starts on a new line, leaving the fragment
     * on a line of its own that readers skip.
     */
    public static Journal continuing(Workspace workspace, RunHistory history, Clock clock, Listener listener) {
        return new Journal(workspace, history.runId(), history.lastSeq(), history.endsMidLine(), clock, listener);
    }

    /** The journal file of {@code runId}, relative to the workspace. */
    public static String pathOf(String runId) {
        return RUNS_DIR + "/" + checkRunId(runId, "runId") + "/journal.jsonl";
    }

    /** Refuses run ids that could not safely name a directory. */
    public static String checkRunId(String runId, String field) {
        if (runId == null || !SAFE_ID.matcher(runId).matches()) {
            throw new InvalidInputException("run id", field, "'" + runId + "' is not a usable run id: use 1 to 128"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. the build tag)");
        }
        return runId;
    }

    public String path() {
        return path;
    }

    public String runId() {
        return runId;
    }

    /** From now on, {@code secret}'s value is masked in every event written. */
    public void mask(Secret secret) {
        if (secret != null && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public void mask(List<Secret> more) {
        more.forEach(this::mask);
    }

    /** Masks {@code text} with every secret this run has touched. */
    public String masked(String text) {
        return Secret.mask(text, secrets);
    }

    /**
     * Appends one event and returns once it is on disk, with every event queued before it.
     * Concurrent callers share one write and one sync (group commit), so parallel actions do not
     * queue behind each other's disk flushes.
     *
     * @param fields the event's own fields; {@code seq}, {@code time}, {@code runId} and {@code type} are added
     * @throws JournalWriteException when the workspace cannot be written
     */
    public JournalEvent append(EventType type, ObjectNode fields) {
        JournalEvent event = enqueue(type, fields);
        flushThrough(event.seq());
        return event;
    }

    /**
     * Queues an event that only informs (a command's pid, its end, the plan's actions): it is written
     * with the next {@link #append} or {@link #flush}, whose event depends on nothing it says. A crash
     * before then loses it, which readers tolerate by design.
     */
    public JournalEvent appendLater(EventType type, ObjectNode fields) {
        return enqueue(type, fields);
    }

    /** Makes every queued event durable. */
    public void flush() {
        long target;
        synchronized (order) {
            target = seq;
        }
        flushThrough(target);
    }

    private JournalEvent enqueue(EventType type, ObjectNode fields) {
        if (broken != null) {
            throw broken;
        }
        synchronized (order) {
            long next = seq + 1;
            Instant time = clock.instant();
            ObjectNode line = JSON.createObjectNode();
            line.put("seq", next);
            line.put("time", time.toString());
            line.put("runId", runId);
            line.put("type", type.wireName());
            ObjectNode masked = maskAll(fields.deepCopy());
            line.setAll(masked);
            byte[] bytes;
            try {
                bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new JournalWriteException(path, e);
            }
            seq = next;
            JournalEvent event = new JournalEvent(next, time, runId, type.wireName(), masked);
            queued.add(event);
            queuedLines.add(bytes);
            return event;
        }
    }

    private void flushThrough(long target) {
        flushing.lock();
        try {
            if (broken != null) {
                throw broken;
            }
            if (durableSeq >= target) {
                return; // another caller's write carried this event
            }
            List<JournalEvent> batch;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            synchronized (order) {
                batch = new ArrayList<>(queued);
                queuedLines.forEach(bytes::writeBytes);
                queued.clear();
                queuedLines.clear();
            }
            if (batch.isEmpty()) {
                return;
            }
            byte[] content = bytes.toByteArray();
            if (needsNewline) {
                byte[] withBreak = new byte[content.length + 1];
                withBreak[0] = '\n';
                System.arraycopy(content, 0, withBreak, 1, content.length);
                content = withBreak;
            }
            try {
                write(content);
            } catch (JournalWriteException e) {
                broken = e; // later events must not be written after a lost one
                throw e;
            }
            needsNewline = false;
            durableSeq = batch.get(batch.size() - 1).seq();
            if (listener != null) {
                batch.forEach(listener::appended);
            }
        } finally {
            flushing.unlock();
        }
    }

    /** A fresh field object for {@link #append}. */
    public static ObjectNode fields() {
        return JSON.createObjectNode();
    }

    /** A fresh field object naming the action the event is about. */
    public static ObjectNode about(String actionId) {
        return JSON.createObjectNode().put("action", actionId);
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private void write(byte[] bytes) {
        boolean interrupted = false;
        try {
            for (int tries = 0; ; tries++) {
                try {
                    workspace.append(path, bytes);
                    return;
                } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
                    // The event that records an interruption must still be written: retry once with the
                    // flag cleared, and give the interruption back to the caller afterwards.
                    interrupted = true;
                    Thread.interrupted();
                    if (tries >= 1) {
                        throw new JournalWriteException(path, e);
                    }
                } catch (IOException | RuntimeException e) {
                    throw new JournalWriteException(path, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ObjectNode maskAll(ObjectNode node) {
        if (secrets.isEmpty()) {
            return node;
        }
        for (String name : new ArrayList<>(node.properties().stream().map(Map.Entry::getKey).toList())) {
            if (!STRUCTURED.contains(name)) {
                node.set(name, maskNode(node.get(name)));
            }
        }
        return node;
    }

    private JsonNode maskNode(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(masked(value.asText()));
        }
        if (value.isObject()) {
            return maskAll((ObjectNode) value);
        }
        if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, maskNode(array.get(i)));
            }
        }
        return value;
    }
}
