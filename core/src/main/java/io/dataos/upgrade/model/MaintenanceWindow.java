package io.dataos.upgrade.model;

import io.dataos.upgrade.api.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The low-traffic window an upgrade or rollback may run in ("Downtime Planning"): either one
 * absolute interval ({@code 2026-11-28T02:00Z/2026-11-28T06:00Z}, or {@code start/PT4H}) or a
 * weekly slot ({@code SAT 02:00-06:00 UTC}, {@code SUN 23:00-01:00 Europe/Berlin}).
 */
public sealed interface MaintenanceWindow permits MaintenanceWindow.Absolute, MaintenanceWindow.Weekly {

    /** Longest window accepted: a week-long "window" is a typo, not a plan. */
    Duration MAX_LENGTH = Duration.ofDays(3);

    /** One occurrence of a window. */
    record Slot(Instant start, Instant end) {
        public Slot {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        public boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    /** The window as written (canonical form), e.g. {@code SAT 02:00-06:00 UTC}. */
    String spec();

    /** Whether {@code instant} falls inside the window (start inclusive, end exclusive). */
    boolean contains(Instant instant);

    /** The occurrence in progress at {@code from}, else the next one; empty when none is left. */
    Optional<Slot> next(Instant from);

    /** Refuses a window with no occurrence left after {@code now}. */
    default MaintenanceWindow requireNotPast(Instant now, String source, String field) {
        if (next(now).isEmpty()) {
            throw new InvalidInputException(source, field, "maintenance window '" + spec() + "' ended before now ("
                    + now + "): agree a window in the future");
        }
        return this;
    }

    /**
     * Parses a window.
     *
     * @throws IllegalArgumentException naming the problem and the two accepted forms
     */
    static MaintenanceWindow parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        if (text.contains("/") && !WEEKLY.matcher(text).matches()) {
            return Absolute.parse(text);
        }
        return Weekly.parse(text);
    }

    /** Parses a window and refuses one that lies entirely before {@code now}; errors name {@code source}/{@code field}. */
    static MaintenanceWindow parse(String spec, Instant now, String source, String field) {
        MaintenanceWindow window;
        try {
            window = parse(spec);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, field, e.getMessage());
        }
        return now == null ? window : window.requireNotPast(now, source, field);
    }

    String FORMS = "write an interval '2026-11-28T02:00Z/2026-11-28T06:00Z' (or '2026-11-28T02:00Z/PT4H') or a weekly"
            + " slot 'SAT 02:00-06:00 UTC'";

    Pattern WEEKLY = Pattern.compile(
            "(?i)([A-Z]{3,9})\\s+([0-9]{2}):([0-9]{2})\\s*-\\s*([0-9]{2}):([0-9]{2})\\s+([A-Za-z0-9/_+:-]{1,40})");

    /** A single absolute interval. */
    record Absolute(Instant start, Instant end) implements MaintenanceWindow {

