package io.dataos.upgrade.verify;

/** Keeps captured evidence to a size a report can carry: the end of the text, where errors usually are. */
final class Evidence {

    static final int LIMIT = 16 * 1024;
    private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    private Evidence() {
    }

    static String bounded(String raw) {
        if (raw == null) {
            return "";
        }
        // terminal colour codes from kubectl/helm mean nothing in a report file
        String text = ANSI.matcher(raw).replaceAll("");
        if (text.length() <= LIMIT) {
            return text;
        }
        int cut = text.length() - LIMIT;
        return "…(" + cut + " characters before this were cut)\n" + text.substring(cut);
    }

    /** The last non-blank line of {@code output}, for a one-line message. */
    static String lastLine(String output) {
        if (output == null) {
            return "";
        }
        String[] lines = output.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    /** The start of a body, for evidence. */
    static String head(String body, int max) {
        if (body == null) {
            return "";
        }
        return body.length() <= max ? body : body.substring(0, max) + " …(" + (body.length() - max)
                + " more characters)";
    }
}
