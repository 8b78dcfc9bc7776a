package com.salespulse.kpi.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business hours: weekly opening hours and holidays in an IANA time zone, and the arithmetic an SLA
 * needs on them. Business time is real elapsed time while the calendar is open, so a shift across a
 * daylight-saving change is as long as the clock on the wall says it is (22:00–06:00 is 7 hours on
 * the night the clocks go forward and 9 on the night they go back).
 *
 * <p>Opening hours belong to the day they start on: {@code 22:00-06:00} on Friday runs from Friday
 * 22:00 to Saturday 06:00, and {@code 09:00-24:00} runs to midnight. A holiday closes the hours that
 * start on it; a shift that started the evening before runs to its end. A local time that a
 * daylight-saving change skips is read as java.time reads it, shifted forward by the gap; one that
 * occurs twice is its earlier occurrence. Overlapping hours count once.
 *
 * <p>A pure value: no clock, no I/O.
 */
public final class BusinessCalendar {
    private static final DayOfWeek[] DAYS = DayOfWeek.values();

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<Hours>> weekly;
    private final Set<LocalDate> holidays;

    /**
     * Opening hours on one day: from {@code start} to {@code end}, which is on the next day when it is
     * not after {@code start} ({@code 22:00-06:00}, or {@code 00:00-00:00} for a whole day).
     */
    public record Hours(LocalTime start, LocalTime end) {

        /** A whole day: {@code 00:00-24:00}. */
        public static final Hours WHOLE_DAY = new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        /**
         * Parses {@code HH:MM-HH:MM}; {@code 24:00} is the end of the day, an end not after the start
         * is on the next day.
         *
         * @throws IllegalArgumentException for another form, or a range that is empty ({@code 09:00-09:00})
         */
        public static Hours parse(final String text) {
            final String[] parts = text.trim().split("\\s*-\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("opening hours must look like 09:00-18:00, not '" + text + "'");
            }
            final LocalTime start = time(parts[0], text);
            final boolean endOfDay = "24:00".equals(parts[1]);
            final LocalTime end = endOfDay ? LocalTime.MIDNIGHT : time(parts[1], text);
            if (start.equals(end) && !(endOfDay && start.equals(LocalTime.MIDNIGHT))) {
                throw new IllegalArgumentException("opening hours '" + text + "' are empty; a whole day is 00:00-24:00");
            }
            return new Hours(start, end);
        }

        private static LocalTime time(final String value, final String text) {
            if (!value.matches("\\d{2}:\\d{2}")) {
                throw new IllegalArgumentException("opening hours must look like 09:00-18:00, not '" + text + "'");
            }
            final int hour = Integer.parseInt(value.substring(0, 2));
            final int minute = Integer.parseInt(value.substring(3));
            if (hour > 23 || minute > 59) {
                throw new IllegalArgumentException("'" + value + "' in '" + text + "' is not a time of day");
            }
            return LocalTime.of(hour, minute);
        }

        /** True when the hours end on the next day. */
        public boolean overnight() {
            return !end.isAfter(start);
        }

        @Override
        public String toString() {
            return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
        }
    }

