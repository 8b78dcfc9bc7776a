package com.salespulse.kpi.catalog;

/**
 * One KPI of the catalog: what it measures (its definition, as in docs/kpis.md), its family and
 * unit, and how it is computed from a bucket's measures: numerator measure / divisor over the
 * denominator measure.
 *
 * @param name        the name published in {@code KpiChange.kpi}
 * @param family      flow or cohort
 * @param unit        the unit of the value (seconds, ratio, ...)
 * @param numerator   the measure summed into the numerator
 * @param divisor     what the numerator measure is divided by to reach the unit (1000 for milliseconds to seconds)
 * @param denominator the measure summed into the denominator
 * @param definition  one paragraph, as in docs/kpis.md
 */
public record Kpi(String name, Family family, String unit, Measure numerator, long divisor, Measure denominator,
                  String definition) {

    /** The KPI's numbers in a bucket with these totals. */
    public KpiValue valueOf(final Measures totals) {
        final long rawNumerator = totals.get(numerator);
        final double scaledNumerator = divisor == 1 ? rawNumerator : rawNumerator / (double) divisor;
        return new KpiValue(scaledNumerator, totals.get(denominator));
    }
}
