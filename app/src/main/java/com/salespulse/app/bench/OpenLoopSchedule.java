package com.salespulse.app.bench;

import java.time.Duration;

/**
 * When each send of an open-loop load is due: the i-th send at {@code start + i / rate}, whatever
 * happened to the sends before it. A sender that falls behind sends late but never skips a send
 * or shifts the ones after it, so a stall shows up in the measured latency instead of hiding
 * behind a slower offered rate (coordinated omission).
 *
 * @param ratePerSecond sends per second, &gt; 0
 * @param warmUp        the first part of the run, whose results are not measured
 * @param measured      the part that is measured, after the warm-up
 */
public record OpenLoopSchedule(double ratePerSecond, Duration warmUp, Duration measured) {
    private static final double NANOS_PER_SECOND = 1e9;

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("the rate must be a positive number of events per second");
        }
        if (warmUp.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("the warm-up must not be negative and the measured time must be positive");
        }
    }

    /** How many sends the whole run (warm-up and measured part) holds. */
    public long sends() {
        return (long) Math.ceil(ratePerSecond * seconds(warmUp.plus(measured)) - 1e-9);
    }

    /** How long after the start send {@code i} (counting from 0) is due, in nanoseconds. */
    public long dueNanos(final long i) {
        return Math.round(i * NANOS_PER_SECOND / ratePerSecond);
    }

    /** How long after the start send {@code i} is due, in whole milliseconds (event times are millis). */
    public long dueMillis(final long i) {
        return dueNanos(i) / 1_000_000;
    }

    /** True when a send due {@code offsetMillis} after the start falls in the measured part. */
    public boolean isMeasured(final long offsetMillis) {
        return offsetMillis >= warmUp.toMillis();
    }

    private static double seconds(final Duration duration) {
        return duration.toNanos() / NANOS_PER_SECOND;
    }
}
