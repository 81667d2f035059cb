package io.dataos.upgrade.values;

import com.fasterxml.jackson.core.JsonToken;
import io.dataos.upgrade.api.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dataos-manager Helm values file of runbook upgrade step 3: reads and updates its
 * {@code image.tag} as a text edit of that one scalar, so comments, key order, indentation, quoting
 * and line endings of every other line stay byte-identical.
 */
public final class ManagerValuesFile {

    /** The field the runbook's step 3 changes. */
    public static final String TAG_FIELD = "image.tag";

    private static final String DEFAULT_SOURCE = "dataos-manager values file";
    private static final Set<String> NON_STRING_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false",
            "null", "~");
    // Plain scalars YAML 1.1 (Helm's parser) would read as numbers, not text.
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+");

    private ManagerValuesFile() {
    }

    /** The current {@code image.tag}, after checking the file is one YAML mapping that has it. */
    public static String imageTag(String source, byte[] content) {
        return locateTag(YamlText.decode(source, content)).value();
    }

    /** Checks the file is UTF-8, valid YAML, one mapping without duplicate keys, and has {@code image.tag}. */
    public static void validate(String source, byte[] content) {
        imageTag(source, content);
    }

    /** {@link #updateImageTag(String, byte[], String)} for a file without a name to report. */
    public static byte[] updateImageTag(byte[] content, String newTag) {
        return updateImageTag(DEFAULT_SOURCE, content, newTag);
    }

    /**
     * The file with {@code image.tag} set to {@code newTag}; every byte outside that scalar is kept.
     * The scalar keeps its quoting style, except that a plain tag YAML would read as a number or a
     * boolean ({@code 1.10}, {@code true}) is written double-quoted so Helm renders it as text.
     *
     * @throws InvalidInputException when the tag is not a valid image tag, or the file is not valid
     *     YAML, lacks {@code image.tag}, or holds it in a form that cannot be edited safely
     */
    public static byte[] updateImageTag(String source, byte[] content, String newTag) {
        ImageTag tag = ImageTag.parse("new image tag for " + source, TAG_FIELD, newTag);
        YamlText yaml = YamlText.decode(source, content);
        YamlText.Scalar scalar = locateTag(yaml);
        String text = yaml.text();
        Edit edit = editFor(yaml, scalar, tag.value());
        byte[] result = splice(content, text, edit);
        // Prove the edit did what it says before anyone deploys it.
        String reread = rereadTag(YamlText.decode(source, result));
        if (!tag.value().equals(reread)) {
            throw new InvalidInputException(source, TAG_FIELD, "could not be updated safely (line "
                    + lineOf(text, scalar.start()) + "): set it by hand to " + tag.value());
        }
        return result;
    }

    private static YamlText.Scalar locateTag(YamlText yaml) {
        List<YamlText.Scalar> found = new ArrayList<>();
        List<String> containers = new ArrayList<>();
        yaml.walk(scalar -> {
            List<String> path = scalar.path();
            if (path.size() == 2 && path.get(0).equals("image") && path.get(1).equals("tag")) {
                found.add(scalar);
            } else if (path.size() > 2 && path.get(0).equals("image") && path.get(1).equals("tag")) {
                containers.add(scalar.pathString());
            } else if (path.size() == 1 && path.get(0).equals("image")) {
                containers.add("image=" + scalar.value());
            }
        });
        if (found.size() > 1) {
            throw new InvalidInputException(yaml.source(), TAG_FIELD, "appears " + found.size() + " times (lines "
                    + lineOf(yaml.text(), found.get(0).start()) + " and " + lineOf(yaml.text(), found.get(1).start())
                    + "): keep exactly one");
        }
        if (found.isEmpty()) {
            String why = containers.stream().anyMatch(c -> c.startsWith("image."))
                    ? "is a mapping or list, not a tag: it must be a single value such as 1.12.3"
                    : containers.stream().anyMatch(c -> c.startsWith("image="))
                            ? "is missing: 'image' is a single value here; it must be a mapping with a 'tag' key"
                            : "is missing: add 'image:' with a nested 'tag:' holding the current dataos-manager tag";
            throw new InvalidInputException(yaml.source(), TAG_FIELD, why);
        }
        return found.get(0);
    }

    /**
     * The tag as the edited text parses, reading only up to the first scalar after it: everything
     * after the edited scalar is byte-identical to a document that already parsed, and the scalar
     * kept its style, so once the parser has read past it the rest parses as before.
     */
    private static String rereadTag(YamlText yaml) {
        String[] tag = {null};
        yaml.walk(scalar -> {
            if (tag[0] != null) {
                throw new YamlText.StopWalk();
            }
            List<String> path = scalar.path();
            if (path.size() == 2 && path.get(0).equals("image") && path.get(1).equals("tag")) {
                tag[0] = scalar.value();
            }
        });
        return tag[0];
    }

    private record Edit(int start, int end, String replacement) {
    }

    private static Edit editFor(YamlText yaml, YamlText.Scalar scalar, String tag) {
        String text = yaml.text();
        int start = YamlText.skipProperties(text, scalar.start(), scalar.end());
        int end = scalar.end();
        if (start == end) {
            // "tag:" with nothing after it: write the value right after the colon.
            int colon = start - 1;
            while (colon >= 0 && (text.charAt(colon) == ' ' || text.charAt(colon) == '\t')) {
                colon--;
            }
            if (colon < 0 || text.charAt(colon) != ':') {
                throw refusal(yaml, scalar, "has no value and no ':' could be found before it");
            }
            return new Edit(colon + 1, colon + 1, " " + plain(tag));
        }
        String raw = text.substring(start, end);
        char first = raw.charAt(0);
        if (first == '|' || first == '>') {
            throw refusal(yaml, scalar, "is a block scalar ('" + first + "'): write it as 'tag: <value>' on one line");
        }
        if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0) {
            throw refusal(yaml, scalar, "spans several lines: write it as 'tag: <value>' on one line");
        }
        if (first == '"') {
            if (!raw.substring(1, raw.length() - 1).equals(scalar.value())) {
                throw refusal(yaml, scalar, "uses escape sequences: write it without backslashes");
            }
            return new Edit(start, end, "\"" + tag + "\"");
        }
        if (first == '\'') {
            if (!raw.substring(1, raw.length() - 1).replace("''", "'").equals(scalar.value())) {
                throw refusal(yaml, scalar, "could not be located exactly");
            }
            return new Edit(start, end, "'" + tag + "'");
        }
        if (scalar.token() != JsonToken.VALUE_NULL && !raw.equals(scalar.value())) {
            throw refusal(yaml, scalar, "could not be located exactly");
        }
        return new Edit(start, end, plain(tag));
    }

    private static String plain(String tag) {
        return needsQuotes(tag) ? "\"" + tag + "\"" : tag;
    }

    static boolean needsQuotes(String tag) {
        return NON_STRING_WORDS.contains(tag.toLowerCase(Locale.ROOT)) || NUMBER_LIKE.matcher(tag).matches();
    }

    private static InvalidInputException refusal(YamlText yaml, YamlText.Scalar scalar, String why) {
        return new InvalidInputException(yaml.source(), TAG_FIELD, "at line " + lineOf(yaml.text(), scalar.start())
                + " " + why);
    }

    /** Copies the original bytes around the edit, so nothing outside it is re-encoded. */
    private static byte[] splice(byte[] content, String text, Edit edit) {
        int startByte = utf8Length(text, 0, edit.start);
        int endByte = startByte + utf8Length(text, edit.start, edit.end);
        byte[] replacement = edit.replacement.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + replacement.length);
        out.write(content, 0, startByte);
        out.writeBytes(replacement);
        out.write(content, endByte, content.length - endByte);
        return out.toByteArray();
    }

    private static int utf8Length(String text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static int lineOf(String text, int charIndex) {
        int line = 1;
        for (int i = 0; i < charIndex && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }
}
