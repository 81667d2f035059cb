package io.dataos.upgrade.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.dataos.upgrade.api.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML document read with Jackson's YAML parser into plain maps, lists and scalars that keep the
 * scalar's source text and line. Keeping the text matters: a tree of Jackson numbers would turn an
 * unquoted {@code version: 1.10} into {@code 1.1}. Duplicate keys, anchors/aliases and several
 * documents in one file are refused.
 */
final class YamlTree {

    /** Largest manifest accepted (a 10 000-component manifest is about 1 MiB). */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        int line();
    }

    record MapNode(Map<String, Node> entries, int line) implements Node {}

    record ListNode(List<Node> items, int line) implements Node {}

    /** {@code text} is null for a YAML null ({@code ~}, {@code null} or nothing). */
    record ScalarNode(String text, int line) implements Node {}

    private static final YAMLFactory FACTORY = newFactory();

    private YamlTree() {}

    private static YAMLFactory newFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by us, with the field path
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(50);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build())
                .build();
        return factory;
    }

    static Node parse(byte[] yaml, String source) {
        if (yaml.length == 0) {
            throw new InvalidInputException(source, "(file)", "is empty: write a manifest (see docs/release-manifest.md)");
        }
        if (yaml.length > MAX_BYTES) {
            throw new InvalidInputException(source, "(file)", "is larger than " + (MAX_BYTES >> 20)
                    + " MiB: a manifest is far smaller; check that this is the right file");
        }
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(source, "(file)", "holds no YAML document: write a manifest (see"
                        + " docs/release-manifest.md)");
            }
            Node root = read(parser, source, "");
            if (parser.nextToken() != null) {
                throw new InvalidInputException(source, "(file)", "holds more than one YAML document (line "
                        + line(parser.currentTokenLocation()) + "): keep one manifest per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst()
                    .orElse("syntax error");
            throw new InvalidInputException(source, "line " + line(e.getLocation()), "is not valid YAML ("
                    + Identifiers.printable(message) + "): fix the syntax");
        } catch (IOException e) {
            throw new InvalidInputException(source, "(file)", "cannot be read as YAML: " + e.getMessage());
        }
    }

    private static Node read(YAMLParser parser, String source, String path) throws IOException {
        int line = line(parser.currentTokenLocation());
        if (parser.isCurrentAlias() || parser.getObjectId() != null) {
            throw new InvalidInputException(source, path.isEmpty() ? "line " + line : path, "uses a YAML anchor or alias"
                    + " (line " + line + "): write the value out in full");
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (entries.containsKey(key)) {
                        throw new InvalidInputException(source, childPath, "is given twice (line "
                                + line(parser.currentTokenLocation()) + "): keep one");
                    }
                    parser.nextToken();
                    entries.put(key, read(parser, source, childPath));
                }
                return new MapNode(entries, line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, source, path + "[" + index++ + "]"));
                }
                return new ListNode(items, line);
            }
            case VALUE_NULL -> {
                return new ScalarNode(null, line);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                return new ScalarNode(parser.getText(), line);
            }
            default -> throw new InvalidInputException(source, path.isEmpty() ? "line " + line : path,
                    "holds an unsupported YAML value (" + token + ", line " + line + "): write plain text");
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
