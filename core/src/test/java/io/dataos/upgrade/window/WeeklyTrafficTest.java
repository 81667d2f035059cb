package io.dataos.upgrade.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.metrics.PromSeries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyTrafficTest {

    /** Two weeks from Monday 2026-11-09 00:00 UTC, one point every 5 minutes. */
    private static PromSeries series(java.util.function.DoubleUnaryOperator traffic) {
        int n = 14 * 24 * 12;
        double[] times = new double[n];
        double[] values = new double[n];
        double t0 = Instant.parse("2026-11-09T00:00:00Z").getEpochSecond();
        for (int i = 0; i < n; i++) {
            times[i] = t0 + i * 300;
            values[i] = traffic.applyAsDouble(times[i]);
        }
        return new PromSeries(Map.of(), times, values);
    }

    private static ZonedDateTime at(double t) {
        return Instant.ofEpochSecond((long) t).atZone(ZoneOffset.UTC);
    }

    @Test
    void aQuietWindowAcrossSundayMidnightIsFoundAndWrittenAsOneWeeklySlot() {
        WeeklyTraffic week = WeeklyTraffic.of(List.of(series(t -> {
            ZonedDateTime z = at(t);
            boolean lateSunday = z.getDayOfWeek() == DayOfWeek.SUNDAY && z.getHour() >= 22;
            boolean earlyMonday = z.getDayOfWeek() == DayOfWeek.MONDAY && z.getHour() < 2;
            return lateSunday || earlyMonday ? 1 : 100;
        })), ZoneOffset.UTC);

        WindowSuggestion chosen = week.quietest(Duration.ofHours(4)).orElseThrow();

        assertThat(chosen.spec()).isEqualTo("SUN 22:00-02:00 UTC");
        assertThat(chosen.window().contains(Instant.parse("2026-11-23T01:30:00Z"))).isTrue();
        assertThat(chosen.meanTraffic()).isEqualTo(1.0);
        assertThat(chosen.shareOfWeekMean()).isLessThan(0.02);
        List<String> chart = week.chart(chosen).lines().toList();
        int mon = chart.indexOf(chart.stream().filter(l -> l.startsWith("MON")).findFirst().orElseThrow());
        int sun = chart.indexOf(chart.stream().filter(l -> l.startsWith("SUN")).findFirst().orElseThrow());
        assertThat(chart.get(mon + 1)).isEqualTo("     ^^");
        assertThat(chart.get(sun + 1)).isEqualTo(" ".repeat(5 + 22) + "^^");
    }

    @Test
    void windowsWithAQuarterHourWithoutDataAreNotChosen() {
        WeeklyTraffic week = WeeklyTraffic.of(List.of(series(t -> {
            ZonedDateTime z = at(t);
            // Tuesday 03:00-05:00 is quietest but has a gap of data at 04:00-04:15
            if (z.getDayOfWeek() == DayOfWeek.TUESDAY && z.getHour() == 4 && z.getMinute() < 15) {
                return Double.NaN;
            }
            return z.getDayOfWeek() == DayOfWeek.TUESDAY && z.getHour() >= 3 && z.getHour() < 5 ? 1
                    : z.getDayOfWeek() == DayOfWeek.THURSDAY && z.getHour() >= 3 && z.getHour() < 5 ? 5 : 100;
        })), ZoneOffset.UTC);

        WindowSuggestion chosen = week.quietest(Duration.ofHours(2)).orElseThrow();

        assertThat(chosen.start().text()).isEqualTo("THU 03:00");
        assertThat(chosen.coveredSlots()).isEqualTo(WeeklyTraffic.SLOTS - 1);
        assertThat(week.chart(chosen)).contains("TUE  ");
    }

    @Test
    void noDataMeansNoSuggestion() {
        assertThat(WeeklyTraffic.of(List.of(), ZoneOffset.UTC).quietest(Duration.ofHours(4))).isEmpty();
    }
}
