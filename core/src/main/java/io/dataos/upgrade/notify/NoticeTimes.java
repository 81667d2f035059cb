package io.dataos.upgrade.notify;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates, windows and durations written the same way in every notice. */
final class NoticeTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz '(UTC'xxx')'", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ENGLISH);

    private NoticeTimes() {
    }

    /** E.g. {@code Saturday 6 December 2025, 22:00–23:30 CET (UTC+01:00)}. */
    static String window(ZonedDateTime start, ZonedDateTime end) {
        ZonedDateTime endInZone = end.withZoneSameInstant(start.getZone());
        String endText = endInZone.toLocalDate().equals(start.toLocalDate()) ? TIME.format(endInZone)
                : DAY.format(endInZone) + ", " + TIME.format(endInZone);
        return DAY.format(start) + ", " + TIME.format(start) + "–" + endText + " " + ZONE.format(start);
    }

    static String moment(ZonedDateTime at) {
        return DAY.format(at) + ", " + TIME.format(at) + " " + ZONE.format(at);
    }

    static String day(ZonedDateTime at) {
        return SHORT_DAY.format(at);
    }

    /** E.g. {@code 45 minutes}, {@code 1 hour 30 minutes}, {@code none expected}. */
    static String duration(Duration d) {
        if (d == null || d.isZero()) {
            return "none expected";
        }
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(hours == 1 ? " hour" : " hours");
        }
        if (minutes > 0 || hours == 0) {
            text.append(text.length() > 0 ? " " : "").append(Math.max(minutes, 1)).append(minutes == 1 ? " minute"
                    : " minutes");
        }
        return text.toString();
    }
}
