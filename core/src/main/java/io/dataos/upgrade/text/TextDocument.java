package io.dataos.upgrade.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A document as plain structure (headings, paragraphs, lists, tables, code blocks), written once by
 * the notices and reports and rendered as Markdown, HTML or plain text, so escaping lives in the
 * renderers and nowhere else. All text is literal: nothing in it is interpreted as markup.
 */
public final class TextDocument {

    /** One block of the document. */
    public sealed interface Block permits Heading, Paragraph, Bullets, Facts, Table, Code, Gantt {
    }

    public record Heading(int level, String text) implements Block {
    }

    /** A paragraph; {@code strong} renders it emphasised (a verdict, a warning). */
    public record Paragraph(String text, boolean strong) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** Label/value lines ("Planned window: …"), in order. */
    public record Facts(List<Map.Entry<String, String>> facts) implements Block {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    public record Table(List<String> headers, List<List<String>> rows) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** Verbatim text (command output, evidence), shown as a code block. */
    public record Code(String text) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public TextDocument(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public TextDocument heading(String text) {
        blocks.add(new Heading(2, text));
        return this;
    }

    public TextDocument subheading(String text) {
        blocks.add(new Heading(3, text));
        return this;
    }

    public TextDocument paragraph(String text) {
        blocks.add(new Paragraph(text, false));
        return this;
    }

    public TextDocument strong(String text) {
        blocks.add(new Paragraph(text, true));
        return this;
    }

    public TextDocument bullets(List<String> items) {
        if (!items.isEmpty()) {
            blocks.add(new Bullets(items));
        }
        return this;
    }

    public TextDocument facts(List<Map.Entry<String, String>> facts) {
        blocks.add(new Facts(facts));
        return this;
    }

    public TextDocument table(List<String> headers, List<List<String>> rows) {
        blocks.add(new Table(headers, rows));
        return this;
    }

    public TextDocument code(String text) {
        blocks.add(new Code(text));
        return this;
    }

    /** A timeline picture: drawn in HTML; Markdown and plain text say only its caption, as their tables hold the same. */
    public TextDocument picture(Gantt gantt) {
        blocks.add(gantt);
        return this;
    }

    /** Markdown: every text escaped, code in fences longer than any backtick run inside. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# ").append(MarkdownText.heading(title)).append("\n");
        for (Block block : blocks) {
            md.append('\n');
            if (block instanceof Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(MarkdownText.heading(h.text())).append('\n');
            } else if (block instanceof Paragraph p) {
                String text = MarkdownText.inline(p.text());
                md.append(p.strong() ? "**" + text + "**" : text).append('\n');
            } else if (block instanceof Bullets b) {
                b.items().forEach(item -> md.append("- ").append(MarkdownText.inline(item)).append('\n'));
            } else if (block instanceof Facts f) {
                f.facts().forEach(e -> md.append("- **").append(MarkdownText.inline(e.getKey())).append(":** ")
                        .append(MarkdownText.inline(e.getValue())).append('\n'));
            } else if (block instanceof Table t) {
                md.append('|');
                t.headers().forEach(h -> md.append(' ').append(MarkdownText.cell(h)).append(" |"));
                md.append("\n|");
                t.headers().forEach(h -> md.append("---|"));
                md.append('\n');
                for (List<String> row : t.rows()) {
                    md.append('|');
                    row.forEach(c -> md.append(' ').append(MarkdownText.cell(c)).append(" |"));
                    md.append('\n');
                }
            } else if (block instanceof Code c) {
                md.append(MarkdownText.codeBlock(c.text()));
            } else if (block instanceof Gantt g) {
                md.append('*').append(MarkdownText.inline(g.caption() + " (a picture in the HTML report)")).append("*\n");
            }
        }
        return md.toString();
    }

    /** Plain text for e-mail bodies and chat messages: no markup at all. */
    public String toPlainText() {
        StringBuilder text = new StringBuilder(title).append('\n').append("=".repeat(Math.min(72,
                Math.max(3, title.length())))).append('\n');
        for (Block block : blocks) {
            text.append('\n');
            if (block instanceof Heading h) {
                text.append(h.text()).append('\n').append((h.level() <= 2 ? "-" : "~").repeat(Math.min(72,
                        Math.max(3, h.text().length())))).append('\n');
            } else if (block instanceof Paragraph p) {
                text.append(p.text()).append('\n');
            } else if (block instanceof Bullets b) {
                b.items().forEach(item -> text.append("  * ").append(item).append('\n'));
            } else if (block instanceof Facts f) {
                f.facts().forEach(e -> text.append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
            } else if (block instanceof Table t) {
                text.append(String.join(" | ", t.headers())).append('\n');
                t.rows().forEach(r -> text.append(String.join(" | ", r)).append('\n'));
            } else if (block instanceof Code c) {
                c.text().lines().forEach(l -> text.append("    ").append(l).append('\n'));
            } else if (block instanceof Gantt g) {
                text.append(g.caption()).append(" (a picture in the HTML report)\n");
            }
        }
        return text.toString();
    }

    /**
     * A self-contained HTML page (inline style and SVG, no scripts, no external assets); every text
     * escaped. It fits a laptop screen and prints on A4: tables wrap their values, the picture scales.
     */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(HtmlText.escape(title)).append("</title>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:72rem;margin:1.5rem auto;")
                .append("padding:0 1rem;color:#1d1d1f;line-height:1.45}\n")
                // tables wrap long values instead of running off the page, on screen and on paper
                .append("table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #c7c7cc;")
                .append("padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;")
                .append("word-break:break-word}th{background:#f2f2f7}\n")
                .append("pre{background:#f6f8fa;padding:.8rem;white-space:pre-wrap;overflow-wrap:anywhere}\n")
                .append("figure.timeline{margin:1rem 0}figure.timeline svg{display:block;width:100%;height:auto}")
                .append("figcaption{color:#55555f;font-size:.9rem}\n")
                .append("dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dd{margin:0}")
                .append("dt{font-weight:600}\n")
                .append("@media print{body{max-width:none;margin:0;font-size:10pt}figure.timeline,tr{break-inside:avoid}")
                .append("th,td{padding:.15rem .3rem}@page{size:A4;margin:12mm}}\n")
                .append(".strong{font-weight:600}\n</style>\n</head>\n<body>\n<h1>").append(HtmlText.escape(title))
                .append("</h1>\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                html.append("<h").append(h.level()).append('>').append(HtmlText.escape(h.text())).append("</h")
                        .append(h.level()).append(">\n");
            } else if (block instanceof Paragraph p) {
                html.append(p.strong() ? "<p class=\"strong\">" : "<p>").append(HtmlText.escape(p.text()))
                        .append("</p>\n");
            } else if (block instanceof Bullets b) {
                html.append("<ul>\n");
                b.items().forEach(i -> html.append("<li>").append(HtmlText.escape(i)).append("</li>\n"));
                html.append("</ul>\n");
            } else if (block instanceof Facts f) {
                html.append("<dl>\n");
                f.facts().forEach(e -> html.append("<dt>").append(HtmlText.escape(e.getKey())).append("</dt><dd>")
                        .append(HtmlText.escape(e.getValue())).append("</dd>\n"));
                html.append("</dl>\n");
            } else if (block instanceof Table t) {
                html.append("<table>\n<thead><tr>");
                t.headers().forEach(h -> html.append("<th>").append(HtmlText.escape(h)).append("</th>"));
                html.append("</tr></thead>\n<tbody>\n");
                for (List<String> row : t.rows()) {
                    html.append("<tr>");
                    row.forEach(c -> html.append("<td>").append(HtmlText.escape(c)).append("</td>"));
                    html.append("</tr>\n");
                }
                html.append("</tbody>\n</table>\n");
            } else if (block instanceof Code c) {
                html.append("<pre><code>").append(HtmlText.escape(c.text())).append("</code></pre>\n");
            } else if (block instanceof Gantt g) {
                html.append(g.toSvg());
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }
}
