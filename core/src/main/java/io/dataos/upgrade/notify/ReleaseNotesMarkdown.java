package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.ReleaseNotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an announcement quotes from a release's notes written in Markdown: the bullet points
 * under its highlight, feature, improvement and fix headings, and separately those under
 * breaking-change headings, which developers and operators must see.
 */
public final class ReleaseNotesMarkdown {

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s{0,3}[-*+]\\s+(.*)$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

    private ReleaseNotesMarkdown() {
    }

    /** Reads the notes; at most {@code max} highlights are kept, in the order they appear; {@code url} may be null. */
    public static ReleaseNotes parse(String markdown, int max, String url) {
        List<String> highlights = new ArrayList<>();
        List<String> breaking = new ArrayList<>();
        String section = "";
        for (String line : markdown.split("\\R")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                section = heading.group(1).toLowerCase(Locale.ROOT);
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            if (!bullet.matches()) {
                continue;
            }
            String item = plain(bullet.group(1));
            if (item.isEmpty()) {
                continue;
            }
            if (section.contains("breaking") || section.contains("upgrade note") || section.contains("deprecat")) {
                breaking.add(item);
            } else if ((section.contains("highlight") || section.contains("feature") || section.contains("new")
                    || section.contains("improve") || section.contains("fix") || section.contains("enhance"))
                    && highlights.size() < max) {
                highlights.add(item);
            }
        }
        return new ReleaseNotes(highlights, breaking, url);
    }

    /** Bullet text without Markdown decoration: links keep their text, emphasis and code marks go. */
    private static String plain(String text) {
        String t = LINK.matcher(text).replaceAll("$1");
        t = t.replace("**", "").replace("__", "").replace("`", "");
        return t.strip();
    }
}
