package io.dataos.upgrade.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Who holds a run lock: the run, who started it, and the process (host, pid and the process's own
 * start time, so a reused pid is not mistaken for the holder), with when the lock was taken.
 */
public record LockHolder(String runId, String startedBy, String host, long pid, String processStart,
        Instant startedAt) {

    public LockHolder {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        startedBy = startedBy == null ? "" : startedBy;
    }

    /** This process, holding the lock for {@code runId}. */
    public static LockHolder current(String runId, String startedBy, Clock clock) {
        long pid = LocalHost.pid();
        return new LockHolder(runId, startedBy, LocalHost.name(), pid, LocalHost.processStart(pid), clock.instant());
    }

    /** Says who holds the lock, for messages. */
    public String describe() {
        return "run '" + runId + "'" + (startedBy.isEmpty() ? "" : " started by " + startedBy) + " (host " + host
                + ", pid " + pid + ", since " + startedAt + ")";
    }

    ObjectNode toJson() {
        ObjectNode node = Journal.JSON.createObjectNode()
                .put("runId", runId)
                .put("startedBy", startedBy)
                .put("host", host)
                .put("pid", pid)
                .put("startedAt", startedAt.toString());
        if (processStart != null) {
            node.put("processStart", processStart);
        }
        return node;
    }

    byte[] toBytes() {
        return (toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The holder written in a lock file, or null when the bytes are not a lock. */
    static LockHolder parse(byte[] bytes) {
        try {
            JsonNode node = Journal.JSON.readTree(bytes);
            if (node == null || !node.hasNonNull("runId") || !node.hasNonNull("host") || !node.hasNonNull("pid")
                    || !node.hasNonNull("startedAt")) {
                return null;
            }
            return new LockHolder(node.get("runId").asText(), node.path("startedBy").asText(""),
                    node.get("host").asText(), node.get("pid").asLong(),
                    node.hasNonNull("processStart") ? node.get("processStart").asText() : null,
                    Instant.parse(node.get("startedAt").asText()));
        } catch (IOException | DateTimeParseException notALock) {
            return null;
        }
    }
}
