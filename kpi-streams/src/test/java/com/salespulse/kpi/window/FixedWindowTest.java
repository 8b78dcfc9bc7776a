package com.salespulse.kpi.window;

import static com.salespulse.kpi.window.Span.at;
import static com.salespulse.kpi.window.Span.windowOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixedWindowTest {

    @Test
    void shouldPublishIsoDurationNamesWhenNamed() {
        // Given / When / Then
        assertThat(FixedWindow.HOUR.name()).isEqualTo("PT1H");
        assertThat(FixedWindow.DAY.name()).isEqualTo("P1D");
        assertThat(new FixedWindow(Duration.ofMinutes(15)).name()).isEqualTo("PT15M");
    }

    @Test
    void shouldAlignToTheEpochWhenInstantIsInsideAWindow() {
        // Given an instant in the middle of an hour and of a UTC day
        final String instant = "2026-03-15T13:45:12.345Z";

        // When / Then
        assertThat(windowOf(FixedWindow.HOUR, instant))
                .isEqualTo(Span.of("2026-03-15T13:00:00Z", "2026-03-15T14:00:00Z"));
        assertThat(windowOf(FixedWindow.DAY, instant))
                .isEqualTo(Span.of("2026-03-15T00:00:00Z", "2026-03-16T00:00:00Z"));
    }

    @Test
    void shouldFloorTowardsThePastWhenEpochIsNegative() {
        // Given the last millisecond before the epoch, and an instant in 1969
        final String lastBeforeEpoch = "1969-12-31T23:59:59.999Z";
        final String moonLanding = "1969-07-20T20:17:40Z";

        // When / Then the windows start before the instant, not after (floor, not truncation toward zero)
        assertThat(windowOf(FixedWindow.HOUR, lastBeforeEpoch))
                .isEqualTo(Span.of("1969-12-31T23:00:00Z", "1970-01-01T00:00:00Z"));
        assertThat(windowOf(FixedWindow.DAY, lastBeforeEpoch))
                .isEqualTo(Span.of("1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z"));
        assertThat(windowOf(FixedWindow.HOUR, moonLanding))
                .isEqualTo(Span.of("1969-07-20T20:00:00Z", "1969-07-20T21:00:00Z"));
        assertThat(windowOf(FixedWindow.DAY, moonLanding))
                .isEqualTo(Span.of("1969-07-20T00:00:00Z", "1969-07-21T00:00:00Z"));
    }

    @Test
    void shouldStartTheNewWindowWhenInstantIsExactlyAtItsStart() {
        // Given / When / Then
        assertThat(FixedWindow.HOUR.startOf(at("2026-03-15T14:00:00Z"))).isEqualTo(at("2026-03-15T14:00:00Z"));
        assertThat(FixedWindow.HOUR.startOf(at("2026-03-15T13:59:59.999Z"))).isEqualTo(at("2026-03-15T13:00:00Z"));
        assertThat(FixedWindow.DAY.startOf(at("1970-01-01T00:00:00Z"))).isEqualTo(at("1970-01-01T00:00:00Z"));
        assertThat(FixedWindow.DAY.startOf(at("1969-12-31T23:59:59.999Z"))).isEqualTo(at("1969-12-31T00:00:00Z"));
    }
}
