package io.dataos.upgrade.window;

import io.dataos.upgrade.model.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The quietest recurring weekly window of the length asked for, and the figures behind the choice:
 * its mean traffic, the week's mean, the busiest window of the same length, and how much of the
 * week the look-back period's data covered.
 *
 * @param points points of the (added-up) traffic series read
 * @param coveredSlots quarter hours of the week with at least one point, of {@code weekSlots}
 */
public record WindowSuggestion(WeekTime start, WeekTime end, ZoneId zone, Duration length, double meanTraffic,
        double weekMeanTraffic, WeekTime busiestStart, double busiestMeanTraffic, int points, int coveredSlots,
        int weekSlots) {

    /** A time of the week: a day and a time of day. */
    public record WeekTime(DayOfWeek day, LocalTime time) {

        /** Quarter hours since Monday 00:00. */
        int slot() {
            return (day.getValue() - 1) * 96 + time.getHour() * 4 + time.getMinute() / 15;
        }

        /** {@code SAT 02:00}. */
        public String text() {
            return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT) + " " + time;
        }
    }

    /** The window as {@link MaintenanceWindow} writes a weekly slot: {@code SAT 02:00-06:00 UTC}. */
    public String spec() {
        return start.text() + "-" + end.time() + " " + zoneName(zone);
    }

    /** The zone as a window is written: {@code UTC} for UTC however it was given. */
    static String zoneName(ZoneId zone) {
        return zone.getId().equals("Z") ? "UTC" : zone.getId();
    }

    public MaintenanceWindow window() {
        return MaintenanceWindow.parse(spec());
    }

    /** The window's traffic as a share of the week's mean (0.25: a quarter of the usual traffic). */
    public double shareOfWeekMean() {
        return weekMeanTraffic == 0 ? 0 : meanTraffic / weekMeanTraffic;
    }
}
