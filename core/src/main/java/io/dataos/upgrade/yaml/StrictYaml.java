package io.dataos.upgrade.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.Workspace;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the engine's YAML inputs (manifests, settings, checks files) into records with Jackson
 * databind, strictly: unknown fields, duplicate keys, anchors and aliases (Jackson's YAML reader
 * would turn a scalar alias into its name, not its value), several documents, oversized files and
 * text that is not UTF-8 are refused. Every refusal is an {@link InvalidInputException} naming the
 * file, the field path ({@code coreKernel[2].version}) and the fix; unknown fields get the nearest
 * known name, and text echoed from the file is made printable first.
 */
public final class StrictYaml {

    /** Largest file accepted (a 10 000-component manifest is about 1 MiB). */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /**
     * What a kind of file is, for messages: {@code what} ("a manifest"), the page that documents
     * it, the fix when the top level is not a mapping, and the words that introduce the known
     * fields after an unknown one ("known fields here: " or "use ").
     */
    public record Format(String what, String docs, String notAMapping, String knownFields) {}

    /**
     * A file read: the record, the line of every field path, and the top-level scalars (so that
     * {@code apiVersion} and {@code kind} can be checked before the fields they decide on).
     */
    public record Document<T>(T value, Map<String, Integer> lines, Map<String, String> topLevel) {

        /** The line of {@code path}, or 0 when the file does not hold it. */
        public int line(String path) {
            return lines.getOrDefault(path, 0);
        }
    }

    private static final YAMLFactory FACTORY = newFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The token a Jackson message names ("from Array value (token `JsonToken.START_ARRAY`)"). */
    private static final Pattern NAMED_TOKEN = Pattern.compile("\\(token `JsonToken\\.([A-Z_]+)`\\)");

    private StrictYaml() {}

