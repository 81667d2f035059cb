package io.dataos.upgrade.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A verification report as JSON and back: the machine-readable result for {@code --output json} and
 * the copy kept in the workspace right away, so failed checks' evidence survives a rollback and
 * reaches the run and root-cause reports.
 */
public final class VerificationJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerificationJson() {
    }

    public static String render(VerificationReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("purpose", report.purpose().name());
        root.put("started", report.started().toString());
        root.put("finished", report.finished().toString());
        root.put("passed", report.passed());
        root.put("rollbackOnFailure", report.rollbackOnFailure());
        root.put("rollbackRecommended", report.shouldRollBack());
        report.rollbackReason().ifPresent(r -> root.put("rollbackReason", r));
        ArrayNode results = root.putArray("results");
        for (CheckResult r : report.results()) {
            ObjectNode node = results.addObject();
            node.put("name", r.name());
            node.put("type", r.type().fileName());
            node.put("layer", r.layer() == null ? null : r.layer().name());
            node.put("status", r.status().name());
            node.put("critical", r.critical());
            node.put("message", r.message());
            node.put("evidence", r.evidence());
            node.put("durationMillis", r.duration().toMillis());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write verification JSON", e);
        }
    }

    /** Reads what {@link #render} wrote; {@code source} names the file in errors. */
    public static VerificationReport parse(String source, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "(file)", "not JSON (" + e.getOriginalMessage() + ")");
        }
        try {
            List<CheckResult> results = new ArrayList<>();
            for (JsonNode n : root.path("results")) {
                results.add(new CheckResult(n.get("name").asText(),
                        CheckType.fromFileName(n.get("type").asText()).orElseThrow(),
                        n.path("layer").isTextual() ? Layer.valueOf(n.get("layer").asText()) : null,
                        CheckStatus.valueOf(n.get("status").asText()), n.path("message").asText(""),
                        n.path("evidence").asText(""), Duration.ofMillis(n.path("durationMillis").asLong()),
                        n.path("critical").asBoolean(true)));
            }
            return new VerificationReport(VerificationPurpose.valueOf(root.get("purpose").asText()),
                    Instant.parse(root.get("started").asText()), Instant.parse(root.get("finished").asText()),
                    results, root.path("rollbackOnFailure").asBoolean(false));
        } catch (RuntimeException e) {
            throw new InvalidInputException(source, "results", "not a verification report written by"
                    + " dataos-upgrade (" + e.getClass().getSimpleName() + ")");
        }
    }
}
