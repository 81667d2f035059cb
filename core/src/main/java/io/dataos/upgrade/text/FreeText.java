package io.dataos.upgrade.text;

/**
 * The one neutralizer for free text a person or a file gives (approver names, notes, reasons, who
 * started a run, YAML keys and paths echoed in refusals) before it reaches the terminal, the journal
 * or a report: line breaks and tabs become a space, and every other control or format character
 * (terminal escapes, carriage returns, backspaces, bidirectional overrides, zero-width characters)
 * becomes a visible {@code \\uXXXX}, so such text can neither forge a progress line nor recolour
 * or rewrite one. Printable text, including non-ASCII letters, is kept as given.
 */
public final class FreeText {

    private FreeText() {}

    /** {@code text} with line breaks as spaces and other control characters escaped; null stays null. */
    public static String neutral(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        if (c == '\n' || c == '\r' || c == '\t' || c == '\u000b' || c == '\u000c' || c == '\u0085' || c == '\u2028'
                || c == '\u2029') {
            return " ";
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
