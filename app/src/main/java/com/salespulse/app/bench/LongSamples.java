package com.salespulse.app.bench;

import java.util.Arrays;

/** A growable array of {@code long} samples, without boxing; for one writer thread. */
final class LongSamples {
    private long[] values = new long[1 << 14];
    private int size;

    void add(final long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The summary of every sample added so far; sorts a copy, so adding may go on. */
    LatencySummary summary() {
        return LatencySummary.of(Arrays.copyOf(values, size), size);
    }
}
