package com.salespulse.app.bench;

import java.util.Arrays;

/**
 * Exact latency percentiles of a set of samples, by the nearest-rank method: the p-th percentile
 * is the smallest sample that at least p % of the samples are less than or equal to, i.e. the
 * sample at rank {@code ceil(p / 100 * n)} of the sorted samples. No interpolation and no
 * histogram buckets: every sample is kept and sorted, so the figures can be checked by hand.
 *
 * @param count how many samples there were
 * @param p50   median, in milliseconds (0 when there are no samples)
 * @param p99   99th percentile, in milliseconds
 * @param max   largest sample, in milliseconds
 */
public record LatencySummary(int count, long p50, long p99, long max) {

    /** Summarises {@code samples} (milliseconds); the array is sorted in place. */
    public static LatencySummary of(final long[] samples, final int count) {
        if (count < 0 || count > samples.length) {
            throw new IllegalArgumentException("count must be between 0 and the number of samples");
        }
        if (count == 0) {
            return new LatencySummary(0, 0, 0, 0);
        }
        Arrays.sort(samples, 0, count);
        return new LatencySummary(count, percentile(samples, count, 50), percentile(samples, count, 99),
                samples[count - 1]);
    }

    /** The nearest-rank {@code percent}-th percentile of the first {@code count} samples, already sorted. */
    static long percentile(final long[] sorted, final int count, final double percent) {
        if (!(percent > 0) || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]");
        }
        final int rank = (int) Math.ceil(percent / 100.0 * count - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
