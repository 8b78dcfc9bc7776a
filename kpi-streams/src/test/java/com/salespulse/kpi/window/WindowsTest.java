package com.salespulse.kpi.window;

import static com.salespulse.kpi.window.Span.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldHoldHourAndDayWhenDefaults() {
        // Given / When / Then
        assertThat(Windows.defaults().specs()).containsExactly(FixedWindow.HOUR, FixedWindow.DAY);
    }

    @Test
    void shouldHoldFixedThenCalendarWindowsWhenAllForAZone() {
        // Given / When
        final Windows all = Windows.all(BERLIN);

        // Then
        assertThat(all.specs()).extracting(WindowSpec::name)
                .containsExactly("PT1H", "P1D", "day", "week", "month", "quarter");
        assertThat(all.specs()).containsExactly(FixedWindow.HOUR, FixedWindow.DAY, CalendarWindow.day(BERLIN),
                CalendarWindow.week(BERLIN), CalendarWindow.month(BERLIN), CalendarWindow.quarter(BERLIN));
    }

    @Test
    void shouldFindTheWindowWhenNameIsPublished() {
        // Given
        final Windows all = Windows.all(BERLIN);

        // When / Then
        assertThat(all.byName("PT1H")).isEqualTo(FixedWindow.HOUR);
        assertThat(all.byName("P1D")).isEqualTo(FixedWindow.DAY);
        assertThat(all.byName("week")).isEqualTo(CalendarWindow.week(BERLIN));
    }

    @Test
    void shouldRejectTheLookupWhenNameIsUnknown() {
        // Given / When / Then
        assertThatThrownBy(() -> Windows.defaults().byName("week"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown window week; known: [PT1H, P1D]");
    }

    @Test
    void shouldRejectTheWindowsWhenTwoShareAName() {
        // Given / When / Then
        assertThatThrownBy(() -> new Windows(List.of(CalendarWindow.day(BERLIN), CalendarWindow.day(ZoneOffset.UTC))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate window day");
    }

    @Test
    void shouldBeEqualWhenSpecsAreEqual() {
        // Given / When / Then
        assertThat(Windows.all(ZoneId.of("Europe/Berlin"))).isEqualTo(Windows.all(BERLIN))
                .hasSameHashCodeAs(Windows.all(BERLIN))
                .isNotEqualTo(Windows.all(ZoneOffset.UTC))
                .isNotEqualTo(Windows.defaults());
    }

    static Stream<Arguments> everyWindowInEveryZone() {
        return Stream.of(ZoneOffset.UTC, BERLIN, ZoneId.of("America/New_York"))
                .flatMap(zone -> Windows.all(zone).specs().stream().map(spec -> Arguments.of(zone, spec.name(), spec)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyWindowInEveryZone")
    void shouldTileTimeWithoutGapsOrOverlapsWhenWindowsFollowEachOther(final ZoneId zone, final String name,
                                                                      final WindowSpec spec) {
        // Given the window holding an instant before the epoch, so that fixed windows cross it and calendar
        // windows cross many daylight-saving changes
        final long first = at("1969-06-15T12:34:56.789Z");
        long start = spec.startOf(first);
        assertThat(start).isLessThanOrEqualTo(first);

        for (int i = 0; i < 400; i++) {
            // When
            final long end = spec.endOf(start);

            // Then the window is not empty, holds its own start and last millisecond, and the next one starts at its end
            assertThat(end).as("window %d of %s", i, name).isGreaterThan(start);
            assertThat(spec.startOf(start)).as("window %d of %s", i, name).isEqualTo(start);
            assertThat(spec.startOf(end - 1)).as("window %d of %s", i, name).isEqualTo(start);
            assertThat(spec.startOf(end)).as("window %d of %s", i, name).isEqualTo(end);
            start = end;
        }
    }
}