    private static YAMLFactory newFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // refused by STRICT_DUPLICATE_DETECTION, with the field path
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(50);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return factory;
    }

    /**
     * The bytes of {@code file}, read only up to {@link #MAX_BYTES}: a device such as /dev/zero
     * reports size 0 and never ends, so its size is learnt by reading, never by asking.
     */
    public static byte[] readFile(Path file, Format format) throws IOException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(source, "(file)", "is a directory: give the "
                    + format.what().replaceFirst("^an? ", "") + " file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(source, format);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, "(file)", "does not exist: check the path");
        }
    }

    /** The bytes of workspace file {@code relative}, read only up to {@link #MAX_BYTES}. */
    public static byte[] readFile(Workspace workspace, String relative, Format format)
            throws IOException, InterruptedException {
        byte[] bytes = workspace.readAtMost(relative, MAX_BYTES);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(relative, format);
        }
        return bytes;
    }

    private static InvalidInputException tooLarge(String source, Format format) {
        return new InvalidInputException(source, "(file)", "is larger than " + (MAX_BYTES >> 20) + " MiB: "
                + format.what() + " is far smaller; check that this is the right file");
    }

    /**
     * Checks {@code yaml} as a whole (size, encoding, one document, a mapping at the top, no
     * duplicate keys, anchors or aliases) and returns the lines of its fields and its top-level
     * scalars, without binding it.
     */
    public static Document<Void> scan(byte[] yaml, String source, Format format) {
        if (yaml.length > MAX_BYTES) {
            throw tooLarge(source, format);
        }
        if (yaml.length == 0) {
            throw new InvalidInputException(source, "(file)", "is empty: write " + format.what() + " (see "
                    + format.docs() + ")");
        }
        checkEncoding(yaml, source);
        yaml = withoutUtf8Mark(yaml);
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> topLevel = new HashMap<>();
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(source, "(file)", "holds no YAML document: write " + format.what()
                        + " (see " + format.docs() + ")");
            }
            refuseAnchor(parser, source, "");
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException(source, "(file)", "is not a YAML mapping: " + format.notAMapping());
            }
            walk(parser, source, "", lines, topLevel);
            if (parser.nextToken() != null) {
                throw new InvalidInputException(source, "(file)", "holds more than one YAML document (line "
                        + line(parser.currentTokenLocation()) + "): keep one " + format.what().replaceFirst("^an? ", "")
                        + " per file");
            }
        } catch (IOException e) {
            throw translate(e, source, format);
        }
        return new Document<>(null, lines, topLevel);
    }

    /**
     * {@link #scan} for a file that may be empty or hold only comments (a settings file means the
     * defaults then): null for no document, else the scan.
     */
    public static Document<Void> scanIfAny(byte[] yaml, String source, Format format) {
        if (yaml.length > MAX_BYTES) {
            throw tooLarge(source, format);
        }
        checkEncoding(yaml, source);
        try (JsonParser parser = FACTORY.createParser(withoutUtf8Mark(yaml))) {
            if (parser.nextToken() == null) {
                return null;
            }
        } catch (IOException e) {
            throw translate(e, source, format);
        }
        return scan(yaml, source, format);
    }

    /** Reads {@code yaml} into {@code type} after {@link #scan}; {@code source} names it in errors. */
    public static <T> Document<T> read(byte[] yaml, String source, Format format, Class<T> type) {
        Document<Void> scanned = scan(yaml, source, format);
        try {
            T value = MAPPER.readValue(withoutUtf8Mark(yaml), type);
            return new Document<>(value, scanned.lines(), scanned.topLevel());
        } catch (IOException e) {
            throw translate(e, source, format, scanned.lines());
        }
    }

    // ---- the scan -------------------------------------------------------------------------

    private static void walk(YAMLParser parser, String source, String path, Map<String, Integer> lines,
            Map<String, String> topLevel) throws IOException {
        lines.putIfAbsent(path, line(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String childPath = path.isEmpty() ? key : path + "." + key;
                parser.nextToken();
                refuseAnchor(parser, source, childPath);
                if (path.isEmpty() && parser.currentToken().isScalarValue()) {
                    topLevel.put(key, parser.getText());
                }
                walk(parser, source, childPath, lines, topLevel);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String childPath = path + "[" + index++ + "]";
                refuseAnchor(parser, source, childPath);
                walk(parser, source, childPath, lines, topLevel);
            }
        }
    }

    private static void refuseAnchor(YAMLParser parser, String source, String path) throws IOException {
        if (parser.isCurrentAlias() || parser.getObjectId() != null) {
            int line = line(parser.currentTokenLocation());
            throw new InvalidInputException(source, path.isEmpty() ? "line " + line : path, "uses a YAML anchor or"
                    + " alias (line " + line + "): write the value out in full");
        }
    }

    /**
     * Refuses text that is not UTF-8 with a plain message before YAML sees it: UTF-16 and UTF-32
     * (with a byte-order mark, or without one: every other byte zero). A UTF-8 byte-order mark is
     * UTF-8 and passes.
     */
    private static void checkEncoding(byte[] b, String source) {
        String encoding = null;
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xfe && (b[3] & 0xff) == 0xff
                || b.length >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe && b[2] == 0 && b[3] == 0) {
            encoding = "UTF-32 (it starts with a UTF-32 byte-order mark)";
        } else if (b.length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff
                || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)) {
            encoding = "UTF-16 (it starts with a UTF-16 byte-order mark)";
        } else if (b.length >= 4 && (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0
                || b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)) {
            encoding = "UTF-32 (three of every four bytes are zero)";
        } else if (b.length >= 4 && (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0
                || b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)) {
            encoding = "UTF-16 (every other byte is zero)";
        }
        if (encoding != null) {
            throw new InvalidInputException(source, "(file)", "is encoded as " + encoding + ", not UTF-8: save it as"
                    + " UTF-8");
        }
    }

    private static byte[] withoutUtf8Mark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return java.util.Arrays.copyOfRange(b, 3, b.length);
        }
        return b;
    }

    // ---- errors ---------------------------------------------------------------------------

    private static InvalidInputException translate(IOException e, String source, Format format) {
        return translate(e, source, format, Map.of());
    }

    private static InvalidInputException translate(IOException e, String source, Format format,
            Map<String, Integer> lines) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid;
            }
            if (cause instanceof CharConversionException) {
                JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
                return new InvalidInputException(source, "(file)", "is not UTF-8 text (line " + line(at)
                        + " holds a byte that is not UTF-8): save it as UTF-8");
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = new ArrayList<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            List<JsonMappingException.Reference> chain = unknown.getPath();
            String parent = path(chain.subList(0, Math.max(0, chain.size() - 1)));
            String key = unknown.getPropertyName();
            String path = parent.isEmpty() ? key : parent + "." + key;
            return unknownField(source, parent, key, known, lines.getOrDefault(path, line(unknown.getLocation())),
                    format.knownFields());
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String path = path(mismatch.getPath());
            return new InvalidInputException(source, path, shapeProblem(mismatch) + " (line "
                    + lines.getOrDefault(path, line(mismatch.getLocation())) + ")");
        }
        if (e instanceof JsonProcessingException p) {
            String message = p.getOriginalMessage() == null ? "syntax error" : p.getOriginalMessage();
            if (message.startsWith("Duplicate field '") && p.getProcessor() instanceof JsonParser parser) {
                String key = message.substring("Duplicate field '".length(), message.lastIndexOf('\''));
                String parent = context(parser.getParsingContext());
                String path = parent.isEmpty() ? key : parent + "." + key;
                return new InvalidInputException(source, Printable.of(path), "is given twice (line "
                        + line(p.getLocation()) + "): keep one");
            }
            String first = message.lines().findFirst().orElse("syntax error");
            return new InvalidInputException(source, "line " + line(p.getLocation()), "is not valid YAML ("
                    + Printable.of(first) + "): fix the syntax");
        }
        return new InvalidInputException(source, "(file)", "cannot be read as YAML (" + Printable.of(String.valueOf(
                e.getMessage())) + "): check that this is " + format.what());
    }

    /**
     * The message for a field no record holds: the key made printable, a note when it holds
     * characters outside ASCII (a look-alike letter), and the nearest known name.
     */
    public static InvalidInputException unknownField(String source, String parentPath, String key,
            Collection<String> known, int line, String knownIntro) {
        String shown = Printable.of(key);
        String path = parentPath.isEmpty() ? shown : parentPath + "." + shown;
        List<String> sorted = new ArrayList<>(new TreeSet<>(known));
        String suggestion = closest(Printable.withoutControls(key), sorted);
        StringBuilder message = new StringBuilder("is not a known field here: ");
        String nonAscii = Printable.nonAscii(key);
        if (nonAscii != null) {
            message.append("the name holds ").append(nonAscii).append(", which is not ASCII (a look-alike letter?);"
                    + " field names are plain ASCII, so retype it; ");
        }
        if (suggestion != null) {
            message.append("did you mean '").append(suggestion).append("'? ");
        }
        message.append(knownIntro).append(String.join(", ", sorted));
        if (line > 0) {
            message.append(" (line ").append(line).append(')');
        }
        return new InvalidInputException(source, path, message.toString());
    }

    private static String shapeProblem(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        // the token Jackson names: the parser may have read on (a polymorphic record is buffered first)
        Matcher named = NAMED_TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        JsonToken token = named.find() ? JsonToken.valueOf(named.group(1))
                : e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
        String got = token == JsonToken.START_ARRAY ? "a list" : token == JsonToken.START_OBJECT
                || token == JsonToken.FIELD_NAME ? "a mapping" : "a single value";
        if (target != null && Collection.class.isAssignableFrom(target)) {
            return "is " + got + ", not a list: write one '- ' item per line, or [] for none";
        }
        if (target != null && (target == String.class || Number.class.isAssignableFrom(target) || target.isPrimitive()
                || target == Boolean.class)) {
            return "is " + got + " but a single value is expected: write plain text";
        }
        if (target != null && Map.class.isAssignableFrom(target)) {
            return "is " + got + ", not a mapping: write 'key: value' lines";
        }
        return "is " + got + ", not a mapping: write the fields indented below it (e.g. '- name: ...' in a list)";
    }

    /** {@code coreKernel[2].version} for Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The path of the mapping {@code context} is in, from its parents' names and indexes. */
    private static String context(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext at = context.getParent(); at != null && !at.inRoot(); at = at.getParent()) {
            parts.add(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : at.getCurrentName());
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!part.startsWith("[") && path.length() > 0) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** The known name nearest to a misspelt one (case, or at most two edits), else null. */
    public static String closest(String key, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = candidate.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
