package com.salespulse.kpi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a KPI threshold rule watches and how it judges a value. */
class KpiRuleTest {
    private static final KpiRule RESPONSE = new KpiRule("outreach", "response_rate", "team", null, "P1D",
            KpiRule.Direction.BELOW, 0.3, 20, 0.05);
    private static final KpiRule SLOW = new KpiRule("slow", "first_response_time", null, null, null,
            KpiRule.Direction.ABOVE, 600, 1, 60);

    @Test
    void shouldWatchOnlyItsKpiDimensionAndWindowWhenTheyAreGiven() {
        assertThat(RESPONSE.watches(change("response_rate", "team", "T1", "P1D", 0.2, 5, 25))).isTrue();
        assertThat(RESPONSE.watches(change("response_rate", "rep", "R1", "P1D", 0.2, 5, 25))).isFalse();
        assertThat(RESPONSE.watches(change("response_rate", "team", "T1", "PT1H", 0.2, 5, 25))).isFalse();
        assertThat(RESPONSE.watches(change("email_open_rate", "team", "T1", "P1D", 0.2, 5, 25))).isFalse();
        assertThat(SLOW.watches(change("first_response_time", "rep", "R7", "week", 700.0, 700, 1))).isTrue();
        // a rule for a KPI the catalog does not publish never watches anything
        assertThat(new KpiRule("x", "no_such_kpi", null, null, null, KpiRule.Direction.BELOW, 1, 0, 0)
                .watches(change("response_rate", "team", "T1", "P1D", 0.2, 5, 25))).isFalse();
    }

    @Test
    void shouldJudgeNothingWhenTheDenominatorIsBelowTheMinimumOrTheValueIsEmpty() {
        // 1 of 2 leads replied: 0.5 would be fine, 0.0 would page someone; neither is judged below 20 leads
        assertThat(RESPONSE.judges(change("response_rate", "team", "T1", "P1D", 0.0, 0, 2))).isFalse();
        assertThat(RESPONSE.judges(change("response_rate", "team", "T1", "P1D", 0.0, 0, 20))).isTrue();
        assertThat(RESPONSE.judges(change("response_rate", "team", "T1", "P1D", null, 0, 0))).isFalse();
    }

    @Test
    void shouldRecoverOnlyPastTheHysteresisWhenTheValueComesBack() {
        // below 0.3, back at 0.3 + 0.05
        assertThat(RESPONSE.crossedBy(0.29)).isTrue();
        assertThat(RESPONSE.crossedBy(0.3)).isFalse();
        assertThat(RESPONSE.recoveredBy(0.3)).isFalse();
        assertThat(RESPONSE.recoveredBy(0.34)).isFalse();
        assertThat(RESPONSE.recoveredBy(7 / 20.0)).isTrue();
        // above 600, back at 600 - 60
        assertThat(SLOW.crossedBy(600.5)).isTrue();
        assertThat(SLOW.crossedBy(600)).isFalse();
        assertThat(SLOW.recoveredBy(541)).isFalse();
        assertThat(SLOW.recoveredBy(540)).isTrue();
    }

    private static KpiChange change(final String kpi, final String dimension, final String value, final String window,
                                    final Double kpiValue, final double numerator, final double denominator) {
        return KpiChange.newBuilder().setKpi(kpi).setDimension(dimension).setDimensionValue(value).setWindow(window)
                .setWindowStart(Instant.parse("2026-11-02T00:00:00Z")).setWindowEnd(Instant.parse("2026-11-03T00:00:00Z"))
                .setValue(kpiValue).setNumerator(numerator).setDenominator(denominator).setUnit("ratio").setRevision(1L)
                .setEmittedAt(Instant.parse("2026-11-02T12:00:00Z")).build();
    }
}
