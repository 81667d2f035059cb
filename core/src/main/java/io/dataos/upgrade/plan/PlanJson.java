package io.dataos.upgrade.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Layer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan as stable JSON: fixed field order, sorted parameters, {@code \n} line ends, so the same
 * plan is always the same bytes (and the plan id, a hash of them, is reproducible). {@link #read}
 * accepts only what {@link #write} produces and checks the DAG, so an edited plan cannot smuggle in
 * a cycle or an unknown action kind.
 */
public final class PlanJson {

    /** The {@code apiVersion} and {@code kind} written at the top of every plan file. */
    public static final String API_VERSION = "dataos-upgrade/v1";
    public static final String KIND = "Plan";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private PlanJson() {}

    /** The plan as UTF-8 JSON, ending with a newline. */
    public static byte[] write(Plan plan) {
        return write(plan, null);
    }

    /**
     * The plan as UTF-8 JSON with the {@code inputs} it was made from (null: none), so that a run can
     * make it again and refuse any difference ({@link PlanSeal}).
     */
    public static byte[] write(Plan plan, PlanInputs inputs) {
        try {
            ObjectNode root = tree(plan);
            if (inputs != null) {
                ObjectNode node = root.putObject("inputs");
                node.put("plannedAt", inputs.plannedAt().toString());
                input(node.putObject("installed"), inputs.installed());
                input(node.putObject("target"), inputs.target());
                node.put("window", inputs.window());
                node.put("checks", inputs.checks());
            }
            String json = MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan " + plan.id(), e);
        }
    }

    /** Reads a plan written by {@link #write}. */
    public static Plan read(byte[] json) {
        return read(json, "plan.json");
    }

    /** Reads a plan written by {@link #write}; {@code source} names the file in errors. */
    public static Plan read(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "line " + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
                    "is not valid JSON (" + e.getOriginalMessage() + "): use a plan written by dataos-upgrade plan");
        } catch (java.io.IOException e) {
            throw new InvalidInputException(source, "(file)", "cannot be read: " + e.getMessage());
        }
        return new Reader(source).plan(root);
    }

    /**
     * The {@code inputs} a plan file records, or null when it records none (a plan written before
     * plans were sealed, or edited to drop them).
     */
    public static PlanInputs inputs(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
        JsonNode node = root == null ? null : root.get("inputs");
        if (node == null || node.isNull()) {
            return null;
        }
        Reader reader = new Reader(source);
        reader.object(node, "inputs", Set.of("plannedAt", "installed", "target", "window", "checks"));
        java.time.Instant plannedAt;
        try {
            plannedAt = java.time.Instant.parse(reader.text(node, "plannedAt", "inputs.plannedAt", true));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(source, "inputs.plannedAt", "is not an instant: the plan was edited; plan"
                    + " again");
        }
        return new PlanInputs(plannedAt, reader.input(node.get("installed"), "inputs.installed"),
                reader.input(node.get("target"), "inputs.target"), reader.text(node, "window", "inputs.window", false),
                reader.text(node, "checks", "inputs.checks", false));
    }

    private static void input(ObjectNode node, PlanInputs.Input input) {
        node.put("path", input.path());
        node.put("sha256", input.sha256());
    }

    /** {@code plan} with its id replaced by one derived from its content. */
    static Plan withContentId(Plan plan) {
        Plan unnamed = new Plan("", plan.type(), plan.fromVersion(), plan.toVersion(), plan.actions(), plan.risk(),
                plan.message());
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(write(unnamed));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        String id = plan.type().name().toLowerCase(Locale.ROOT) + "-" + plan.fromVersion() + "-to-" + plan.toVersion()
                + "-" + HexFormat.of().formatHex(digest, 0, 6);
        return new Plan(id, plan.type(), plan.fromVersion(), plan.toVersion(), plan.actions(), plan.risk(),
                plan.message());
    }

    static ObjectNode tree(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", KIND);
        root.put("id", plan.id());
        root.put("type", plan.type().name());
        root.put("fromVersion", plan.fromVersion());
        root.put("toVersion", plan.toVersion());
        root.put("empty", plan.isEmpty());
        root.put("message", plan.message());
        ArrayNode actions = root.putArray("actions");
        for (PlanAction action : plan.actions()) {
            ObjectNode node = actions.addObject();
            node.put("id", action.id());
            node.put("phase", action.phase().name());
            node.put("layer", action.layer() == null ? null : action.layer().name());
            node.put("component", action.component());
            node.put("kind", action.kind().name());
            node.put("from", action.from());
            node.put("to", action.to());
            strings(node.putArray("dependsOn"), action.dependsOn());
            node.put("requiresApproval", action.requiresApproval());
            strings(node.putArray("approvers"), action.approvers());
            node.put("description", action.description());
            ObjectNode params = node.putObject("params");
            new TreeMap<>(action.params()).forEach(params::put);
        }
        RiskAssessment risk = plan.risk();
        ObjectNode riskNode = root.putObject("risk");
        riskNode.put("level", risk.level().name());
        strings(riskNode.putArray("reasons"), risk.reasons());
        riskNode.put("estimatedDowntime", risk.estimatedDowntime().toString());
        riskNode.put("estimatedDowntimeMinutes", risk.estimatedDowntime().toMinutes());
        ObjectNode affected = riskNode.putObject("affectedComponents");
        for (Layer layer : Layer.values()) {
            strings(affected.putArray(layer.name()), risk.affectedComponents().get(layer));
        }
        strings(riskNode.putArray("irreversibleSteps"), risk.irreversibleSteps());
        strings(riskNode.putArray("manualSteps"), risk.manualSteps());
        ArrayNode approvals = riskNode.putArray("approvals");
        for (RequiredApproval approval : risk.approvals()) {
            ObjectNode node = approvals.addObject();
            node.put("actionId", approval.actionId());
            node.put("kind", approval.kind().name());
            strings(node.putArray("approvers"), approval.approvers());
            node.put("reason", approval.reason());
        }
        strings(riskNode.putArray("mitigations"), risk.mitigations());
        strings(riskNode.putArray("notes"), risk.notes());
        return root;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Strict reading with field paths in errors. */
    static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Plan plan(JsonNode root) {
            object(root, "(file)", Set.of("apiVersion", "kind", "id", "type", "fromVersion", "toVersion", "empty",
                    "message", "actions", "risk", "inputs"));
            if (!API_VERSION.equals(text(root, "apiVersion", "apiVersion", true))
                    || !KIND.equals(text(root, "kind", "kind", true))) {
                throw new InvalidInputException(source, "kind", "is not a dataos-upgrade plan (apiVersion "
                        + API_VERSION + ", kind " + KIND + "): write one with dataos-upgrade plan");
            }
            String id = text(root, "id", "id", true);
            PlanType type = enumValue(PlanType.class, text(root, "type", "type", true), "type");
            String from = text(root, "fromVersion", "fromVersion", true);
            String to = text(root, "toVersion", "toVersion", true);
            String message = text(root, "message", "message", false);
            JsonNode actionsNode = root.get("actions");
            if (actionsNode == null || !actionsNode.isArray()) {
                throw new InvalidInputException(source, "actions", "is missing or not a list");
            }
            List<PlanAction> actions = new ArrayList<>();
            for (int i = 0; i < actionsNode.size(); i++) {
                actions.add(action(actionsNode.get(i), "actions[" + i + "]"));
            }
            String problem = Plan.graphProblem(actions);
            if (problem != null) {
                throw new InvalidInputException(source, "actions", problem + ": the plan was edited; plan again");
            }
            RiskAssessment risk = risk(root.get("risk"), "risk");
            Plan plan = new Plan(id, type, from, to, actions, risk, message);
            JsonNode empty = root.get("empty");
            if (empty != null && empty.asBoolean() != plan.isEmpty()) {
                throw new InvalidInputException(source, "empty", "says " + empty.asBoolean() + " but the plan has "
                        + actions.size() + " actions: the plan was edited; plan again");
            }
            return plan;
        }

        private PlanAction action(JsonNode node, String path) {
            object(node, path, Set.of("id", "phase", "layer", "component", "kind", "from", "to", "dependsOn",
                    "requiresApproval", "approvers", "description", "params"));
            String layer = text(node, "layer", path + ".layer", false);
            JsonNode approval = node.get("requiresApproval");
            if (approval == null || !approval.isBoolean()) {
                throw new InvalidInputException(source, path + ".requiresApproval", "is missing or not true/false");
            }
            JsonNode paramsNode = node.get("params");
            Map<String, String> params = new TreeMap<>();
            if (paramsNode != null && !paramsNode.isNull()) {
                if (!paramsNode.isObject()) {
                    throw new InvalidInputException(source, path + ".params", "is not an object");
                }
                Iterator<Map.Entry<String, JsonNode>> fields = paramsNode.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getValue().isTextual()) {
                        throw new InvalidInputException(source, path + ".params." + field.getKey(), "is not text");
                    }
                    params.put(field.getKey(), field.getValue().asText());
                }
            }
            return new PlanAction(
                    text(node, "id", path + ".id", true),
                    enumValue(Phase.class, text(node, "phase", path + ".phase", true), path + ".phase"),
                    layer == null ? null : enumValue(Layer.class, layer, path + ".layer"),
                    text(node, "component", path + ".component", false),
                    enumValue(ActionKind.class, text(node, "kind", path + ".kind", true), path + ".kind"),
                    text(node, "from", path + ".from", false),
                    text(node, "to", path + ".to", false),
                    strings(node.get("dependsOn"), path + ".dependsOn"),
                    approval.booleanValue(),
                    strings(node.get("approvers"), path + ".approvers"),
                    text(node, "description", path + ".description", false),
                    params);
        }

        private RiskAssessment risk(JsonNode node, String path) {
            object(node, path, Set.of("level", "reasons", "estimatedDowntime", "estimatedDowntimeMinutes",
                    "affectedComponents", "irreversibleSteps", "manualSteps", "approvals", "mitigations", "notes"));
            Duration downtime;
            try {
                downtime = Duration.parse(text(node, "estimatedDowntime", path + ".estimatedDowntime", true));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(source, path + ".estimatedDowntime", "is not an ISO-8601 duration");
            }
            Map<Layer, List<String>> affected = new EnumMap<>(Layer.class);
            JsonNode affectedNode = node.get("affectedComponents");
            if (affectedNode != null && !affectedNode.isNull()) {
                object(affectedNode, path + ".affectedComponents", Set.of("USER_SPACE", "CORE_KERNEL", "CLOUD_KERNEL"));
                for (Layer layer : Layer.values()) {
                    affected.put(layer, strings(affectedNode.get(layer.name()), path + ".affectedComponents."
                            + layer.name()));
                }
            }
            List<RequiredApproval> approvals = new ArrayList<>();
            JsonNode approvalsNode = node.get("approvals");
            if (approvalsNode != null && !approvalsNode.isNull()) {
                if (!approvalsNode.isArray()) {
                    throw new InvalidInputException(source, path + ".approvals", "is not a list");
                }
                for (int i = 0; i < approvalsNode.size(); i++) {
                    JsonNode a = approvalsNode.get(i);
                    String at = path + ".approvals[" + i + "]";
                    object(a, at, Set.of("actionId", "kind", "approvers", "reason"));
                    approvals.add(new RequiredApproval(text(a, "actionId", at + ".actionId", true),
                            enumValue(ActionKind.class, text(a, "kind", at + ".kind", true), at + ".kind"),
                            strings(a.get("approvers"), at + ".approvers"), text(a, "reason", at + ".reason", false)));
                }
            }
            return new RiskAssessment(
                    enumValue(RiskLevel.class, text(node, "level", path + ".level", true), path + ".level"),
                    strings(node.get("reasons"), path + ".reasons"),
                    downtime,
                    affected,
                    strings(node.get("irreversibleSteps"), path + ".irreversibleSteps"),
                    strings(node.get("manualSteps"), path + ".manualSteps"),
                    approvals,
                    strings(node.get("mitigations"), path + ".mitigations"),
                    strings(node.get("notes"), path + ".notes"));
        }

        PlanInputs.Input input(JsonNode node, String path) {
            object(node, path, Set.of("path", "sha256"));
            String sha = text(node, "sha256", path + ".sha256", true);
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new InvalidInputException(source, path + ".sha256", "is not a SHA-256 in hex: the plan was"
                        + " edited; plan again");
            }
            return new PlanInputs.Input(text(node, "path", path + ".path", true), sha);
        }

        void object(JsonNode node, String path, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(source, path, "is missing or not an object");
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new InvalidInputException(source, path.equals("(file)") ? name : path + "." + name,
                            "is not a known field of a plan: use a plan written by dataos-upgrade plan");
                }
            }
        }

        String text(JsonNode node, String key, String path, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new InvalidInputException(source, path, "is missing: give the plan JSON written by"
                            + " 'dataos-upgrade plan ... --output json' (or the dataosPlan step), unedited");
                }
                return null;
            }
            if (!value.isTextual()) {
                throw new InvalidInputException(source, path, "is not text: give the plan JSON written by"
                        + " 'dataos-upgrade plan ... --output json' (or the dataosPlan step), unedited");
            }
            return value.asText();
        }

        private List<String> strings(JsonNode node, String path) {
            List<String> values = new ArrayList<>();
            if (node == null || node.isNull()) {
                return values;
            }
            if (!node.isArray()) {
                throw new InvalidInputException(source, path, "is not a list");
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw new InvalidInputException(source, path + "[" + i + "]", "is not text");
                }
                values.add(node.get(i).asText());
            }
            return values;
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, path, "'" + value + "' is not one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }
    }
}