    /**
     * @param name     how configuration and alerts refer to it
     * @param zone     the zone the hours and holidays are in
     * @param weekly   opening hours by the day they start on; at least one day must have some
     * @param holidays local dates on which no hours start
     */
    public BusinessCalendar(final String name, final ZoneId zone, final Map<DayOfWeek, List<Hours>> weekly,
                            final Set<LocalDate> holidays) {
        this.name = name;
        this.zone = zone;
        final Map<DayOfWeek, List<Hours>> sorted = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DAYS) {
            final List<Hours> hours = new ArrayList<>(weekly.getOrDefault(day, List.of()));
            hours.sort(Comparator.comparing(Hours::start));
            sorted.put(day, List.copyOf(hours));
        }
        if (sorted.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("calendar " + name + " has no opening hours");
        }
        this.weekly = sorted;
        this.holidays = Set.copyOf(new TreeSet<>(holidays));
    }

    /** Open all the time, in {@code zone}. */
    public static BusinessCalendar alwaysOpen(final String name, final ZoneId zone) {
        final Map<DayOfWeek, List<Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DAYS) {
            weekly.put(day, List.of(Hours.WHOLE_DAY));
        }
        return new BusinessCalendar(name, zone, weekly, Set.of());
    }

    /** The same hours every weekday from Monday to Friday, closed at weekends. */
    public static BusinessCalendar weekdays(final String name, final ZoneId zone, final Hours hours,
                                            final Set<LocalDate> holidays) {
        final Map<DayOfWeek, List<Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DAYS) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                weekly.put(day, List.of(hours));
            }
        }
        return new BusinessCalendar(name, zone, weekly, holidays);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<Hours>> weekly() {
        return weekly;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /**
     * The instant at which {@code businessTime} of open time has passed since {@code start}. When
     * {@code start} is outside the hours, the time starts counting at the next opening. The result is
     * the closing instant itself when the time runs out exactly then (Friday 17:45 plus 15 minutes is
     * Friday 18:00, not Monday 09:00).
     */
    public Instant plus(final Instant start, final Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative");
        }
        if (businessTime.isZero()) {
            return start;
        }
        final long[] remaining = {businessTime.toMillis()};
        final long[] cursor = {start.toEpochMilli()};
        final long[] result = {Long.MIN_VALUE};
        forEachOpening(start, (open, close) -> {
            final long from = Math.max(open, cursor[0]);
            if (close <= from) {
                return true;
            }
            final long available = close - from;
            if (remaining[0] <= available) {
                result[0] = from + remaining[0];
                return false;
            }
            remaining[0] -= available;
            cursor[0] = close;
            return true;
        });
        return Instant.ofEpochMilli(result[0]);
    }

    /** Open time between {@code from} (inclusive) and {@code to} (exclusive); zero when {@code to} is not after {@code from}. */
    public Duration openBetween(final Instant from, final Instant to) {
        final long end = to.toEpochMilli();
        if (end <= from.toEpochMilli()) {
            return Duration.ZERO;
        }
        final long[] open = {0};
        final long[] cursor = {from.toEpochMilli()};
        forEachOpening(from, (start, close) -> {
            if (start >= end) {
                return false;
            }
            final long clippedStart = Math.max(start, cursor[0]);
            final long clippedEnd = Math.min(close, end);
            if (clippedEnd > clippedStart) {
                open[0] += clippedEnd - clippedStart;
                cursor[0] = clippedEnd;
            }
            return close < end;
        });
        return Duration.ofMillis(open[0]);
    }

    /** True when the calendar is open at {@code instant}. */
    public boolean isOpen(final Instant instant) {
        return !openBetween(instant, instant.plusMillis(1)).isZero();
    }

    @FunctionalInterface
    private interface OpeningVisitor {
        /** Visits one opening [open, close) in epoch milliseconds; false stops the walk. */
        boolean visit(long open, long close);
    }

    /**
     * Walks the openings that start on the day before {@code from}'s local date and later, ordered by
     * their start. Starting a day early catches an overnight shift still running at {@code from}.
     * Ends because the week has hours and holidays are finitely many.
     */
    private void forEachOpening(final Instant from, final OpeningVisitor visitor) {
        LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
        while (true) {
            if (!holidays.contains(date)) {
                for (final Hours hours : weekly.get(date.getDayOfWeek())) {
                    final long open = ZonedDateTime.of(date, hours.start(), zone).toInstant().toEpochMilli();
                    final LocalDate endDate = hours.overnight() ? date.plusDays(1) : date;
                    final long close = ZonedDateTime.of(endDate, hours.end(), zone).toInstant().toEpochMilli();
                    if (close > open && !visitor.visit(open, close)) {
                        return;
                    }
                }
            }
            date = date.plusDays(1);
        }
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + name + ", " + zone + ", " + weekly + ", holidays " + holidays + "]";
    }
}
