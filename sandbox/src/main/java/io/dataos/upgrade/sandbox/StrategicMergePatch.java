package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a Kubernetes strategic merge patch to a stored object, because the fabric8 mock refuses
 * {@code application/strategic-merge-patch+json} (415) and a plain JSON merge patch replaces whole
 * lists: Helm's upgrade patch for a new image lists only the changed container, so a merge patch
 * would either drop the other container fields or (as the feasibility probe saw) lose the change.
 *
 * <p>Supported: maps merge recursively, {@code null} deletes a key, lists of objects whose field has
 * a patch merge key in the Kubernetes API (containers by name, ports by containerPort or port, env by
 * name, volumes by name, volumeMounts by mountPath, …) merge element by element, element-level
 * {@code $patch: delete|replace}, map-level {@code $patch: replace|delete}, {@code $retainKeys},
 * {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}. Lists of scalars
 * with the merge strategy (finalizers) are unioned. Every other list is replaced, as the apiserver
 * does for lists without a merge strategy.
 */
final class StrategicMergePatch {

    /** Field name → the element field that identifies an element, from the core API's patchMergeKey tags. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"),
            Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"),
            Map.entry("env", "name"),
            Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"),
            Map.entry("hostAliases", "ip"),
            Map.entry("ownerReferences", "uid"),
            Map.entry("conditions", "type"),
            Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("resourceClaims", "name"),
            Map.entry("schedulingGates", "name"));

    /** Scalar lists with patchStrategy "merge": a patch adds to them instead of replacing them. */
    private static final Set<String> MERGED_SCALAR_LISTS = Set.of("finalizers");

    private static final String DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {}

