package com.salespulse.kpi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.kpi.catalog.FirstResponseBands.Band;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first-response bands of docs/kpis.md: lower bound inclusive, upper bound exclusive. */
class FirstResponseBandsTest {

    @Test
    void shouldListTheSixBandsShortestFirstWhenAskedForAll() {
        // When
        final List<Band> bands = FirstResponseBands.all();

        // Then the labels and bounds the API serves, each counted by its own flow measure, none read by a KPI
        assertThat(bands).extracting(Band::label)
                .containsExactly("< 5 min", "5-15 min", "15-60 min", "1-4 h", "4-24 h", "≥ 1 day");
        assertThat(bands).extracting(Band::upToSeconds).containsExactly(300L, 900L, 3_600L, 14_400L, 86_400L, null);
        assertThat(bands).extracting(Band::measure).doesNotHaveDuplicates()
                .allMatch(measure -> measure.family() == Family.FLOW);
        assertThat(KpiCatalog.all()).allMatch(kpi -> bands.stream().noneMatch(band -> kpi.measures().contains(band.measure())));
    }

    @Test
    void shouldPutABoundaryInTheBandItStartsWhenTheTimeIsExactlyOnIt() {
        // Then each bound belongs to the band above it; a millisecond less to the band below
        assertThat(label(Duration.ZERO)).isEqualTo("< 5 min");
        assertThat(label(Duration.ofMinutes(5).minusMillis(1))).isEqualTo("< 5 min");
        assertThat(label(Duration.ofMinutes(5))).isEqualTo("5-15 min");
        assertThat(label(Duration.ofMinutes(15).minusMillis(1))).isEqualTo("5-15 min");
        assertThat(label(Duration.ofMinutes(15))).isEqualTo("15-60 min");
        assertThat(label(Duration.ofHours(1))).isEqualTo("1-4 h");
        assertThat(label(Duration.ofHours(4))).isEqualTo("4-24 h");
        assertThat(label(Duration.ofDays(1).minusMillis(1))).isEqualTo("4-24 h");
        assertThat(label(Duration.ofDays(1))).isEqualTo("≥ 1 day");
        assertThat(label(Duration.ofDays(400))).isEqualTo("≥ 1 day");
    }

    @Test
    void shouldRefuseATimeWhenItIsNegative() {
        // When / Then a negative time is never measured, so it has no band
        assertThatThrownBy(() -> FirstResponseBands.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String label(final Duration waited) {
        return FirstResponseBands.of(waited.toMillis()).label();
    }
}