        public Absolute {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("maintenance window ends (" + end + ") before it starts (" + start
                        + "): give the start first");
            }
            if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
                throw new IllegalArgumentException("maintenance window is longer than " + MAX_LENGTH.toDays()
                        + " days: check the dates");
            }
        }

        static Absolute parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' is not a window: " + FORMS);
            }
            Instant start = instant(parts[0], text);
            Instant end;
            if (parts[1].startsWith("P") || parts[1].startsWith("p")) {
                try {
                    end = start.plus(Duration.parse(parts[1]));
                } catch (DateTimeParseException | ArithmeticException e) {
                    throw new IllegalArgumentException("'" + Identifiers.printable(parts[1]) + "' is not an ISO-8601"
                            + " duration (PT4H): " + FORMS);
                }
            } else {
                end = instant(parts[1], text);
            }
            return new Absolute(start, end);
        }

        private static Instant instant(String part, String whole) {
            try {
                return OffsetDateTime.parse(part).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + Identifiers.printable(part) + "' in '" + Identifiers.printable(whole)
                        + "' is not a date-time with offset (2026-11-28T02:00Z or 2026-11-28T02:00+01:00): " + FORMS);
            }
        }

        @Override
        public String spec() {
            return start + "/" + end;
        }

        @Override
        public boolean contains(Instant instant) {
            return new Slot(start, end).contains(instant);
        }

        @Override
        public Optional<Slot> next(Instant from) {
            return end.isAfter(from) ? Optional.of(new Slot(start, end)) : Optional.empty();
        }
    }

    /** A weekly slot in a time zone; an end before the start means the slot runs past midnight. */
    record Weekly(DayOfWeek day, LocalTime start, LocalTime end, ZoneId zone) implements MaintenanceWindow {

        private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
                Map.entry("MON", DayOfWeek.MONDAY), Map.entry("MONDAY", DayOfWeek.MONDAY),
                Map.entry("TUE", DayOfWeek.TUESDAY), Map.entry("TUESDAY", DayOfWeek.TUESDAY),
                Map.entry("WED", DayOfWeek.WEDNESDAY), Map.entry("WEDNESDAY", DayOfWeek.WEDNESDAY),
                Map.entry("THU", DayOfWeek.THURSDAY), Map.entry("THURSDAY", DayOfWeek.THURSDAY),
                Map.entry("FRI", DayOfWeek.FRIDAY), Map.entry("FRIDAY", DayOfWeek.FRIDAY),
                Map.entry("SAT", DayOfWeek.SATURDAY), Map.entry("SATURDAY", DayOfWeek.SATURDAY),
                Map.entry("SUN", DayOfWeek.SUNDAY), Map.entry("SUNDAY", DayOfWeek.SUNDAY));

        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(zone, "zone");
            if (start.equals(end)) {
                throw new IllegalArgumentException("maintenance window starts and ends at " + start
                        + ": give a slot of at least one minute");
            }
        }

        static Weekly parse(String text) {
            Matcher m = WEEKLY.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' is not a window: " + FORMS);
            }
            DayOfWeek day = DAYS.get(m.group(1).toUpperCase(Locale.ROOT));
            if (day == null) {
                throw new IllegalArgumentException("'" + Identifiers.printable(m.group(1)) + "' is not a day of the week:"
                        + " write MON, TUE, WED, THU, FRI, SAT or SUN");
            }
            LocalTime start = time(m.group(2), m.group(3), text);
            LocalTime end = time(m.group(4), m.group(5), text);
            ZoneId zone;
            try {
                zone = ZoneId.of(m.group(6).equalsIgnoreCase("UTC") ? "UTC" : m.group(6));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + Identifiers.printable(m.group(6)) + "' is not a time zone: write"
                        + " UTC, an offset (+05:30) or a region (Europe/Berlin)");
            }
            return new Weekly(day, start, end, zone);
        }

        private static LocalTime time(String hours, String minutes, String whole) {
            int h = Integer.parseInt(hours);
            int min = Integer.parseInt(minutes);
            if (h == 24 && min == 0) {
                return LocalTime.MIDNIGHT;
            }
            if (h > 23 || min > 59) {
                throw new IllegalArgumentException("'" + hours + ":" + minutes + "' in '" + Identifiers.printable(whole)
                        + "' is not a time of day (00:00-23:59)");
            }
            return LocalTime.of(h, min);
        }

        @Override
        public String spec() {
            return day.name().substring(0, 3) + " " + start + "-" + end + " " + zone.getId();
        }

        @Override
        public boolean contains(Instant instant) {
            return next(instant).map(slot -> slot.contains(instant)).orElse(false);
        }

        @Override
        public Optional<Slot> next(Instant from) {
            // Start a week back so that a slot already in progress (possibly past midnight) is found.
            LocalDate date = from.atZone(zone).toLocalDate().minusDays(7).with(TemporalAdjusters.nextOrSame(day));
            for (int week = 0; week < 3; week++, date = date.plusWeeks(1)) {
                Slot slot = slotOn(date);
                if (slot.end().isAfter(from)) {
                    return Optional.of(slot);
                }
            }
            throw new IllegalStateException("no weekly slot found after " + from); // unreachable: a week always has one
        }

        private Slot slotOn(LocalDate date) {
            ZonedDateTime startAt = ZonedDateTime.of(date, start, zone);
            ZonedDateTime endAt = ZonedDateTime.of(end.isAfter(start) ? date : date.plusDays(1), end, zone);
            return new Slot(startAt.toInstant(), endAt.toInstant());
        }
    }
}
