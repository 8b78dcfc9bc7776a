package com.salespulse.kpi.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamFilterTest {
    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private static LiveEvent kpi(final String kpi, final String dimension, final String value, final String window) {
        final KpiChange change = new KpiChange(kpi, dimension, value, window, T0, T0.plusSeconds(86_400), 1.0, 1.0, 1.0,
                "count", null, 1L, false, T0);
        return new LiveEvent(LiveEvent.KPI, "{}", change);
    }

    private static final LiveEvent ALERT = new LiveEvent(LiveEvent.ALERT, "{}", null);

    @Test
    void shouldLetEverythingThroughWhenNothingIsFiltered() {
        final StreamFilter filter = new StreamFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

        assertThat(filter.accepts(kpi("win_rate", "rep", "R1", "P1D"))).isTrue();
        assertThat(filter.accepts(ALERT)).isTrue();
    }

    @Test
    void shouldKeepOnlyMatchingKpiChangesWhenEveryFieldIsFiltered() {
        final StreamFilter filter = new StreamFilter(Set.of(), Set.of("win_rate", "deals_won"), Set.of("team"),
                Set.of("T1"), Set.of("P1D"));

        assertThat(filter.accepts(kpi("win_rate", "team", "T1", "P1D"))).isTrue();
        assertThat(filter.accepts(kpi("deals_won", "team", "T1", "P1D"))).isTrue();
        assertThat(filter.accepts(kpi("leads_created", "team", "T1", "P1D"))).isFalse();
        assertThat(filter.accepts(kpi("win_rate", "rep", "T1", "P1D"))).isFalse();
        assertThat(filter.accepts(kpi("win_rate", "team", "T2", "P1D"))).isFalse();
        assertThat(filter.accepts(kpi("win_rate", "team", "T1", "PT1H"))).isFalse();
        // Alerts carry no KPI key: only the type filter applies to them
        assertThat(filter.accepts(ALERT)).isTrue();
    }

    @Test
    void shouldDropTheOtherKindWhenTypesAreFiltered() {
        final StreamFilter alertsOnly = new StreamFilter(Set.of(LiveEvent.ALERT), Set.of(), Set.of(), Set.of(), Set.of());

        assertThat(alertsOnly.accepts(ALERT)).isTrue();
        assertThat(alertsOnly.accepts(kpi("win_rate", "org", "all", "P1D"))).isFalse();
    }
}
