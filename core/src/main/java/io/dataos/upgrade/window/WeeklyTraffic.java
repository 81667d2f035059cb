package io.dataos.upgrade.window;

import io.dataos.upgrade.metrics.PromSeries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Traffic folded onto one week (runbook, downtime planning: "identify a low-traffic window"): the
 * mean of every sample of the look-back period that fell into each {@link #SLOT} of the week, in a
 * time zone, Monday 00:00 first. When the query returns several series, their values at one time
 * are added, as the traffic of the whole platform is their sum.
 */
public final class WeeklyTraffic {

    /** The week's resolution: windows start on a quarter hour and last whole quarter hours. */
    public static final Duration SLOT = Duration.ofMinutes(15);
    public static final int SLOTS = (int) (Duration.ofDays(7).toMinutes() / SLOT.toMinutes());
    private static final int SLOTS_PER_HOUR = (int) (60 / SLOT.toMinutes());
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private final ZoneId zone;
    private final double[] mean = new double[SLOTS];
    private final int[] samples = new int[SLOTS];
    private final int points;

    private WeeklyTraffic(ZoneId zone, double[] sum, int[] count, int points) {
        this.zone = zone;
        this.points = points;
        for (int i = 0; i < SLOTS; i++) {
            samples[i] = count[i];
            mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
    }

    /** The week of {@code series} in {@code zone}; NaN and infinite values are left out. */
    public static WeeklyTraffic of(List<PromSeries> series, ZoneId zone) {
        TreeMap<Double, Double> total = new TreeMap<>();
        for (PromSeries one : series) {
            for (int i = 0; i < one.size(); i++) {
                if (Double.isFinite(one.values()[i])) {
                    total.merge(one.times()[i], one.values()[i], Double::sum);
                }
            }
        }
        double[] sum = new double[SLOTS];
        int[] count = new int[SLOTS];
        total.forEach((time, value) -> {
            int slot = slotOf(Instant.ofEpochMilli(Math.round(time * 1000)), zone);
            sum[slot] += value;
            count[slot]++;
        });
        return new WeeklyTraffic(zone, sum, count, total.size());
    }

    /** The slot of {@code at}: quarter hours since Monday 00:00 in {@code zone}. */
    static int slotOf(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        int minutes = (local.getDayOfWeek().getValue() - 1) * 24 * 60 + local.getHour() * 60 + local.getMinute();
        return (int) (minutes / SLOT.toMinutes());
    }

    public ZoneId zone() {
        return zone;
    }

    /** Points after adding the series up: one per time of the range. */
    public int points() {
        return points;
    }

    /** Mean traffic of {@code length} slots from {@code first} on (wrapping past Sunday), NaN if one has no data. */
    double windowMean(int first, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double slot = mean[(first + i) % SLOTS];
            if (Double.isNaN(slot)) {
                return Double.NaN;
            }
            sum += slot;
        }
        return sum / length;
    }

    /** The mean of the week's slots that have data. */
    double weekMean() {
        double sum = 0;
        int n = 0;
        for (double m : mean) {
            if (!Double.isNaN(m)) {
                sum += m;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Slots with at least one sample. */
    int coveredSlots() {
        int n = 0;
        for (int s : samples) {
            n += s > 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * The recurring weekly window of {@code length} with the lowest mean traffic; ties go to the
     * earliest in the week. Empty when no window of that length is covered by data in every slot.
     */
    public java.util.Optional<WindowSuggestion> quietest(Duration length) {
        int slots = (int) (length.toMinutes() / SLOT.toMinutes());
        int best = -1;
        int busiest = -1;
        double bestMean = Double.NaN;
        double busiestMean = Double.NaN;
        for (int first = 0; first < SLOTS; first++) {
            double m = windowMean(first, slots);
            if (Double.isNaN(m)) {
                continue;
            }
            if (best < 0 || m < bestMean) {
                best = first;
                bestMean = m;
            }
            if (busiest < 0 || m > busiestMean) {
                busiest = first;
                busiestMean = m;
            }
        }
        if (best < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new WindowSuggestion(start(best), start((best + slots) % SLOTS), zone, length,
                bestMean, weekMean(), start(busiest), busiestMean, points, coveredSlots(), SLOTS));
    }

    private static WindowSuggestion.WeekTime start(int slot) {
        int minutes = (int) (slot * SLOT.toMinutes());
        return new WindowSuggestion.WeekTime(DayOfWeek.of(minutes / (24 * 60) + 1),
                LocalTime.of(minutes % (24 * 60) / 60, minutes % 60));
    }

    /**
     * The week as text, one line per day and one bar per hour (▁ quiet … █ busy, relative to the
     * busiest hour; {@code ·} no data), with {@code ^} under the hours of {@code chosen}.
     */
    public String chart(WindowSuggestion chosen) {
        double[] hours = new double[7 * 24];
        double max = 0;
        for (int h = 0; h < hours.length; h++) {
            double sum = 0;
            int n = 0;
            for (int s = 0; s < SLOTS_PER_HOUR; s++) {
                double m = mean[h * SLOTS_PER_HOUR + s];
                if (!Double.isNaN(m)) {
                    sum += m;
                    n++;
                }
            }
            hours[h] = n == 0 ? Double.NaN : sum / n;
            if (n > 0) {
                max = Math.max(max, hours[h]);
            }
        }
        boolean[] marked = new boolean[hours.length];
        if (chosen != null) {
            int first = chosen.start().slot();
            int slots = (int) (chosen.length().toMinutes() / SLOT.toMinutes());
            for (int i = 0; i < slots; i++) {
                marked[((first + i) % SLOTS) / SLOTS_PER_HOUR] = true;
            }
        }
        StringBuilder out = new StringBuilder("Mean traffic per hour (" + WindowSuggestion.zoneName(zone)
                + "), ▁ quiet … █ busy" + (chosen == null ? "" : "; ^ the suggested window") + "\n");
        out.append("     ");
        for (int h = 0; h < 24; h += 3) {
            out.append(String.format(Locale.ROOT, "%-3s", String.format(Locale.ROOT, "%02d", h)));
        }
        out.append('\n');
        for (int d = 0; d < 7; d++) {
            out.append(DayOfWeek.of(d + 1).getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT))
                    .append("  ");
            StringBuilder marks = new StringBuilder();
            for (int h = 0; h < 24; h++) {
                double v = hours[d * 24 + h];
                out.append(Double.isNaN(v) ? '·' : BARS.charAt(max <= 0 ? 0
                        : (int) Math.min(BARS.length() - 1, Math.floor(v / max * BARS.length()))));
                marks.append(marked[d * 24 + h] ? '^' : ' ');
            }
            out.append('\n');
            if (marks.toString().contains("^")) {
                out.append("     ").append(marks.toString().stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }
}
