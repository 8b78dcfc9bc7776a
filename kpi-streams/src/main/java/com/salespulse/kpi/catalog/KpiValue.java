package com.salespulse.kpi.catalog;

/** A KPI's numbers in one bucket: value is numerator / denominator, undefined where the denominator is 0. */
public record KpiValue(double numerator, double denominator) {

    /** numerator / denominator, or null where the denominator is 0. */
    public Double value() {
        return denominator == 0 ? null : numerator / denominator;
    }

    /** True when nothing has been counted: such a KPI is not published until it has been once. */
    public boolean isEmpty() {
        return numerator == 0 && denominator == 0;
    }
}
