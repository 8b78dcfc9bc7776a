package com.salespulse.kpi.catalog;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code pipeline_velocity}: opportunities created × win_rate × avg_deal_size / mean
 * sales_cycle_length, all four of the same bucket, in money per day.
 *
 * <p>numerator = opportunities × won / (won + lost) × revenue / won = opportunities × revenue /
 * (won + lost), in money (0 while no deal is won or lost); denominator = mean sales cycle in days (0
 * while no cycle is measured). A cycle is only measured at a DEAL_WON, so a denominator above 0 means
 * win_rate and avg_deal_size are defined: the value is null exactly when some part is undefined.
 * Neither number re-aggregates across buckets by summing, unlike those of the linear KPIs.
 */
public final class PipelineVelocity implements Formula {
    static final PipelineVelocity INSTANCE = new PipelineVelocity();

    private PipelineVelocity() {
    }

    @Override
    public KpiValue valueOf(final Measures totals) {
        final long decided = totals.get(Measure.DEALS_WON) + totals.get(Measure.DEALS_LOST);
        final double numerator = decided == 0 ? 0
                : totals.get(Measure.OPPORTUNITIES_CREATED) * (totals.get(Measure.REVENUE_WON) / (double) Expression.MONEY)
                        / decided;
        final long cycles = totals.get(Measure.SALES_CYCLE_DEALS);
        final double denominator = cycles == 0 ? 0
                : totals.get(Measure.SALES_CYCLE_MILLIS) / (double) Expression.DAY / cycles;
        return KpiValue.ratio(numerator, denominator);
    }

    @Override
    public Set<Measure> measures() {
        return EnumSet.of(Measure.OPPORTUNITIES_CREATED, Measure.DEALS_WON, Measure.DEALS_LOST, Measure.REVENUE_WON,
                Measure.SALES_CYCLE_MILLIS, Measure.SALES_CYCLE_DEALS);
    }

    @Override
    public String describe() {
        return "(opportunities_created * revenue_won / 10000 / (deals_won + deals_lost))"
                + " / (sales_cycle_millis / 86400000 / sales_cycle_deals)";
    }
}
