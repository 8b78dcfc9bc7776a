package com.salespulse.kpi.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One KPI of the catalog: what it measures (its definition, as in docs/kpis.md), its family and
 * unit, how it is computed from a bucket's measures, and where it is published.
 *
 * @param name       the name published in {@code KpiChange.kpi}
 * @param family     flow or cohort
 * @param unit       the unit of the value (seconds, ratio, ...)
 * @param formula    how numerator, denominator and value come from the bucket's measure totals
 * @param dimensions the dimensions it is published for
 * @param windows    the names of the windows it is published in; empty means every window
 * @param definition one paragraph, as in docs/kpis.md
 */
public record Kpi(String name, Family family, String unit, Formula formula, Set<Dimension> dimensions,
                  Set<String> windows, String definition) {

    public Kpi {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException(name + " applies to no dimension");
        }
        dimensions = Collections.unmodifiableSet(EnumSet.copyOf(dimensions));
        windows = Collections.unmodifiableSet(new LinkedHashSet<>(windows));
    }

    /** A KPI of every dimension and window. */
    public Kpi(final String name, final Family family, final String unit, final Formula formula, final String definition) {
        this(name, family, unit, formula, EnumSet.allOf(Dimension.class), Set.of(), definition);
    }

    /** The same KPI, published for these dimensions only. */
    public Kpi onlyFor(final Dimension first, final Dimension... more) {
        return new Kpi(name, family, unit, formula, EnumSet.of(first, more), windows, definition);
    }

    /** The same KPI, published in these windows only. */
    public Kpi onlyIn(final String... windowNames) {
        return new Kpi(name, family, unit, formula, dimensions, Set.of(windowNames), definition);
    }

    /** Whether the KPI is published for buckets of this dimension and window. */
    public boolean appliesTo(final Dimension dimension, final String windowName) {
        return dimensions.contains(dimension) && (windows.isEmpty() || windows.contains(windowName));
    }

    /** The KPI's numbers in a bucket with these totals. */
    public KpiValue valueOf(final Measures totals) {
        return formula.valueOf(totals);
    }

    /** True when the KPI has counted nothing in a bucket with these totals (see {@link KpiValue#isEmpty()}). */
    public boolean isEmpty(final Measures totals) {
        return valueOf(totals).isEmpty();
    }

    /** Every measure the KPI reads. */
    /**
     * Whether published numbers say "nothing counted" (a count or sum at 0, a ratio at 0 / 0): such
     * a value is indistinguishable from a KPI that was never published in its bucket.
     */
    public boolean isEmpty(final double numerator, final double denominator) {
        return formula instanceof Formula.Total ? numerator == 0 : numerator == 0 && denominator == 0;
    }

    public Set<Measure> measures() {
        return formula.measures();
    }

    /** The dimension labels in catalog order, e.g. {@code [org, channel]}. */
    public List<String> dimensionLabels() {
        return dimensions.stream().map(Dimension::label).toList();
    }
}
