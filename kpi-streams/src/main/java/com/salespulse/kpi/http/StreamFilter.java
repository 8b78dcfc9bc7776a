package com.salespulse.kpi.http;

import java.util.Set;

/**
 * Which live events one client of {@code /api/stream} gets; an empty set lets everything through.
 *
 * @param types      kpi and/or alert
 * @param kpis       KPI names
 * @param dimensions dimension labels
 * @param values     dimension members
 * @param windows    window names
 */
public record StreamFilter(Set<String> types, Set<String> kpis, Set<String> dimensions, Set<String> values,
                           Set<String> windows) {

    public StreamFilter {
        types = Set.copyOf(types);
        kpis = Set.copyOf(kpis);
        dimensions = Set.copyOf(dimensions);
        values = Set.copyOf(values);
        windows = Set.copyOf(windows);
    }

    public boolean accepts(final LiveEvent event) {
        if (!admits(types, event.type())) {
            return false;
        }
        if (event.change() == null) {
            return true;
        }
        return admits(kpis, event.change().getKpi()) && admits(dimensions, event.change().getDimension())
                && admits(values, event.change().getDimensionValue()) && admits(windows, event.change().getWindow());
    }

    private static boolean admits(final Set<String> allowed, final String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }
}
