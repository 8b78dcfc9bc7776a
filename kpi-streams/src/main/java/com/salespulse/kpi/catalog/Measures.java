package com.salespulse.kpi.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A mutable vector of {@link Measure} values, indexed by measure. */
public final class Measures {
    private final long[] values;

    public Measures() {
        this.values = new long[Measure.count()];
    }

    private Measures(final long[] values) {
        this.values = values;
    }

    public long get(final Measure measure) {
        return values[measure.ordinal()];
    }

    public Measures add(final Measure measure, final long amount) {
        values[measure.ordinal()] += amount;
        return this;
    }

    /** Counts one of {@code measure} when {@code counts} holds. */
    public Measures addOneIf(final Measure measure, final boolean counts) {
        return counts ? add(measure, 1) : this;
    }

    public Measures plus(final Measures other) {
        for (int i = 0; i < values.length; i++) {
            values[i] += other.values[i];
        }
        return this;
    }

    public Measures minus(final Measures other) {
        for (int i = 0; i < values.length; i++) {
            values[i] -= other.values[i];
        }
        return this;
    }

    /** Sets every measure of {@code family} to 0. */
    public Measures without(final Family family) {
        for (int i = 0; i < values.length; i++) {
            if (Measure.byOrdinal(i).family() == family) {
                values[i] = 0;
            }
        }
        return this;
    }

    public Measures copy() {
        return new Measures(values.clone());
    }

    public boolean isZero() {
        for (final long value : values) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }

    /** The non-zero values by {@link Measure#key()}. */
    public Map<String, Long> toMap() {
        final Map<String, Long> map = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                map.put(Measure.byOrdinal(i).key(), values[i]);
            }
        }
        return map;
    }

    /** Reads {@link #toMap()}'s form; keys of measures this version does not know are ignored. */
    public static Measures fromMap(final Map<String, Long> map) {
        final Measures measures = new Measures();
        for (final Map.Entry<String, Long> entry : map.entrySet()) {
            final Measure measure = Measure.byKey(entry.getKey());
            if (measure != null) {
                measures.add(measure, entry.getValue());
            }
        }
        return measures;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Measures measures && Arrays.equals(values, measures.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
