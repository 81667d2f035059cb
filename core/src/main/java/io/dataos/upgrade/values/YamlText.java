package io.dataos.upgrade.values;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataos.upgrade.api.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document kept as its exact text, walked once with a streaming parser that reports every
 * scalar with its key path and the exact range of characters it occupies. Edits replace those
 * ranges and leave every other character (comments, order, indentation, line endings) untouched.
 */
final class YamlText {

    /** Helm values files beyond this size are refused (SnakeYAML's default is 3 MB, too small). */
    static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .build();

    private final String source;
    private final String text;

    private YamlText(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** Decodes {@code content} as strict UTF-8; refuses anything else naming {@code source}. */
    static YamlText decode(String source, byte[] content) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            return new YamlText(source, chars.toString());
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, "(file)", "is not UTF-8 text: save it as UTF-8");
        }
    }

    String source() {
        return source;
    }

    String text() {
        return text;
    }

    /** One scalar of the document: its key path, parsed text, token kind and character range. */
    record Scalar(List<String> path, JsonToken token, String value, int start, int end, boolean inFlow) {

        String pathString() {
            return String.join(".", path);
        }
    }

    /** Receives each scalar in document order. */
    interface ScalarVisitor {
        void scalar(Scalar scalar);
    }

    /** Thrown by a visitor that has seen enough: the walk ends quietly, the rest is not parsed. */
    static final class StopWalk extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWalk() {
            super(null, null, false, false);
        }
    }

    /**
     * Walks the whole document, failing with a message naming {@code source} and the line when it
     * is not a single YAML mapping or holds a key twice in one mapping (Helm refuses both).
     */
    void walk(ScalarVisitor visitor) {
        CodePointIndex index = new CodePointIndex(text);
        List<String> path = new ArrayList<>();
        List<Boolean> flow = new ArrayList<>();
        List<Integer> sequenceIndex = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(source, "(file)", "is empty: it must be a YAML mapping of values");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException(source, "(file)",
                        "is not a YAML mapping (it starts with a " + describe(first) + "): a values file maps keys to values");
            }
            pushContainer(parser, index, flow, sequenceIndex, false);
            String pendingKey = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (flow.isEmpty()) {
                    throw new InvalidInputException(source, "(file)", "holds more than one YAML document at line "
                            + parser.currentTokenLocation().getLineNr() + ": keep one document (remove '---')");
                }
                switch (token) {
                    case FIELD_NAME -> pendingKey = parser.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        path.add(segment(pendingKey, sequenceIndex));
                        pendingKey = null;
                        pushContainer(parser, index, flow, sequenceIndex, token == JsonToken.START_ARRAY);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        flow.remove(flow.size() - 1);
                        sequenceIndex.remove(sequenceIndex.size() - 1);
                        if (!path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                    }
                    default -> {
                        path.add(segment(pendingKey, sequenceIndex));
                        pendingKey = null;
                        int start = index.charIndex(parser.currentTokenLocation().getCharOffset());
                        int end = index.charIndex(parser.currentLocation().getCharOffset());
                        try {
                            visitor.scalar(new Scalar(Collections.unmodifiableList(path), token, parser.getText(),
                                    start, end, flow.get(flow.size() - 1)));
                        } catch (StopWalk stop) {
                            return;
                        }
                        path.remove(path.size() - 1);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, "(file)", "is not valid YAML" + describe(e) + "; fix the YAML syntax");
        } catch (IOException e) {
            throw new InvalidInputException(source, "(file)", "could not be read as YAML: " + e.getMessage());
        }
    }

    /** Skips an anchor ({@code &a}) or a YAML tag ({@code !!str}) before a scalar: edits keep them. */
    static int skipProperties(String text, int start, int end) {
        int i = start;
        while (i < end && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
            while (i < end && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                i++;
            }
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }
        return i;
    }

    private static String segment(String key, List<Integer> sequenceIndex) {
        if (key != null) {
            return key;
        }
        int last = sequenceIndex.size() - 1;
        int i = sequenceIndex.get(last);
        sequenceIndex.set(last, i + 1);
        return "[" + i + "]";
    }

    private void pushContainer(JsonParser parser, CodePointIndex index, List<Boolean> flow,
            List<Integer> sequenceIndex, boolean sequence) {
        int at = index.charIndex(parser.currentTokenLocation().getCharOffset());
        char c = at < text.length() ? text.charAt(at) : ' ';
        boolean parentFlow = !flow.isEmpty() && flow.get(flow.size() - 1);
        flow.add(parentFlow || c == '{' || c == '[');
        sequenceIndex.add(sequence ? 0 : -1);
    }

    /** Where and what: SnakeYAML's problem mark is the line the operator must look at. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
            return " at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ": " + marked.getProblem() + context;
        }
        JsonLocation where = e.getLocation();
        String line = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return line + ": " + e.getOriginalMessage().lines().findFirst().orElse("syntax error");
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "list";
            case VALUE_STRING -> "plain text";
            default -> "single value";
        };
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        // Values files never need more; a bomb of aliases must not exhaust the agent.
        options.setMaxAliasesForCollections(50);
        return options;
    }

    /**
     * Maps the parser's code point offsets to String char indices. Offsets arrive almost in order,
     * so a cursor that moves forward (and restarts when asked for an earlier one) keeps it linear.
     */
    private static final class CodePointIndex {
        private final String text;
        private long cursorCodePoint;
        private int cursorChar;

        CodePointIndex(String text) {
            this.text = text;
        }

        int charIndex(long codePoint) {
            if (codePoint < cursorCodePoint) {
                cursorCodePoint = 0;
                cursorChar = 0;
            }
            while (cursorCodePoint < codePoint && cursorChar < text.length()) {
                cursorChar += Character.charCount(text.codePointAt(cursorChar));
                cursorCodePoint++;
            }
            return cursorChar;
        }
    }
}
