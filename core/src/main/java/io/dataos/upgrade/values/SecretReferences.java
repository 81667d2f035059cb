package io.dataos.upgrade.values;

import io.dataos.upgrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a values file safe to keep in a backup: every value under a key that names a secret
 * (password, apiKey, token, secret) is replaced by a reference saying where the real value comes
 * from at restore time, e.g. {@code primeApiKey: <from credential prime-api-key>}. Like the tag
 * edit it is a text edit, so the rest of the file stays as the operator wrote it.
 */
public final class SecretReferences {

    /** Credentials the engine knows by name, by the values key that carries them. */
    public static final Map<String, String> KNOWN_CREDENTIALS = Map.of("primeApiKey", "prime-api-key");

    /** The reference written for a secret-named key whose credential the engine does not know. */
    public static final String UNKNOWN_REFERENCE = "<redacted secret>";

    /** What a known secret value found outside a secret-named key becomes. */
    public static final String MASKED = "<masked secret>";

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "apikey", "token", "secret");

    private SecretReferences() {
    }

    /** Whether a values key names a secret: password, passwd, apiKey, token or secret, in any case or spelling. */
    public static boolean isSecretKey(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return SECRET_WORDS.stream().anyMatch(normalized::contains);
    }

    /** The reference text that replaces the value of {@code key}. */
    public static String referenceFor(String key) {
        String credential = KNOWN_CREDENTIALS.get(key);
        return credential == null ? UNKNOWN_REFERENCE : "<from credential " + credential + ">";
    }

    /**
     * {@code content} with every value under a secret-named key replaced by its reference, then any
     * remaining occurrence of a known secret value masked as a last line of defence.
     */
    public static byte[] redact(String source, byte[] content, Collection<Secret> knownSecrets) {
        YamlText yaml = YamlText.decode(source, content);
        String text = yaml.text();
        List<int[]> ranges = new ArrayList<>();
        List<String> references = new ArrayList<>();
        yaml.walk(scalar -> {
            String secretKey = nearestSecretKey(scalar.path());
            if (secretKey == null || scalar.start() == scalar.end()) {
                return;
            }
            int start = skipProperties(text, scalar.start(), scalar.end());
            int end = scalar.end();
            // A block scalar owns the line breaks after its text; they stay so the next key keeps its line.
            while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            ranges.add(new int[] {start, end});
            references.add(referenceFor(secretKey));
        });
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int i = 0; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            out.append(text, copied, range[0]).append(references.get(i));
            copied = range[1];
        }
        out.append(text, copied, text.length());
        String redacted = out.toString();
        for (Secret secret : knownSecrets) {
            // Plain text rather than Secret.mask's "****", which YAML would read as an alias.
            redacted = redacted.replace(secret.reveal(), MASKED);
        }
        byte[] result = redacted.getBytes(StandardCharsets.UTF_8);
        verify(source, result);
        return result;
    }

    /** Proves no value under a secret-named key survived the edit. */
    private static void verify(String source, byte[] result) {
        YamlText.decode(source, result).walk(scalar -> {
            String key = nearestSecretKey(scalar.path());
            if (key != null && scalar.start() != scalar.end() && !scalar.value().equals(referenceFor(key))
                    && !scalar.value().equals(MASKED)) {
                throw new IllegalStateException(source + ": value of " + scalar.pathString()
                        + " could not be replaced by a reference; not writing it to the backup");
            }
        });
    }

    private static String nearestSecretKey(List<String> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            String segment = path.get(i);
            if (!segment.startsWith("[") && isSecretKey(segment)) {
                return segment;
            }
        }
        return null;
    }

    private static int skipProperties(String text, int start, int end) {
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
}
