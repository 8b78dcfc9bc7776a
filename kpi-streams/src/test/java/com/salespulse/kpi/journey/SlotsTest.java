package com.salespulse.kpi.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.kpi.window.CalendarWindow;
import com.salespulse.kpi.window.FixedWindow;
import com.salespulse.kpi.window.WindowSpec;
import com.salespulse.kpi.window.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotsTest {

    @ParameterizedTest
    @CsvSource({"UTC, PT1H", "America/New_York, PT1H", "Europe/Berlin, PT1H", "Asia/Kolkata, PT30M",
            "Asia/Kathmandu, PT15M", "Australia/Lord_Howe, PT30M"})
    void shouldCountInTheLongestSlotEveryWindowBoundaryFallsOnWhenTheZoneHasThoseOffsets(final String zone,
                                                                                        final Duration slot) {
        // Given every window of the catalog in the zone
        final Windows windows = Windows.all(ZoneId.of(zone));

        // When / Then
        assertThat(Slots.of(windows).specs()).containsExactly(new FixedWindow(slot));
    }

    @ParameterizedTest
    @CsvSource({"America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Santiago"})
    void shouldLayEverySlotWholeInOneWindowWhenSlotsAreAddedToCalendarWindows(final String zone) {
        // Given the zone's windows and its slots, over two years with their daylight-saving changes
        final Windows windows = Windows.all(ZoneId.of(zone));
        final long slot = Slots.of(windows).specs().get(0).grain().toMillis();
        final long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        final long to = Instant.parse("2028-01-01T00:00:00Z").toEpochMilli();

        // Then a slot's first and last millisecond always fall in the same window
        for (long start = from; start < to; start += slot) {
            for (final WindowSpec window : windows.specs()) {
                assertThat(window.startOf(start + slot - 1)).as("%s slot at %s", window.name(), Instant.ofEpochMilli(start))
                        .isEqualTo(window.startOf(start));
            }
        }
    }

    @Test
    void shouldKeepTheWholeDayAsGrainWhenTheZoneIsUtc() {
        assertThat(CalendarWindow.day(ZoneOffset.UTC).grain()).isEqualTo(Duration.ofDays(1));
    }
}
