package com.salespulse.kpi.catalog;

/**
 * A KPI's numbers in one bucket.
 *
 * @param numerator   in the KPI's unit
 * @param denominator what the numerator is counted out of; 1 for a count or sum
 * @param value       numerator / denominator, null where the denominator is 0
 * @param empty       nothing has been counted: a ratio at 0 / 0, a count or sum at 0. An empty KPI is
 *                    not published in a bucket where it has never held anything
 */
public record KpiValue(double numerator, double denominator, Double value, boolean empty) {

    /** A ratio: see {@link #ratio(double, double)}. */
    public KpiValue(final double numerator, final double denominator) {
        this(numerator, denominator, denominator == 0 ? null : numerator / denominator,
                numerator == 0 && denominator == 0);
    }

    /** numerator / denominator; value null where the denominator is 0, empty at 0 / 0. */
    public static KpiValue ratio(final double numerator, final double denominator) {
        return new KpiValue(numerator, denominator);
    }

    /** A count or sum: denominator 1, value = numerator, empty at 0. */
    public static KpiValue total(final double amount) {
        return new KpiValue(amount, 1.0, amount, amount == 0);
    }

    /** True when nothing has been counted: such a KPI is not published until it has been once. */
    public boolean isEmpty() {
        return empty;
    }
}
