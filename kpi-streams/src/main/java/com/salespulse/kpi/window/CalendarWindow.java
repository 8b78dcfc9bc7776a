package com.salespulse.kpi.window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.Duration;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * Calendar windows ({@code day}, ISO {@code week} starting Monday, {@code month}, {@code quarter}) in the
 * organisation's time zone. A window starts at the start of its first local day, so a day lasts 23 or 25 hours
 * across a daylight-saving change, and starts at the first valid local time where midnight does not exist.
 */
public record CalendarWindow(Unit unit, ZoneId zone) implements WindowSpec {

    /** A calendar period: how to find the first day of the period holding a date, and the period's length. */
    public enum Unit {
        DAY(Period.ofDays(1)),
        WEEK(Period.ofWeeks(1)),
        MONTH(Period.ofMonths(1)),
        QUARTER(Period.ofMonths(3));

        private final Period length;

        Unit(final Period length) {
            this.length = length;
        }

        LocalDate firstDay(final LocalDate date) {
            return switch (this) {
                case DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
                case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
            };
        }
    }

    public CalendarWindow {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(zone, "zone");
    }

    public static CalendarWindow day(final ZoneId zone) {
        return new CalendarWindow(Unit.DAY, zone);
    }

    public static CalendarWindow week(final ZoneId zone) {
        return new CalendarWindow(Unit.WEEK, zone);
    }

    public static CalendarWindow month(final ZoneId zone) {
        return new CalendarWindow(Unit.MONTH, zone);
    }

    public static CalendarWindow quarter(final ZoneId zone) {
        return new CalendarWindow(Unit.QUARTER, zone);
    }

    @Override
    public String name() {
        return unit.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public long startOf(final long epochMillis) {
        return startOfDay(firstDayOfPeriodHolding(epochMillis));
    }

    @Override
    public long endOf(final long windowStart) {
        return startOfDay(firstDayOfPeriodHolding(windowStart).plus(unit.length));
    }

    private LocalDate firstDayOfPeriodHolding(final long epochMillis) {
        return unit.firstDay(LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone));
    }

    /**
     * Local midnights (or the ends of daylight-saving gaps that swallow them) fall on whole hours of UTC
     * in most zones, on half or quarter hours in some: the greatest common divisor of a day and every
     * offset and transition time the zone has had since 1970.
     */
    @Override
    public Duration grain() {
        final ZoneRules rules = zone.getRules();
        long seconds = Duration.ofDays(1).toSeconds();
        seconds = gcd(seconds, rules.getOffset(Instant.EPOCH).getTotalSeconds());
        for (final ZoneOffsetTransition transition : rules.getTransitions()) {
            if (!transition.getInstant().isBefore(Instant.EPOCH)) {
                seconds = gcd(seconds, transition.getOffsetAfter().getTotalSeconds());
                seconds = gcd(seconds, transition.getInstant().getEpochSecond());
            }
        }
        for (final ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            seconds = gcd(seconds, rule.getOffsetAfter().getTotalSeconds());
            seconds = gcd(seconds, rule.getOffsetBefore().getTotalSeconds());
            seconds = gcd(seconds, rule.getLocalTime().toSecondOfDay());
        }
        return Duration.ofSeconds(seconds);
    }

    private static long gcd(final long a, final long b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    // atStartOfDay(zone) yields the first valid local time of the day where a daylight-saving gap swallows midnight.
    private long startOfDay(final LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
