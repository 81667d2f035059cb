package io.dataos.upgrade.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A timeline picture of a run: one row per action with a bar from its start to its end, rows
 * grouped in lanes (the runbook's layers), gates drawn as diamonds with who decided, and marks
 * across all rows (the failure point). {@link #toSvg()} draws it as inline SVG, no scripts and no
 * external references, scaled to the page's width.
 */
public record Gantt(String caption, List<Row> rows, List<Mark> marks) implements TextDocument.Block {

    /** How a row is drawn. */
    public enum Style {
        /** An action of the run that succeeded. */
        DONE("#3b6fb6", "done"),
        /** An action that undoes a change (the rollback). */
        ROLLBACK("#d9822b", "rollback action"),
        /** An action that failed, was rejected or interrupted. */
        FAILED("#c0392b", "failed"),
        /** A gate: drawn as a diamond where it was decided. */
        GATE("#5b5b66", "gate"),
        /** An action skipped or not reached. */
        NOT_RUN("#b8b8c0", "not run");

        private final String colour;
        private final String legend;

        Style(String colour, String legend) {
            this.colour = colour;
            this.legend = legend;
        }

        public String colour() {
            return colour;
        }
    }

    /** One action: its lane, label, start and end (null: not started or not ended), style and a note beside it. */
    public record Row(String lane, String label, Instant start, Instant end, Style style, String note) {
        public Row {
            Objects.requireNonNull(lane, "lane");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(style, "style");
            note = note == null ? "" : note;
        }
    }

    /** A moment across every row, e.g. the failure that started the rollback. */
    public record Mark(Instant at, String label) {
        public Mark {
            Objects.requireNonNull(at, "at");
        }
    }

    static final int WIDTH = 960;
    static final int LABEL_WIDTH = 250;
    static final int RIGHT = 20;
    static final int ROW = 18;
    static final int LANE = 20;
    static final int TOP = 44;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public Gantt {
        rows = List.copyOf(rows);
        marks = List.copyOf(marks);
    }

    /** The first and last moment drawn, or null when nothing has a time. */
    Instant[] span() {
        Instant from = null;
        Instant to = null;
        List<Instant> all = new ArrayList<>();
        rows.forEach(r -> {
            all.add(r.start());
            all.add(r.end());
        });
        marks.forEach(m -> all.add(m.at()));
        for (Instant t : all) {
            if (t != null) {
                from = from == null || t.isBefore(from) ? t : from;
                to = to == null || t.isAfter(to) ? t : to;
            }
        }
        if (from == null) {
            return null;
        }
        if (!to.isAfter(from)) {
            to = from.plusSeconds(1);
        }
        return new Instant[] {from, to};
    }

    /** The picture as an {@code <svg>} element (a figure with its caption around it). */
    public String toSvg() {
        Instant[] span = span();
        int chart0 = LABEL_WIDTH + 10;
        int chart1 = WIDTH - RIGHT;
        List<String> lanes = new ArrayList<>();
        rows.forEach(r -> {
            if (lanes.isEmpty() || !lanes.get(lanes.size() - 1).equals(r.lane())) {
                lanes.add(r.lane());
            }
        });
        int height = TOP + lanes.size() * LANE + rows.size() * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"timeline\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" font-family=\"system-ui,-apple-system,Segoe UI,sans-serif\"")
                .append(" font-size=\"11\">\n")
                .append("<title>").append(HtmlText.escape(caption)).append("</title>\n");
        if (span == null) {
            svg.append("<text x=\"10\" y=\"20\">No action has a time yet.</text>\n");
        } else {
            long total = Math.max(1, Duration.between(span[0], span[1]).toMillis());
            // time axis: five ticks
            for (int i = 0; i <= 4; i++) {
                double x = chart0 + (chart1 - chart0) * i / 4.0;
                Instant at = span[0].plusMillis(total * i / 4);
                svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP - 8).append("\" x2=\"")
                        .append(fmt(x)).append("\" y2=\"").append(height - 36)
                        .append("\" stroke=\"#e2e2e8\" stroke-width=\"1\"/>\n")
                        .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(TOP - 12)
                        .append("\" text-anchor=\"").append(i == 0 ? "start" : i == 4 ? "end" : "middle")
                        .append("\" fill=\"#55555f\">").append(CLOCK.format(at)).append("</text>\n");
            }
            svg.append("<text x=\"10\" y=\"").append(TOP - 12).append("\" fill=\"#55555f\">time (UTC), ")
                    .append(HtmlText.escape(human(Duration.ofMillis(total)))).append(" in all</text>\n");
            int y = TOP;
            String lane = null;
            for (Row r : rows) {
                if (!r.lane().equals(lane)) {
                    lane = r.lane();
                    svg.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(WIDTH)
                            .append("\" height=\"").append(LANE).append("\" fill=\"#f0f0f5\"/>\n")
                            .append("<text x=\"6\" y=\"").append(y + 14).append("\" font-weight=\"600\">")
                            .append(HtmlText.escape(lane)).append("</text>\n");
                    y += LANE;
                }
                svg.append("<g><title>").append(HtmlText.escape(r.label() + (r.note().isEmpty() ? "" : ": "
                        + r.note()))).append("</title>\n");
                svg.append("<text x=\"14\" y=\"").append(y + 13).append("\"").append(r.style() == Style.NOT_RUN
                        ? " fill=\"#8a8a94\"" : "").append('>').append(HtmlText.escape(clip(r.label(), 40)))
                        .append("</text>\n");
                double x0 = r.start() == null ? Double.NaN : x(r.start(), span[0], total, chart0, chart1);
                double x1 = r.end() == null ? x0 : x(r.end(), span[0], total, chart0, chart1);
                if (r.style() == Style.GATE) {
                    double at = Double.isNaN(x1) ? chart0 : x1;
                    int cy = y + ROW / 2;
                    svg.append("<path d=\"M").append(fmt(at)).append(' ').append(cy - 6)
                            .append(" l6 6 l-6 6 l-6 -6 z\" fill=\"")
                            .append(r.style().colour()).append("\"/>\n");
                    text(svg, at, y, chart1, r.note());
                } else if (!Double.isNaN(x0)) {
                    double w = Math.max(3, x1 - x0);
                    svg.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(y + 4).append("\" width=\"")
                            .append(fmt(w)).append("\" height=\"").append(ROW - 8).append("\" rx=\"2\" fill=\"")
                            .append(r.style().colour()).append("\"/>\n");
                    text(svg, x0 + w, y, chart1, r.note());
                } else {
                    svg.append("<text x=\"").append(chart0).append("\" y=\"").append(y + 13)
                            .append("\" fill=\"#8a8a94\">").append(HtmlText.escape(r.note().isEmpty() ? "not run"
                                    : clip(r.note(), 60))).append("</text>\n");
                }
                svg.append("</g>\n");
                y += ROW;
            }
            for (Mark m : marks) {
                double x = x(m.at(), span[0], total, chart0, chart1);
                svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(TOP - 6).append("\" x2=\"")
                        .append(fmt(x)).append("\" y2=\"").append(y).append("\" stroke=\"")
                        .append(Style.FAILED.colour())
                        .append("\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\n")
                        .append("<text x=\"").append(fmt(Math.min(x + 4, chart1 - 4))).append("\" y=\"").append(TOP - 0)
                        .append("\" fill=\"").append(Style.FAILED.colour())
                        .append("\" font-weight=\"600\" text-anchor=\"")
                        .append(x + 200 > chart1 ? "end" : "start").append("\">")
                        .append(HtmlText.escape(clip(m.label(), 60))).append("</text>\n");
            }
            legend(svg, height - 14);
        }
        svg.append("</svg>\n<figcaption>").append(HtmlText.escape(caption)).append("</figcaption>\n</figure>\n");
        return svg.toString();
    }

    private static void text(StringBuilder svg, double after, int y, int chart1, String note) {
        if (note.isEmpty()) {
            return;
        }
        // beside the bar when it fits, else before it, right-aligned
        boolean fits = after + 6 + note.length() * 5.6 < chart1;
        svg.append("<text x=\"").append(fmt(fits ? after + 6 : after - 8)).append("\" y=\"").append(y + 13)
                .append("\" fill=\"#33333b\"").append(fits ? "" : " text-anchor=\"end\"").append('>')
                .append(HtmlText.escape(clip(note, 60))).append("</text>\n");
    }

    private static void legend(StringBuilder svg, int y) {
        int x = 10;
        for (Style s : Style.values()) {
            if (s == Style.GATE) {
                svg.append("<path d=\"M").append(x + 5).append(' ').append(y - 10)
                        .append(" l5 5 l-5 5 l-5 -5 z\" fill=\"")
                        .append(s.colour()).append("\"/>\n");
            } else {
                svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"8\"")
                        .append(" fill=\"").append(s.colour()).append("\"/>\n");
            }
            svg.append("<text x=\"").append(x + 14).append("\" y=\"").append(y - 1).append("\">")
                    .append(HtmlText.escape(s.legend)).append("</text>\n");
            x += 24 + s.legend.length() * 6;
        }
        svg.append("<line x1=\"").append(x).append("\" y1=\"").append(y - 9).append("\" x2=\"").append(x)
                .append("\" y2=\"").append(y).append("\" stroke=\"").append(Style.FAILED.colour())
                .append("\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n<text x=\"").append(x + 6).append("\" y=\"")
                .append(y - 1).append("\">failure point</text>\n");
    }

    private static double x(Instant at, Instant from, long total, int chart0, int chart1) {
        return chart0 + (chart1 - chart0) * (double) Duration.between(from, at).toMillis() / total;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
