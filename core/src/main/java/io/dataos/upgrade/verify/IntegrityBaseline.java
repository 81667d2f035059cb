package io.dataos.upgrade.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fingerprints of the critical tables taken before a change (stored with the run's backup kit),
 * against which data-integrity checks compare the database afterwards. {@code database} is the JDBC
 * URL, which never carries a password.
 */
public record IntegrityBaseline(Instant capturedAt, String database, List<TableFingerprint> tables) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public IntegrityBaseline {
        tables = List.copyOf(tables);
    }

    public Optional<TableFingerprint> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    /** Writes this baseline as JSON to {@code path} in the workspace. */
    public void write(Workspace workspace, String path) throws IOException, InterruptedException {
        ObjectNode root = JSON.createObjectNode();
        root.put("capturedAt", capturedAt.toString());
        root.put("database", database);
        ArrayNode list = root.putArray("tables");
        for (TableFingerprint t : tables) {
            list.addObject().put("table", t.table()).put("rows", t.rows()).put("checksum", t.checksum());
        }
        workspace.write(path, JSON.writeValueAsBytes(root));
    }

    /** Reads a baseline written by {@link #write}; refuses a file that is not one, naming it. */
    public static IntegrityBaseline read(Workspace workspace, String path) throws IOException, InterruptedException {
        JsonNode root;
        try {
            root = JSON.readTree(workspace.read(path));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(path, "(file)", "not an integrity baseline (" + e.getOriginalMessage()
                    + "): capture a new one before the change");
        }
        if (root == null || !root.path("tables").isArray()) {
            throw new InvalidInputException(path, "tables", "missing: the file is not an integrity baseline;"
                    + " capture a new one before the change");
        }
        Instant captured;
        try {
            captured = Instant.parse(root.path("capturedAt").asText(""));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(path, "capturedAt", "is not an ISO-8601 instant: capture a new baseline");
        }
        List<TableFingerprint> tables = new ArrayList<>();
        for (int i = 0; i < root.get("tables").size(); i++) {
            JsonNode t = root.get("tables").get(i);
            if (!t.path("table").isTextual() || !t.path("rows").canConvertToLong() || !t.path("checksum").isTextual()) {
                throw new InvalidInputException(path, "tables[" + i + "]", "needs table, rows and checksum:"
                        + " capture a new baseline");
            }
            tables.add(new TableFingerprint(t.get("table").asText(), t.get("rows").asLong(), t.get("checksum").asText()));
        }
        return new IntegrityBaseline(captured, root.path("database").asText(""), tables);
    }
}
