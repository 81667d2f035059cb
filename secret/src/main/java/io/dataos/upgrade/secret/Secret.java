package io.dataos.upgrade.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A secret value (the Prime API key, a database password, a bearer token). Its {@code toString}
 * never reveals it; only {@link #reveal()} does, and callers use that only where the value must
 * reach a program (a private file, a process environment). {@link #mask} is the one masker every
 * output, journal event, report and message goes through.
 */
public final class Secret {

    /** What a masked secret looks like. */
    public static final String MASK = "****";
    /**
     * Forms shorter than this are not searched for: a one-line piece of a multi-line secret, or the
     * inner part of an encoding, that short would hide ordinary text.
     */
    static final int SHORTEST_FORM = 4;

    private final String name;
    private final String value;
    private final List<String> forms;

    private Secret(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.forms = formsOf(value);
    }

    /** A secret called {@code name} (used in messages, never the value) holding {@code value}. */
    public static Secret of(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret '" + name + "' is empty: provide a value");
        }
        return new Secret(name, value);
    }

    public String name() {
        return name;
    }

    public String reveal() {
        return value;
    }

    /** How many characters the value has (for length rules and warnings, which never show it). */
    public int length() {
        return value.length();
    }

    /**
     * {@code text} with every secret hidden: each secret's value, its base64 (standard and URL-safe,
     * also inside a longer base64 text), URL-encoded and JSON-escaped forms, and, for a value that
     * spans lines, each of its lines, so text handled line by line never shows a piece of it. Where
     * matches overlap or one secret is a prefix of another, the whole covered stretch becomes one
     * {@value #MASK}, so no tail of a longer secret is left behind.
     */
    public static String mask(String text, Collection<Secret> secrets) {
        return mask(text, secrets, MASK);
    }

    /** {@link #mask(String, Collection)} with {@code replacement} instead of {@value #MASK} (where "****" would mean something, e.g. a YAML alias). */
    public static String mask(String text, Collection<Secret> secrets, String replacement) {
        if (text == null || secrets == null || secrets.isEmpty() || text.isEmpty()) {
            return text;
        }
        boolean[] covered = null;
        for (Secret secret : secrets) {
            if (secret == null) {
                continue;
            }
            for (String form : secret.forms) {
                for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
                    if (covered == null) {
                        covered = new boolean[text.length()];
                    }
                    java.util.Arrays.fill(covered, at, at + form.length(), true);
                }
            }
        }
        if (covered == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!covered[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !covered[i - 1]) {
                out.append(replacement);
            }
        }
        return out.toString();
    }

    /** The texts that give {@code value} away, longest first. */
    private static List<String> formsOf(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            String whole = encoder.encodeToString(bytes);
            forms.add(whole);
            forms.add(whole.replace("=", ""));
            // The value inside a longer base64 text starts at one of three byte offsets: keep the
            // characters that encode only the value's own bits.
            for (int shift = 1; shift <= 2; shift++) {
                byte[] shifted = new byte[bytes.length + shift];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                forms.add(innerBase64(encoder.encodeToString(shifted), shift, shifted.length));
            }
            forms.add(innerBase64(whole, 0, bytes.length));
        }
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(jsonEscaped(value));
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            for (String line : value.split("\r\n|\r|\n")) {
                forms.add(line);
                forms.add(line.strip());
            }
            forms.add(value.replace("\r\n", "\n"));
            forms.add(value.replace("\n", "\r\n"));
        }
        List<String> kept = new ArrayList<>();
        for (String form : forms) {
            if (form.equals(value) || form.length() >= SHORTEST_FORM) {
                kept.add(form);
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(kept);
    }

    /** The characters of {@code encoded} fixed by the value alone, without padding. */
    private static String innerBase64(String encoded, int shift, int totalBytes) {
        int lead = shift == 0 ? 0 : shift == 1 ? 2 : 3;
        String body = encoded.replace("=", "");
        int end = totalBytes % 3 == 0 ? body.length() : body.length() - 1;
        return end <= lead ? "" : body.substring(lead, end);
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Secret[" + name + "=" + MASK + "]";
    }
}
