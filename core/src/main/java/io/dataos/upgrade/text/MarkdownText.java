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
    private static final Pattern INLINE_SPECIAL = Pattern.compile("([\\\\`*_{}\\[\\]<>()#+!|~])");

    private MarkdownText() {
    }

    /** {@code text} as inline Markdown: special characters escaped, line breaks as spaces. */
    public static String inline(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return INLINE_SPECIAL.matcher(oneLine).replaceAll("\\\\$1").replace("&", "&amp;");
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
