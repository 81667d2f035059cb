package io.dataos.upgrade.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts arbitrary text (check messages, command output, names from config files) into Markdown so it
 * reads as the text it is: table cells stay one cell, evidence stays inside its code block whatever
 * backticks it holds, and inline text cannot become links, HTML or headings.
 */
public final class MarkdownText {

    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern INLINE_SPECIAL = Pattern.compile("([\\\\`*\\[\\]<>|~])");
    /** An underscore that touches a non-word character can open or close emphasis. */
    private static final Pattern EDGE_UNDERSCORE = Pattern.compile("(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])");
    /** {@code &name;} or {@code &#123;} would be read as a character reference. */
    private static final Pattern ENTITY = Pattern.compile("&(?=#?[A-Za-z0-9]+;)");
    /** A heading, list or quote marker at the very start of the text. */
    private static final Pattern BLOCK_START = Pattern.compile("^(#|[-+] |\\d+[.)] |>)");

    private MarkdownText() {
    }

    /**
     * {@code text} as inline Markdown: what could start emphasis, code, links, HTML, a table column,
     * a heading or a list is escaped; line breaks become spaces. Underscores inside words
     * ({@code USER_SPACE}) and parentheses stay as they are, since they cannot form markup there.
     */
    public static String inline(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        String escaped = INLINE_SPECIAL.matcher(oneLine).replaceAll("\\\\$1");
        escaped = EDGE_UNDERSCORE.matcher(escaped).replaceAll("\\\\_");
        escaped = ENTITY.matcher(escaped).replaceAll("&amp;");
        Matcher start = BLOCK_START.matcher(escaped);
        if (start.find()) {
            String marker = start.group(1);
            // "1. " must become "1\. ": a backslash before a digit is shown, not read as an escape
            String safe = Character.isDigit(marker.charAt(0))
                    ? marker.substring(0, marker.length() - 2) + "\\" + marker.substring(marker.length() - 2)
                    : "\\" + marker;
            escaped = safe + escaped.substring(start.end());
        }
        return escaped;
    }

    /** {@code text} as the text of a heading line, after its {@code #} marks: inline, no block markers to fear. */
    public static String heading(String text) {
        String escaped = text == null ? "" : text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        escaped = INLINE_SPECIAL.matcher(escaped).replaceAll("\\\\$1");
        escaped = EDGE_UNDERSCORE.matcher(escaped).replaceAll("\\\\_");
        return ENTITY.matcher(escaped).replaceAll("&amp;");
    }

    /** {@code text} as a table cell: inline, so pipes and line breaks cannot split the row. */
    public static String cell(String text) {
        return inline(text);
    }

    /** {@code text} as a fenced code block whose fence is longer than any run of backticks inside it. */
    public static String codeBlock(String text) {
        String body = text == null ? "" : text;
        int longest = 0;
        Matcher m = BACKTICKS.matcher(body);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
