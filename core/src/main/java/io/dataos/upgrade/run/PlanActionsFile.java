package io.dataos.upgrade.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the actions of a plan from JSON so the executor can run them: either a plan object (its
 * {@code planId} or {@code id}, and {@code actions}; other fields such as {@code risk} are left to
 * the planner's readers) or a bare list of actions. Each action has the fields of
 * {@link PlanAction}; a missing or malformed one is refused naming the file and the field.
 */
public final class PlanActionsFile {

    /** The plan id and actions read from a file. */
    public record Loaded(String planId, List<PlanAction> actions) {
        public Loaded {
            actions = List.copyOf(actions);
        }
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanActionsFile() {}

    /**
     * Parses {@code content}; {@code source} names the file in messages and is the plan id when the
     * file gives none.
     *
     * @throws InvalidInputException naming {@code source} and the field at fault
     */
    public static Loaded parse(String source, byte[] content) {
        JsonNode root;
        try {
            root = STRICT.readTree(content);
        } catch (IOException e) {
            throw new InvalidInputException(source, "(file)", "is not JSON (" + firstLine(e) + "): give the plan"
                    + " JSON written by 'dataos-upgrade plan ... --output json' or a JSON list of actions");
        }
        JsonNode list;
        String planId = source;
        if (root != null && root.isArray()) {
            list = root;
        } else if (root != null && root.isObject() && root.has("actions")) {
            list = root.get("actions");
            if (root.hasNonNull("planId")) {
                planId = root.get("planId").asText();
            } else if (root.hasNonNull("id")) {
                planId = root.get("id").asText();
            }
        } else {
            throw new InvalidInputException(source, "actions", "is missing: the file must be a JSON list of actions"
                    + " or an object with an 'actions' list");
        }
        if (!list.isArray()) {
            throw new InvalidInputException(source, "actions", "is not a list: write the actions as [ {...}, ... ]");
        }
        List<PlanAction> actions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            actions.add(action(source, i, list.get(i)));
        }
        return new Loaded(planId, actions);
    }

    private static PlanAction action(String source, int index, JsonNode node) {
        String at = "actions[" + index + "]";
        if (!node.isObject()) {
            throw new InvalidInputException(source, at, "is not an object: give each action its fields {\"id\": ...}");
        }
        for (String required : List.of("id", "phase", "kind")) {
            if (!node.hasNonNull(required) || node.get(required).asText().isBlank()) {
                throw new InvalidInputException(source, at + "." + required, "is missing: every action needs an id,"
                        + " a phase and a kind");
            }
        }
        try {
            return STRICT.treeToValue(node, PlanAction.class);
        } catch (InvalidFormatException e) {
            String allowed = e.getTargetType() != null && e.getTargetType().isEnum()
                    ? ": use one of " + Arrays.toString(e.getTargetType().getEnumConstants()) : "";
            throw new InvalidInputException(source, at + path(e), "'" + e.getValue() + "' is not valid" + allowed);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(source, at + "." + e.getPropertyName(), "is not a field of a plan action:"
                    + " remove it (known fields: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            throw new InvalidInputException(source, at + path(e), "cannot be read (" + firstLine(e)
                    + "): check its type against the other actions");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, at, "cannot be read (" + firstLine(e) + ")");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
