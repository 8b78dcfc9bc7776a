package com.salespulse.kpi.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.kpi.sla.BusinessCalendar.Hours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Business-hours arithmetic. Dates are in 2026: 27 November is a Friday; Europe/Berlin moves its
 * clocks forward on Sunday 29 March (02:00 CET → 03:00 CEST) and back on Sunday 25 October
 * (03:00 CEST → 02:00 CET).
 */
class BusinessCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Hours NINE_TO_SIX = Hours.parse("09:00-18:00");
    private static final BusinessCalendar OFFICE = BusinessCalendar.weekdays("office", BERLIN, NINE_TO_SIX, Set.of());

    @Test
    void shouldBeDueMondayAt0910WhenCreatedFridayAt1755WithAFifteenMinuteTarget() {
        // Given Monday to Friday 09:00-18:00 and a lead created on Friday at 17:55
        final Instant created = berlin("2026-11-27T17:55");

        // When 15 minutes of business time pass: 5 on Friday, 10 on Monday morning
        final Instant due = OFFICE.plus(created, Duration.ofMinutes(15));

        // Then it is due on Monday at 09:10, and exactly 15 business minutes lie between
        assertThat(due).isEqualTo(berlin("2026-11-30T09:10"));
        assertThat(OFFICE.openBetween(created, due)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldBeDueAtClosingTimeWhenTheTargetRunsOutExactlyThen() {
        // Given a lead created on Friday at 17:45 with 15 minutes to go
        // When / Then it is due at 18:00 on Friday, not at Monday's opening
        assertThat(OFFICE.plus(berlin("2026-11-27T17:45"), Duration.ofMinutes(15))).isEqualTo(berlin("2026-11-27T18:00"));
    }

    @Test
    void shouldStartTheClockAtOpeningWhenTheLeadIsCreatedBeforeOpening() {
        // Given a lead created on Tuesday at 07:30, before opening
        // When / Then 30 minutes are counted from 09:00
        assertThat(OFFICE.plus(berlin("2026-11-24T07:30"), Duration.ofMinutes(30))).isEqualTo(berlin("2026-11-24T09:30"));
        assertThat(OFFICE.openBetween(berlin("2026-11-24T07:30"), berlin("2026-11-24T09:30"))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldStartTheClockOnMondayWhenTheLeadIsCreatedAtTheWeekend() {
        // Given a lead created on Saturday at 11:00
        // When / Then an hour of business time ends on Monday at 10:00
        assertThat(OFFICE.plus(berlin("2026-11-28T11:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-30T10:00"));
        assertThat(OFFICE.isOpen(berlin("2026-11-28T11:00"))).isFalse();
    }

    @Test
    void shouldContinueNextMorningWhenTheLeadIsCreatedAfterClosing() {
        // Given a lead created on Wednesday at 20:00
        // When / Then two hours end on Thursday at 11:00
        assertThat(OFFICE.plus(berlin("2026-11-25T20:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-11-26T11:00"));
    }

    @Test
    void shouldSpanSeveralDaysWhenTheTargetIsLongerThanABusinessDay() {
        // Given 20 business hours from Monday 10:00: 8 on Monday, 9 on Tuesday, 3 on Wednesday
        // When / Then it ends on Wednesday at 12:00
        assertThat(OFFICE.plus(berlin("2026-11-23T10:00"), Duration.ofHours(20))).isEqualTo(berlin("2026-11-25T12:00"));
        assertThat(OFFICE.openBetween(berlin("2026-11-23T10:00"), berlin("2026-11-25T12:00"))).isEqualTo(Duration.ofHours(20));
    }

    @Test
    void shouldSkipHolidaysWhenTheClockRunsIntoThem() {
        // Given 24 and 25 December 2026 (Thursday, Friday) are holidays, and a lead created on Wednesday 23rd at 17:00
        final BusinessCalendar office = BusinessCalendar.weekdays("office", BERLIN, NINE_TO_SIX,
                Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")));

        // When two business hours pass: one on Wednesday, then none until Monday 28th
        final Instant due = office.plus(berlin("2026-12-23T17:00"), Duration.ofHours(2));

        // Then it is due on Monday at 10:00
        assertThat(due).isEqualTo(berlin("2026-12-28T10:00"));
        assertThat(office.openBetween(berlin("2026-12-23T00:00"), berlin("2026-12-29T00:00"))).isEqualTo(Duration.ofHours(9 + 9));
    }

    @Test
    void shouldStartAfterTheHolidayWhenTheLeadIsCreatedOnOne() {
        // Given 24 December is a holiday, a lead created that day at 10:00
        final BusinessCalendar office = BusinessCalendar.weekdays("office", BERLIN, NINE_TO_SIX, Set.of(LocalDate.parse("2026-12-24")));

        // When / Then its hour starts on Friday 25th at 09:00
        assertThat(office.plus(berlin("2026-12-24T10:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-12-25T10:00"));
    }

    @Test
    void shouldCountTheMorningOfYesterdaysShiftWhenHoursRunOvernight() {
        // Given a night desk open Monday to Friday 22:00-06:00, each shift ending the next morning
        final BusinessCalendar night = BusinessCalendar.weekdays("night", BERLIN, Hours.parse("22:00-06:00"), Set.of());

        // When a lead arrives on Tuesday at 05:30, during Monday's shift, with an hour to go
        // Then 30 minutes run until 06:00 and 30 more from Tuesday 22:00
        assertThat(night.plus(berlin("2026-11-24T05:30"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-24T22:30"));
        // and on Saturday at 03:00 it is still Friday's shift
        assertThat(night.plus(berlin("2026-11-28T03:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-28T04:00"));
        // and from Saturday 07:00 no shift starts until Monday 22:00
        assertThat(night.plus(berlin("2026-11-28T07:00"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-30T23:00"));
    }

    @Test
    void shouldLetTheEveningShiftBeforeAHolidayRunToItsEnd() {
        // Given the night desk and Friday 25 December a holiday
        final BusinessCalendar night = BusinessCalendar.weekdays("night", BERLIN, Hours.parse("22:00-06:00"),
                Set.of(LocalDate.parse("2026-12-25")));

        // When / Then Thursday's shift still runs into Friday morning, but no shift starts on Friday evening
        assertThat(night.isOpen(berlin("2026-12-25T05:00"))).isTrue();
        assertThat(night.isOpen(berlin("2026-12-25T23:00"))).isFalse();
        assertThat(night.plus(berlin("2026-12-25T05:00"), Duration.ofHours(2))).isEqualTo(berlin("2026-12-28T23:00"));
    }

    @Test
    void shouldCountRealElapsedTimeWhenTheClocksGoForward() {
        // Given a desk open every night 22:00-06:00 and the night of 28/29 March, when 02:00 CET becomes 03:00 CEST
        final BusinessCalendar night = daily("night", BERLIN, "22:00-06:00");

        // When / Then that shift is 7 real hours long
        assertThat(night.openBetween(berlin("2026-03-28T22:00"), berlin("2026-03-29T06:00"))).isEqualTo(Duration.ofHours(7));
        assertThat(night.plus(berlin("2026-03-28T22:00"), Duration.ofHours(7))).isEqualTo(berlin("2026-03-29T06:00"));
        // and half an hour more runs into Sunday night's shift
        assertThat(night.plus(berlin("2026-03-28T22:00"), Duration.ofMinutes(450))).isEqualTo(berlin("2026-03-29T22:30"));
        // and always open, 5 hours from 23:00 CET (22:00 UTC) end at 03:00 UTC, 05:00 CEST
        final BusinessCalendar always = BusinessCalendar.alwaysOpen("always", BERLIN);
        assertThat(always.plus(berlin("2026-03-28T23:00"), Duration.ofHours(5))).isEqualTo(Instant.parse("2026-03-29T03:00:00Z"));
    }

    @Test
    void shouldCountRealElapsedTimeWhenTheClocksGoBack() {
        // Given the night of 24/25 October, when 03:00 CEST becomes 02:00 CET
        final BusinessCalendar night = daily("night", BERLIN, "22:00-06:00");

        // When / Then that shift is 9 real hours long, and 8 hours from its start end at 05:00 CET (04:00 UTC)
        assertThat(night.openBetween(berlin("2026-10-24T22:00"), berlin("2026-10-25T06:00"))).isEqualTo(Duration.ofHours(9));
        assertThat(night.plus(berlin("2026-10-24T22:00"), Duration.ofHours(8))).isEqualTo(Instant.parse("2026-10-25T04:00:00Z"));
    }

    @Test
    void shouldKeepLocalOpeningHoursWhenAWeekendChangesTheOffset() {
        // Given Friday 27 March 17:00 CET (16:00 UTC) and two business hours; Monday opens at 09:00 CEST (07:00 UTC)
        final Instant due = OFFICE.plus(berlin("2026-03-27T17:00"), Duration.ofHours(2));

        // Then one hour on Friday, one on Monday morning: 10:00 CEST
        assertThat(due).isEqualTo(berlin("2026-03-30T10:00")).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }

    @Test
    void shouldUseTheCalendarsZoneWhenItIsNotUtc() {
        // Given New York office hours and Friday 27 November 17:55 in New York (22:55 UTC)
        final BusinessCalendar newYork = BusinessCalendar.weekdays("ny", NEW_YORK, NINE_TO_SIX, Set.of());

        // When / Then 15 minutes end on Monday at 09:10 New York time, 14:10 UTC
        assertThat(newYork.plus(Instant.parse("2026-11-27T22:55:00Z"), Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-11-30T14:10:00Z"));
    }

    @Test
    void shouldSkipTheLunchBreakWhenADayHasTwoRanges() {
        // Given 09:00-12:00 and 13:00-17:00 on weekdays
        final Map<DayOfWeek, List<Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(Hours.parse("13:00-17:00"), Hours.parse("09:00-12:00")));
        }
        final BusinessCalendar split = new BusinessCalendar("split", BERLIN, weekly, Set.of());

        // When / Then an hour from 11:30 ends at 13:30
        assertThat(split.plus(berlin("2026-11-24T11:30"), Duration.ofHours(1))).isEqualTo(berlin("2026-11-24T13:30"));
    }

    @Test
    void shouldCountOverlappingHoursOnceWhenRangesOverlap() {
        // Given 09:00-13:00 and 12:00-17:00 every day: 8 hours, not 9
        final BusinessCalendar overlapping = daily("overlapping", BERLIN, "09:00-13:00", "12:00-17:00");

        // When / Then
        assertThat(overlapping.openBetween(berlin("2026-11-24T00:00"), berlin("2026-11-25T00:00"))).isEqualTo(Duration.ofHours(8));
        assertThat(overlapping.plus(berlin("2026-11-24T09:00"), Duration.ofHours(8))).isEqualTo(berlin("2026-11-24T17:00"));
    }

    @Test
    void shouldAddPlainTimeWhenTheCalendarIsAlwaysOpen() {
        // Given always open
        final BusinessCalendar always = BusinessCalendar.alwaysOpen("always", BERLIN);

        // When / Then business time is wall time, across days
        assertThat(always.plus(berlin("2026-11-27T23:59"), Duration.ofMinutes(2))).isEqualTo(berlin("2026-11-28T00:01"));
        assertThat(always.openBetween(berlin("2026-11-27T12:00"), berlin("2026-11-29T12:00"))).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void shouldReturnZeroWhenTheIntervalIsEmptyOrReversed() {
        assertThat(OFFICE.openBetween(berlin("2026-11-27T12:00"), berlin("2026-11-27T12:00"))).isZero();
        assertThat(OFFICE.openBetween(berlin("2026-11-27T12:00"), berlin("2026-11-27T10:00"))).isZero();
        assertThat(OFFICE.plus(berlin("2026-11-28T12:00"), Duration.ZERO)).isEqualTo(berlin("2026-11-28T12:00"));
    }

    @Test
    void shouldReadOpeningHoursWhenTheyEndAtMidnightOrOvernight() {
        assertThat(Hours.parse("22:00-06:00").overnight()).isTrue();
        assertThat(Hours.parse("09:00-18:00").overnight()).isFalse();
        assertThat(Hours.parse("09:00-24:00")).isEqualTo(new Hours(LocalTime.of(9, 0), LocalTime.MIDNIGHT));
        assertThat(Hours.parse("00:00-24:00")).isEqualTo(Hours.WHOLE_DAY);
        assertThat(Hours.parse(" 09:00 - 18:00 ").toString()).isEqualTo("09:00-18:00");
    }

    @Test
    void shouldRejectOpeningHoursWhenTheyAreEmptyOrMalformed() {
        assertThatThrownBy(() -> Hours.parse("09:00-09:00")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Hours.parse("9-17")).hasMessageContaining("09:00-18:00");
        assertThatThrownBy(() -> Hours.parse("25:00-26:00")).hasMessageContaining("not a time of day");
        assertThatThrownBy(() -> new BusinessCalendar("closed", BERLIN, Map.of(), Set.of()))
                .hasMessageContaining("no opening hours");
    }

    private static BusinessCalendar daily(final String name, final ZoneId zone, final String... ranges) {
        final Map<DayOfWeek, List<Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, Arrays.stream(ranges).map(Hours::parse).toList());
        }
        return new BusinessCalendar(name, zone, weekly, Set.of());
    }

    private static Instant berlin(final String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }
}
