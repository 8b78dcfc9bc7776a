package com.salespulse.kpi.window;

import static com.salespulse.kpi.window.Span.at;
import static com.salespulse.kpi.window.Span.windowOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CalendarWindowTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldPublishCalendarNamesWhenNamed() {
        // Given / When / Then
        assertThat(CalendarWindow.day(BERLIN).name()).isEqualTo("day");
        assertThat(CalendarWindow.week(BERLIN).name()).isEqualTo("week");
        assertThat(CalendarWindow.month(BERLIN).name()).isEqualTo("month");
        assertThat(CalendarWindow.quarter(BERLIN).name()).isEqualTo("quarter");
    }

    @Test
    void shouldHaveValueSemanticsWhenUnitAndZoneAreEqual() {
        // Given / When / Then
        assertThat(CalendarWindow.week(ZoneId.of("Europe/Berlin"))).isEqualTo(CalendarWindow.week(BERLIN))
                .hasSameHashCodeAs(CalendarWindow.week(BERLIN))
                .isNotEqualTo(CalendarWindow.week(NEW_YORK))
                .isNotEqualTo(CalendarWindow.day(BERLIN));
    }

    @Test
    void shouldCutAtUtcMidnightWhenZoneIsUtc() {
        // Given Sunday 2026-03-15, 13:45 UTC
        final String sundayAfternoon = "2026-03-15T13:45:00Z";

        // When / Then
        assertThat(windowOf(CalendarWindow.day(UTC), sundayAfternoon))
                .isEqualTo(Span.of("2026-03-15T00:00:00Z", "2026-03-16T00:00:00Z"));
        // Monday 2026-03-09 to Monday 2026-03-16
        assertThat(windowOf(CalendarWindow.week(UTC), sundayAfternoon))
                .isEqualTo(Span.of("2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"));
        assertThat(windowOf(CalendarWindow.month(UTC), sundayAfternoon))
                .isEqualTo(Span.of("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"));
        assertThat(windowOf(CalendarWindow.quarter(UTC), sundayAfternoon))
                .isEqualTo(Span.of("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"));
    }

    @Test
    void shouldLast23HoursWhenBerlinSpringsForward() {
        // Given Sunday 2026-03-29, when Berlin goes from 02:00 CET to 03:00 CEST
        final CalendarWindow day = CalendarWindow.day(BERLIN);

        // When / Then 00:00 CET (+01:00) to 00:00 CEST (+02:00) on the 30th
        assertThat(windowOf(day, "2026-03-29T12:00:00Z"))
                .isEqualTo(Span.of("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
    }

    @Test
    void shouldLast25HoursWhenBerlinFallsBack() {
        // Given Sunday 2026-10-25, when Berlin goes from 03:00 CEST back to 02:00 CET
        final CalendarWindow day = CalendarWindow.day(BERLIN);

        // When / Then 00:00 CEST (+02:00) to 00:00 CET (+01:00) on the 26th
        assertThat(windowOf(day, "2026-10-25T12:00:00Z"))
                .isEqualTo(Span.of("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
    }

    @Test
    void shouldLast23HoursWhenNewYorkSpringsForward() {
        // Given Sunday 2026-03-08, when New York goes from 02:00 EST to 03:00 EDT
        final CalendarWindow day = CalendarWindow.day(NEW_YORK);

        // When / Then 00:00 EST (-05:00) to 00:00 EDT (-04:00) on the 9th
        assertThat(windowOf(day, "2026-03-08T12:00:00Z"))
                .isEqualTo(Span.of("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"));
    }

    @Test
    void shouldLast25HoursWhenNewYorkFallsBack() {
        // Given Sunday 2026-11-01, when New York goes from 02:00 EDT back to 01:00 EST
        final CalendarWindow day = CalendarWindow.day(NEW_YORK);

        // When / Then 00:00 EDT (-04:00) to 00:00 EST (-05:00) on the 2nd
        assertThat(windowOf(day, "2026-11-01T12:00:00Z"))
                .isEqualTo(Span.of("2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"));
    }

    @Test
    void shouldFollowTheLocalDateWhenItDiffersFromTheUtcDate() {
        // Given 2026-03-28T23:30Z, which is 00:30 on the 29th in Berlin, and 2026-03-09T03:59:59.999Z, which is
        // 23:59:59.999 on the 8th in New York
        // When / Then
        assertThat(windowOf(CalendarWindow.day(BERLIN), "2026-03-28T23:30:00Z"))
                .isEqualTo(Span.of("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
        assertThat(windowOf(CalendarWindow.day(NEW_YORK), "2026-03-09T03:59:59.999Z"))
                .isEqualTo(Span.of("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"));
    }

    @Test
    void shouldStartAtTheFirstValidTimeWhenMidnightDoesNotExist() {
        // Given Sunday 2018-11-04 in São Paulo, when clocks jumped from 00:00 (-03:00) to 01:00 (-02:00)
        final CalendarWindow day = CalendarWindow.day(ZoneId.of("America/Sao_Paulo"));

        // When / Then 01:00 (-02:00) to 00:00 (-02:00) on the 5th: 23 hours
        assertThat(windowOf(day, "2018-11-04T12:00:00Z"))
                .isEqualTo(Span.of("2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z"));
        // and the day before ends where it starts: 00:00 (-03:00) on the 3rd to 01:00 (-02:00) on the 4th
        assertThat(windowOf(day, "2018-11-04T02:59:59.999Z"))
                .isEqualTo(Span.of("2018-11-03T03:00:00Z", "2018-11-04T03:00:00Z"));
    }

    @Test
    void shouldBelongToTheWindowStartingThereWhenInstantIsExactlyAtAWindowStart() {
        // Given instants exactly at local midnight of a day, a month and a quarter, and one millisecond before
        // When / Then the instant opens its window and the millisecond before closes the previous one
        final CalendarWindow day = CalendarWindow.day(BERLIN);
        assertThat(day.startOf(at("2026-03-29T22:00:00Z"))).isEqualTo(at("2026-03-29T22:00:00Z"));
        assertThat(day.startOf(at("2026-03-29T21:59:59.999Z"))).isEqualTo(at("2026-03-28T23:00:00Z"));

        final CalendarWindow month = CalendarWindow.month(UTC);
        assertThat(month.startOf(at("2026-02-01T00:00:00Z"))).isEqualTo(at("2026-02-01T00:00:00Z"));
        assertThat(month.startOf(at("2026-01-31T23:59:59.999Z"))).isEqualTo(at("2026-01-01T00:00:00Z"));

        // 2026-10-01 00:00 CEST (+02:00)
        final CalendarWindow quarter = CalendarWindow.quarter(BERLIN);
        assertThat(quarter.startOf(at("2026-09-30T22:00:00Z"))).isEqualTo(at("2026-09-30T22:00:00Z"));
        assertThat(quarter.startOf(at("2026-09-30T21:59:59.999Z"))).isEqualTo(at("2026-06-30T22:00:00Z"));
    }

    @Test
    void shouldSpanTheDaylightSavingChangeWhenAWeekHoldsIt() {
        // Given / When / Then Berlin: Monday 2026-03-23 00:00 CET to Monday 2026-03-30 00:00 CEST (167 hours)
        assertThat(windowOf(CalendarWindow.week(BERLIN), "2026-03-29T12:00:00Z"))
                .isEqualTo(Span.of("2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z"));
        // New York: Monday 2026-10-26 00:00 EDT to Monday 2026-11-02 00:00 EST (169 hours)
        assertThat(windowOf(CalendarWindow.week(NEW_YORK), "2026-11-01T12:00:00Z"))
                .isEqualTo(Span.of("2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z"));
    }

    @Test
    void shouldKeepOneIsoWeekWhenTheWeekCrossesTheYearBoundary() {
        // Given Thursday 2026-12-31 and Friday 2027-01-01, both in ISO week 53 of 2026
        // When / Then Monday 2026-12-28 to Monday 2027-01-04
        final Span utcWeek = Span.of("2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z");
        assertThat(windowOf(CalendarWindow.week(UTC), "2026-12-31T12:00:00Z")).isEqualTo(utcWeek);
        assertThat(windowOf(CalendarWindow.week(UTC), "2027-01-01T12:00:00Z")).isEqualTo(utcWeek);
        // in Berlin, local midnight is 23:00 UTC the day before (CET, +01:00)
        final Span berlinWeek = Span.of("2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z");
        assertThat(windowOf(CalendarWindow.week(BERLIN), "2026-12-31T12:00:00Z")).isEqualTo(berlinWeek);
        assertThat(windowOf(CalendarWindow.week(BERLIN), "2027-01-01T12:00:00Z")).isEqualTo(berlinWeek);
    }

    @Test
    void shouldEndOnTheFirstOfTheNextMonthWhenMonthsHaveDifferentLengths() {
        // Given / When / Then 31 days of January, 28 of February 2026, 29 of February 2028 (leap year)
        final CalendarWindow month = CalendarWindow.month(UTC);
        assertThat(windowOf(month, "2026-01-31T23:59:59.999Z"))
                .isEqualTo(Span.of("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"));
        assertThat(windowOf(month, "2026-02-28T12:00:00Z"))
                .isEqualTo(Span.of("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(windowOf(month, "2028-02-29T12:00:00Z"))
                .isEqualTo(Span.of("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"));
        // Berlin's March starts in CET (+01:00) and ends in CEST (+02:00)
        assertThat(windowOf(CalendarWindow.month(BERLIN), "2026-03-15T12:00:00Z"))
                .isEqualTo(Span.of("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"));
    }

    @Test
    void shouldStartOnTheFirstOfJanuaryAprilJulyOrOctoberWhenQuarter() {
        // Given / When / Then
        final CalendarWindow quarter = CalendarWindow.quarter(UTC);
        assertThat(windowOf(quarter, "2026-03-31T23:59:59.999Z"))
                .isEqualTo(Span.of("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"));
        assertThat(windowOf(quarter, "2026-05-20T12:00:00Z"))
                .isEqualTo(Span.of("2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"));
        assertThat(windowOf(quarter, "2026-08-31T12:00:00Z"))
                .isEqualTo(Span.of("2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"));
        assertThat(windowOf(quarter, "2026-12-31T23:59:59.999Z"))
                .isEqualTo(Span.of("2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        assertThat(windowOf(quarter, "2027-01-01T00:00:00Z"))
                .isEqualTo(Span.of("2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z"));
        // Berlin's fourth quarter starts in CEST (+02:00) and ends in CET (+01:00)
        assertThat(windowOf(CalendarWindow.quarter(BERLIN), "2026-11-15T12:00:00Z"))
                .isEqualTo(Span.of("2026-09-30T22:00:00Z", "2026-12-31T23:00:00Z"));
    }

    @Test
    void shouldFloorTowardsThePastWhenEpochIsNegative() {
        // Given Wednesday 1969-12-31, noon UTC
        final String beforeEpoch = "1969-12-31T12:00:00Z";

        // When / Then
        assertThat(windowOf(CalendarWindow.week(UTC), beforeEpoch))
                .isEqualTo(Span.of("1969-12-29T00:00:00Z", "1970-01-05T00:00:00Z"));
        assertThat(windowOf(CalendarWindow.quarter(UTC), beforeEpoch))
                .isEqualTo(Span.of("1969-10-01T00:00:00Z", "1970-01-01T00:00:00Z"));
    }
}
