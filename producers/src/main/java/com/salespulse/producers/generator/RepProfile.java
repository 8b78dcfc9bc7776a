package com.salespulse.producers.generator;

import com.salespulse.events.Rep;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A rep as the roster shows them, plus how they work: office hours in their own time zone, how
 * quickly they pick up a new lead (log-normal around a personal median, counted in working time),
 * how often a lead slips through their fingers, and how well they close.
 */
record RepProfile(String repId, String name, String teamId, String region, ZoneId zone, BigDecimal monthlyQuota,
                  Pace pace, double responseMedianMinutes, double responseSigma, double neglectRate, double skill) {

    static final LocalTime DAY_START = LocalTime.of(8, 0);
    static final LocalTime DAY_END = LocalTime.of(18, 0);

    /** How quickly a rep works a new lead. */
    enum Pace {
        /** Minutes. */
        FAST,
        /** An hour or so. */
        STEADY,
        /** Hours, sometimes the next day. */
        SLOW
    }

    Rep toRep() {
        return Rep.newBuilder()
                .setRepId(repId)
                .setName(name)
                .setTeamId(teamId)
                .setRegion(region)
                .setTimezone(zone.getId())
                .setMonthlyQuota(monthlyQuota)
                .build();
    }

    /** Working seconds between a lead becoming this rep's and the rep's first touch. */
    long firstResponseSeconds(final Rng rng) {
        final double minutes = rng.logNormal(responseMedianMinutes, responseSigma);
        return Math.max(30L, Math.round(minutes * 60.0));
    }

    /** {@code from}, moved forward to the start of the rep's next working period if it falls outside one. */
    Instant nextWorkingMoment(final Instant from) {
        return alignToWorkingTime(from.atZone(zone)).toInstant();
    }

    /** The instant {@code workingSeconds} of this rep's office hours after {@code from}. */
    Instant afterWorkingTime(final Instant from, final long workingSeconds) {
        ZonedDateTime cursor = alignToWorkingTime(from.atZone(zone));
        long remaining = workingSeconds;
        while (true) {
            final long left = Duration.between(cursor, cursor.with(DAY_END)).getSeconds();
            if (remaining <= left) {
                return cursor.plusSeconds(remaining).toInstant();
            }
            remaining -= left;
            cursor = startOfNextWorkingDay(cursor);
        }
    }

    private static ZonedDateTime alignToWorkingTime(final ZonedDateTime time) {
        if (isWeekend(time.getDayOfWeek()) || !time.toLocalTime().isBefore(DAY_END)) {
            return startOfNextWorkingDay(time);
        }
        if (time.toLocalTime().isBefore(DAY_START)) {
            return time.with(DAY_START);
        }
        return time;
    }

    private static ZonedDateTime startOfNextWorkingDay(final ZonedDateTime time) {
        ZonedDateTime day = time.plusDays(1).with(DAY_START);
        while (isWeekend(day.getDayOfWeek())) {
            day = day.plusDays(1);
        }
        return day;
    }

    private static boolean isWeekend(final DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
