package com.salespulse.kpi.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long LIVE = NOW - 5_000;
    private static final long OLD = NOW - Duration.ofDays(3).toMillis();

    private final Pacing pacing = new Pacing(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void shouldSendEveryFlushIntervalWhenEventTimeKeepsUpWithTheWallClock() {
        // Given changes sent just now, with input still arriving
        pacing.sent(NOW);

        // Then not again within the flush interval, and again once it has passed
        assertThat(pacing.isDue(NOW + 99, LIVE, false)).isFalse();
        assertThat(pacing.isDue(NOW + 100, LIVE, false)).isTrue();
    }

    @Test
    void shouldSendEveryBackfillIntervalWhenEventTimeTrailsTheWallClockAndInputKeepsArriving() {
        // Given changes sent just now, in a backfill whose input keeps arriving
        pacing.sent(NOW);

        // Then nothing is sent before the backfill interval has passed
        for (long at = NOW + 100; at < NOW + 5_000; at += 100) {
            assertThat(pacing.isDue(at, OLD, false)).as("at +%d ms", at - NOW).isFalse();
        }
        assertThat(pacing.isDue(NOW + 5_000, OLD, false)).isTrue();
    }

    @Test
    void shouldSendAtOnceWhenTheBackfillsInputGoesIdle() {
        // Given changes sent just now in a backfill
        pacing.sent(NOW);

        // When the input goes idle, still never within one flush interval
        assertThat(pacing.isDue(NOW + 50, OLD, true)).isFalse();
        assertThat(pacing.isDue(NOW + 100, OLD, true)).isTrue();
    }

    @Test
    void shouldSendTheFirstTimeWhenNothingWasSentBefore() {
        assertThat(pacing.isDue(NOW, OLD, false)).isTrue();
        assertThat(pacing.isDue(NOW, Long.MIN_VALUE, false)).isTrue();
    }
}
