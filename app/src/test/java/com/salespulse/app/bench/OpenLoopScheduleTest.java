package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void shouldSpaceSendsByOneOverTheRateFromTheStartWhenTheRateIs2000() {
        // Given 2,000 events/s: one every 0.5 ms
        final OpenLoopSchedule schedule = new OpenLoopSchedule(2_000, Duration.ofSeconds(5), Duration.ofSeconds(30));

        // Then send i is due at i * 500,000 ns, however long earlier sends took
        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(500_000);
        assertThat(schedule.dueNanos(3)).isEqualTo(1_500_000);
        assertThat(schedule.dueNanos(69_999)).isEqualTo(34_999_500_000L);
        // and its event time is the due time in whole milliseconds: 1.5 ms -> 1 ms
        assertThat(schedule.dueMillis(3)).isEqualTo(1);
        // and 35 s at 2,000/s is 70,000 sends
        assertThat(schedule.sends()).isEqualTo(70_000);
    }

    @Test
    void shouldNotDriftWhenTheIntervalIsNotAWholeNumberOfNanoseconds() {
        // Given 3 events/s: 333,333,333.3 ns apart
        final OpenLoopSchedule schedule = new OpenLoopSchedule(3, Duration.ZERO, Duration.ofSeconds(10));

        // Then every third send falls exactly on a whole second: each due time is computed from the start,
        // not by adding a rounded interval to the previous one
        assertThat(schedule.dueNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(schedule.dueNanos(30)).isEqualTo(10_000_000_000L);
        assertThat(schedule.dueNanos(1)).isEqualTo(333_333_333L);
        assertThat(schedule.dueNanos(2)).isEqualTo(666_666_667L);
        // and 10 s at 3/s is 30 sends
        assertThat(schedule.sends()).isEqualTo(30);
    }

    @Test
    void shouldRoundTheNumberOfSendsUpWhenTheRunIsNotAWholeNumberOfIntervals() {
        // Given 3 events/s for 0.5 s: sends at 0 and 333 ms fall inside
        final OpenLoopSchedule schedule = new OpenLoopSchedule(3, Duration.ZERO, Duration.ofMillis(500));

        assertThat(schedule.sends()).isEqualTo(2);
    }

    @Test
    void shouldMeasureOnlySendsDueAfterTheWarmUpWhenThereIsOne() {
        // Given a 5 s warm-up at 2,000/s
        final OpenLoopSchedule schedule = new OpenLoopSchedule(2_000, Duration.ofSeconds(5), Duration.ofSeconds(30));

        // Then send 9,999 (due at 4,999.5 ms) warms up and send 10,000 (due at 5,000 ms) is measured
        assertThat(schedule.isMeasured(schedule.dueMillis(9_999))).isFalse();
        assertThat(schedule.isMeasured(schedule.dueMillis(10_000))).isTrue();
    }

    @Test
    void shouldRefuseWhenTheRateIsNotPositive() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(Double.NaN, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
