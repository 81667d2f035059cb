package io.dataos.upgrade.yaml;

/**
 * Text from an input file made safe to echo in a message: control characters (terminal escapes,
 * line breaks) and characters outside printable ASCII are written as {@code \u001b}, so a key
 * cannot recolour the terminal or forge a log line, and a look-alike letter shows what it is.
 */
public final class Printable {

    private static final int LIMIT = 80;

    private Printable() {}

    /** {@code text} with every character outside printable ASCII escaped, cut at 80 characters. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int limit = Math.min(text.length(), LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }

    /** {@code text} without terminal escape sequences and other control characters. */
    public static String withoutControls(String text) {
        return text.replaceAll("\\x1b\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("[\\x00-\\x1f\\x7f]", "");
    }

    /**
     * The first character of {@code text} outside ASCII, described for a person ("'\u0435' (U+0435,
     * CYRILLIC SMALL LETTER IE) at position 2"), or null when the text is ASCII.
     */
    public static String nonAscii(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp > 0x7f) {
                String name = Character.getName(cp);
                return String.format("\\u%04x (U+%04X%s) at position %d", cp, cp, name == null ? "" : ", " + name,
                        text.codePointCount(0, i) + 1);
            }
            i += Character.charCount(cp);
        }
        return null;
    }
}
