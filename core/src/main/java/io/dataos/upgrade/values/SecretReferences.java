package io.dataos.upgrade.values;

import io.dataos.upgrade.secret.SecretNames;
import io.dataos.upgrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Makes a values file safe to keep in a backup: every value under a key that names a secret
 * (password, pwd, passwd, token, secret, key, privateKey, credentials, apiKey) is replaced by a reference saying where the real value comes
 * from at restore time, e.g. {@code primeApiKey: <from credential prime-api-key>}. Like the tag
 * edit it is a text edit, so the rest of the file stays as the operator wrote it. URLs lose their
 * userinfo password and secret query parameters wherever they stand.
 */
public final class SecretReferences {

    /** Credentials the engine knows by name, by the values key that carries them. */
    public static final Map<String, String> KNOWN_CREDENTIALS = Map.of("primeApiKey", SecretNames.PRIME_API_KEY);

    /** The reference written for a secret-named key whose credential the engine does not know. */
    public static final String UNKNOWN_REFERENCE = "<redacted secret>";

    /** What a known secret value found outside a secret-named key becomes. */
    public static final String MASKED = "<masked secret>";

    /** What a URL's password or secret query parameter becomes (URL-safe, so the URL still parses). */
    public static final String URL_REDACTED = "REDACTED";

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "apikey", "token", "secret",
            "credential", "privatekey");
    // "key" as a word of its own: key, privateKey, ssh-key, ACCESS_KEY; not keyName, monkey.
    private static final java.util.regex.Pattern KEY_WORD = java.util.regex.Pattern.compile(
            "(?i:key)|.*[-_.](?i:key)|.*[a-z0-9]Key|.*[A-Z0-9_]KEY");
    private static final java.util.regex.Pattern URL_USERINFO = java.util.regex.Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@:\\s'\"]*):([^/?#@\\s'\"]+)@");
    private static final java.util.regex.Pattern SECRET_QUERY = java.util.regex.Pattern.compile(
            "(?i)([?&](?:access_token|token|api_?key|key|password|passwd|pwd|secret|sig|signature|client_secret))"
                    + "=([^&#\\s'\"]+)");

    private SecretReferences() {
    }

    /**
     * Whether a values key names a secret: password, passwd, pwd, apiKey, token, secret, credentials,
     * privateKey or key as a word of its own (privateKey, ssh-key, ACCESS_KEY), in any case or spelling.
     */
    public static boolean isSecretKey(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return SECRET_WORDS.stream().anyMatch(normalized::contains) || KEY_WORD.matcher(key).matches();
    }

    // Keys repeat throughout a large file; classifying each spelling once keeps redaction linear.
    private static final Map<String, Boolean> CLASSIFIED = new ConcurrentHashMap<>();

    private static boolean isSecretKeyCached(String key) {
        if (CLASSIFIED.size() > 10_000) {
            CLASSIFIED.clear();
        }
        return CLASSIFIED.computeIfAbsent(key, SecretReferences::isSecretKey);
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
        String redacted = redactDocument(yaml, SecretReferences::referenceForPath, knownSecrets);
        return redacted.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A rendered Helm manifest ({@code helm get manifest}, several YAML documents) made safe to keep:
     * everything under {@code data} and {@code stringData} of a {@code kind: Secret} becomes
     * {@value #UNKNOWN_REFERENCE}, secret-named keys anywhere become references, and known secret
     * values are masked.
     */
    public static String redactManifest(String source, String manifest, Collection<Secret> knownSecrets) {
        StringBuilder out = new StringBuilder(manifest.length());
        for (String document : splitDocuments(manifest)) {
            String body = stripComments(document);
            if (body.isBlank() || body.strip().equals("---")) {
                out.append(mask(document, knownSecrets));
                continue;
            }
            String prefix = "";
            String text = document;
            int separator = separatorEnd(document);
            if (separator > 0) {
                prefix = document.substring(0, separator);
                text = document.substring(separator);
            }
            YamlText yaml = YamlText.decode(source, text.getBytes(StandardCharsets.UTF_8));
            boolean isSecret = isKubernetesSecret(yaml);
            out.append(mask(prefix, knownSecrets)).append(redactDocument(yaml, path -> {
                if (isSecret && !path.isEmpty() && (path.get(0).equals("data") || path.get(0).equals("stringData"))
                        && path.size() > 1) {
                    return UNKNOWN_REFERENCE;
                }
                return referenceForPath(path);
            }, knownSecrets));
        }
        return out.toString();
    }

    /**
     * Tool output as the command runner hands it over has each secret replaced by {@code ****},
     * which YAML reads as an alias; this turns those masks into {@value #MASKED} so the output
     * parses before it is redacted.
     */
    public static String fromMaskedOutput(String runnerOutput) {
        return runnerOutput.replace("****", MASKED);
    }

    private static String redactDocument(YamlText yaml, Function<List<String>, String> referenceFor,
            Collection<Secret> knownSecrets) {
        String text = yaml.text();
        List<int[]> ranges = new ArrayList<>();
        List<String> references = new ArrayList<>();
        yaml.walk(scalar -> {
            String reference = referenceFor.apply(scalar.path());
            if (reference == null || scalar.start() == scalar.end()) {
                return;
            }
            int start = YamlText.skipProperties(text, scalar.start(), scalar.end());
            int end = scalar.end();
            // A block scalar owns the line breaks after its text; they stay so the next key keeps its line.
            while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            ranges.add(new int[] {start, end});
            references.add(reference);
        });
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int i = 0; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            out.append(text, copied, range[0]).append(references.get(i));
            copied = range[1];
        }
        out.append(text, copied, text.length());
        String redacted = redactUrls(mask(out.toString(), knownSecrets));
        verify(yaml.source(), redacted, referenceFor);
        return redacted;
    }

    private static String mask(String text, Collection<Secret> knownSecrets) {
        // The one masker, with plain text rather than "****", which YAML would read as an alias.
        return Secret.mask(text, knownSecrets, MASKED);
    }

    /**
     * {@code text} with the password of every URL's userinfo ({@code postgres://user:PASSWORD@host})
     * and the value of every secret-named query parameter ({@code ?token=...}) replaced by
     * {@value #URL_REDACTED}, wherever they stand (values, lists, comments).
     */
    static String redactUrls(String text) {
        String out = URL_USERINFO.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + m.group(2) + ":" + URL_REDACTED + "@"));
        return SECRET_QUERY.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + "=" + URL_REDACTED));
    }

    /** Proves no value that had to be replaced survived the edit. */
    private static void verify(String source, String result, Function<List<String>, String> referenceFor) {
        YamlText.decode(source, result.getBytes(StandardCharsets.UTF_8)).walk(scalar -> {
            String reference = referenceFor.apply(scalar.path());
            if (reference != null && scalar.start() != scalar.end() && !scalar.value().equals(reference)
                    && !scalar.value().equals(MASKED)) {
                throw new IllegalStateException(source + ": value of " + scalar.pathString()
                        + " could not be replaced by a reference; not writing it to the backup");
            }
            if (!redactUrls(scalar.value()).equals(scalar.value())) {
                throw new IllegalStateException(source + ": value of " + scalar.pathString()
                        + " still holds a URL password or token; not writing it to the backup");
            }
        });
    }

    private static String referenceForPath(List<String> path) {
        String key = nearestSecretKey(path);
        return key == null ? null : referenceFor(key);
    }

    private static boolean isKubernetesSecret(YamlText yaml) {
        boolean[] secret = {false};
        yaml.walk(scalar -> {
            if (scalar.path().size() == 1 && scalar.path().get(0).equals("kind") && scalar.value().equals("Secret")) {
                secret[0] = true;
            }
        });
        return secret[0];
    }

    /** Splits at lines that are exactly "---" (Helm starts every document with one), keeping them. */
    private static List<String> splitDocuments(String manifest) {
        List<String> documents = new ArrayList<>();
        int from = 0;
        int lineStart = 0;
        while (lineStart < manifest.length()) {
            int lineEnd = manifest.indexOf('\n', lineStart);
            int next = lineEnd < 0 ? manifest.length() : lineEnd + 1;
            String line = manifest.substring(lineStart, lineEnd < 0 ? manifest.length() : lineEnd).stripTrailing();
            if (line.equals("---") && lineStart > from) {
                documents.add(manifest.substring(from, lineStart));
                from = lineStart;
            }
            lineStart = next;
        }
        if (from < manifest.length()) {
            documents.add(manifest.substring(from));
        }
        return documents;
    }

    private static int separatorEnd(String document) {
        if (!document.startsWith("---")) {
            return 0;
        }
        int newline = document.indexOf('\n');
        return newline < 0 ? document.length() : newline + 1;
    }

    private static String stripComments(String document) {
        StringBuilder body = new StringBuilder();
        for (String line : document.split("\n", -1)) {
            if (!line.stripLeading().startsWith("#")) {
                body.append(line).append('\n');
            }
        }
        return body.toString();
    }

    private static String nearestSecretKey(List<String> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            String segment = path.get(i);
            if (!segment.startsWith("[") && isSecretKeyCached(segment)) {
                return segment;
            }
        }
        return null;
    }
}
