package com.salespulse.kpi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** How a KPI's numbers come from a bucket's measure totals (plain unit tests of Kpi, Formula, Expression, KpiValue). */
class KpiTest {

    @Test
    void shouldDivideRevenueByQuotaWhenTheAggregatorSetsAQuota() {
        // Given a rep's month bucket: revenue won 15,000.00 and a quota of 20,000.00, in 1/10,000 units
        final Measures month = new Measures().add(Measure.REVENUE_WON, 150_000_000L).add(Measure.QUOTA, 200_000_000L);

        // When
        final KpiValue value = kpi("quota_attainment").valueOf(month);

        // Then 15,000 / 20,000 = 0.75
        assertThat(value).isEqualTo(new KpiValue(15_000.0, 20_000.0, 0.75, false));
    }

    @Test
    void shouldGiveANullAttainmentWhenTheRepHasNoQuota() {
        // Given revenue 500.00 and no quota
        final Measures month = new Measures().add(Measure.REVENUE_WON, 5_000_000L);

        // When
        final KpiValue value = kpi("quota_attainment").valueOf(month);

        // Then 500 / 0: value null, not empty (published)
        assertThat(value.value()).isNull();
        assertThat(value.numerator()).isEqualTo(500.0);
        assertThat(value.isEmpty()).isFalse();
        // and a quota without revenue is 0 / quota = 0.0
        assertThat(kpi("quota_attainment").valueOf(new Measures().add(Measure.QUOTA, 10_000L)).value()).isEqualTo(0.0);
    }

    @Test
    void shouldBeEmptyOnlyAtZeroOverZeroForARatioAndAtZeroForACount() {
        // Given an empty bucket and a bucket with one lost deal
        final Measures none = new Measures();
        final Measures lost = new Measures().add(Measure.DEALS_LOST, 1);

        // Then win_rate is empty at 0/0 but not at 0/1; deals_won (a count) is empty at 0 with denominator 1
        assertThat(kpi("win_rate").isEmpty(none)).isTrue();
        assertThat(kpi("win_rate").valueOf(lost)).isEqualTo(new KpiValue(0.0, 1.0, 0.0, false));
        assertThat(kpi("deals_won").valueOf(lost)).isEqualTo(new KpiValue(0.0, 1.0, 0.0, true));
        assertThat(kpi("deals_lost").valueOf(lost)).isEqualTo(new KpiValue(1.0, 1.0, 1.0, false));
    }

    @Test
    void shouldWeighPromotersAndDetractorsByOneHundredWhenComputingNps() {
        // Given 4 responses: 1 promoter, 2 detractors
        final Measures responses = new Measures().add(Measure.NPS_RESPONSES, 4).add(Measure.NPS_PROMOTERS, 1)
                .add(Measure.NPS_DETRACTORS, 2);

        // When
        final KpiValue nps = kpi("nps").valueOf(responses);

        // Then 100 x (1 - 2) / 4 = -25
        assertThat(nps).isEqualTo(new KpiValue(-100.0, 4.0, -25.0, false));
        assertThat(kpi("nps").formula().describe()).isEqualTo("(100 * nps_promoters - 100 * nps_detractors) / nps_responses");
    }

    @Test
    void shouldConvertUnitsWhenMeasuresAreMillisecondsAndTenThousandths() {
        // Given 2 cycles of 1.5 and 2 days, and a margin over 1,234.5678 of revenue with 234.5678 of cost
        final Measures totals = new Measures()
                .add(Measure.SALES_CYCLE_MILLIS, 302_400_000L).add(Measure.SALES_CYCLE_DEALS, 2)
                .add(Measure.COSTED_REVENUE, 12_345_678L).add(Measure.COSTED_COST, 2_345_678L);

        // Then 3.5 days / 2 = 1.75; (1,234.5678 - 234.5678) / 1,234.5678 = 1,000 / 1,234.5678
        assertThat(kpi("sales_cycle_length").valueOf(totals)).isEqualTo(new KpiValue(3.5, 2.0, 1.75, false));
        final KpiValue margin = kpi("avg_profit_margin").valueOf(totals);
        assertThat(margin.numerator()).isEqualTo(1_000.0);
        assertThat(margin.denominator()).isEqualTo(1_234.5678);
        assertThat(margin.value()).isCloseTo(0.81000, within(1e-5));
    }

    @Test
    void shouldComputePipelineVelocityFromItsFourPartsWhenAllAreDefined() {
        // Given 6 opportunities, 2 won and 2 lost, revenue 9,000.00, cycles of 10 and 20 days
        final Measures totals = new Measures().add(Measure.OPPORTUNITIES_CREATED, 6).add(Measure.DEALS_WON, 2)
                .add(Measure.DEALS_LOST, 2).add(Measure.REVENUE_WON, 90_000_000L)
                .add(Measure.SALES_CYCLE_MILLIS, 30 * Expression.DAY).add(Measure.SALES_CYCLE_DEALS, 2);

        // When
        final KpiValue velocity = kpi("pipeline_velocity").valueOf(totals);

        // Then 6 x (2/4) x (9,000/2) = 13,500 over a mean of 15 days = 900 per day
        assertThat(velocity).isEqualTo(new KpiValue(13_500.0, 15.0, 900.0, false));
        // and with no decided deal nothing is defined: 0 / 0, empty
        assertThat(kpi("pipeline_velocity").valueOf(new Measures().add(Measure.OPPORTUNITIES_CREATED, 3)).isEmpty())
                .isTrue();
    }

    private static Kpi kpi(final String name) {
        return KpiCatalog.byName(name).orElseThrow();
    }
}