    /** {@code live} with {@code patch} applied; neither argument is modified. */
    static ObjectNode apply(ObjectNode live, ObjectNode patch) {
        JsonNode merged = mergeObject(live.deepCopy(), patch);
        return merged == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) merged;
    }

    /** Merges {@code patch} into {@code target} (a copy the caller owns); null means "delete this map". */
    private static JsonNode mergeObject(ObjectNode target, ObjectNode patch) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            switch (directive.asText()) {
                case "delete" -> {
                    return null;
                }
                case "replace" -> {
                    ObjectNode replacement = patch.deepCopy();
                    replacement.remove(DIRECTIVE);
                    return stripDirectives(replacement);
                }
                default -> { /* "merge" is the default behaviour */ }
            }
        }
        Map<String, List<JsonNode>> elementOrders = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS)) {
                continue;
            }
            if (key.startsWith(SET_ELEMENT_ORDER)) {
                List<JsonNode> order = new ArrayList<>();
                value.forEach(order::add);
                elementOrders.put(key.substring(SET_ELEMENT_ORDER.length()), order);
                continue;
            }
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                String list = key.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                if (target.get(list) instanceof ArrayNode existing) {
                    Set<JsonNode> doomed = new HashSet<>();
                    value.forEach(doomed::add);
                    ArrayNode kept = target.arrayNode();
                    existing.forEach(e -> {
                        if (!doomed.contains(e)) {
                            kept.add(e);
                        }
                    });
                    target.set(list, kept);
                }
                continue;
            }
            if (value == null || value.isNull()) {
                target.remove(key);
            } else if (value.isObject()) {
                JsonNode current = target.get(key);
                JsonNode merged = current instanceof ObjectNode currentObject
                        ? mergeObject(currentObject, (ObjectNode) value)
                        : mergeObject(JsonNodeFactory.instance.objectNode(), (ObjectNode) value);
                if (merged == null) {
                    target.remove(key);
                } else {
                    target.set(key, merged);
                }
            } else if (value.isArray()) {
                target.set(key, mergeList(key, target.get(key), (ArrayNode) value));
            } else {
                target.set(key, value.deepCopy());
            }
        }
        JsonNode retainKeys = patch.get(RETAIN_KEYS);
        if (retainKeys instanceof ArrayNode retained) {
            Set<String> keep = new HashSet<>();
            retained.forEach(k -> keep.add(k.asText()));
            target.properties().removeIf(e -> !keep.contains(e.getKey()));
        }
        elementOrders.forEach((list, order) -> reorder(target, list, order));
        return target;
    }

    private static JsonNode mergeList(String field, JsonNode current, ArrayNode patch) {
        String mergeKey = mergeKeyFor(field, patch, current);
        if (mergeKey == null) {
            if (MERGED_SCALAR_LISTS.contains(field) && current instanceof ArrayNode existing) {
                ArrayNode union = existing.deepCopy();
                patch.forEach(e -> {
                    if (!contains(union, e)) {
                        union.add(e.deepCopy());
                    }
                });
                return union;
            }
            return stripDirectives(patch.deepCopy());
        }
        // A list-level "$patch: replace" element means: the patch's list replaces the stored one.
        for (JsonNode element : patch) {
            if (element.isObject() && "replace".equals(element.path(DIRECTIVE).asText())) {
                ArrayNode replacement = JsonNodeFactory.instance.arrayNode();
                patch.forEach(e -> {
                    if (!e.has(DIRECTIVE)) {
                        replacement.add(stripDirectives(e.deepCopy()));
                    }
                });
                return replacement;
            }
        }
        ArrayNode result = current instanceof ArrayNode existing
                ? existing.deepCopy()
                : JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                result.add(element.deepCopy());
                continue;
            }
            JsonNode id = element.get(mergeKey);
            int index = indexOf(result, mergeKey, id);
            boolean delete = "delete".equals(element.path(DIRECTIVE).asText());
            if (delete) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                JsonNode merged = mergeObject((ObjectNode) result.get(index), (ObjectNode) element);
                if (merged == null) {
                    result.remove(index);
                } else {
                    result.set(index, merged);
                }
            } else {
                result.add(stripDirectives(element.deepCopy()));
            }
        }
        return result;
    }

    /** The merge key for a list field; "ports" means containerPort in a container and port in a Service. */
    private static String mergeKeyFor(String field, ArrayNode patch, JsonNode current) {
        if (field.equals("ports")) {
            JsonNode sample = patch.size() > 0 ? patch.get(0)
                    : current instanceof ArrayNode a && a.size() > 0 ? a.get(0) : null;
            if (sample == null || !sample.isObject()) {
                return null;
            }
            return sample.has("containerPort") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode id) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = list.get(i).get(mergeKey);
            if (candidate != null && candidate.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode element) {
        for (JsonNode e : list) {
            if (e.equals(element)) {
                return true;
            }
        }
        return false;
    }

    /** Orders a merged list as {@code $setElementOrder} asks; elements it does not name keep their place at the end. */
    private static void reorder(ObjectNode target, String list, List<JsonNode> order) {
        if (!(target.get(list) instanceof ArrayNode existing) || order.isEmpty()) {
            return;
        }
        ArrayNode sorted = target.arrayNode();
        List<JsonNode> remaining = new ArrayList<>();
        existing.forEach(remaining::add);
        for (JsonNode wanted : order) {
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                JsonNode candidate = it.next();
                if (matchesOrderEntry(candidate, wanted)) {
                    sorted.add(candidate);
                    it.remove();
                    break;
                }
            }
        }
        remaining.forEach(sorted::add);
        target.set(list, sorted);
    }

    private static boolean matchesOrderEntry(JsonNode candidate, JsonNode wanted) {
        if (!wanted.isObject()) {
            return candidate.equals(wanted);
        }
        if (!candidate.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> key : wanted.properties()) {
            if (!key.getValue().equals(candidate.get(key.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Removes patch directives from a value that is stored as it is (new elements, replacements). */
    private static <T extends JsonNode> T stripDirectives(T node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(e -> e.getKey().startsWith("$"));
            object.forEach(StrategicMergePatch::stripDirectives);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StrategicMergePatch::stripDirectives);
        }
        return node;
    }
}
