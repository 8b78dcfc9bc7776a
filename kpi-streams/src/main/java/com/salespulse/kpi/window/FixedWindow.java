package com.salespulse.kpi.window;

import java.time.Duration;

/** Tumbling windows of a fixed duration, aligned to the UTC epoch. */
public record FixedWindow(Duration size) implements WindowSpec {
    public static final FixedWindow HOUR = new FixedWindow(Duration.ofHours(1));
    public static final FixedWindow DAY = new FixedWindow(Duration.ofDays(1));

    @Override
    public String name() {
        return size.toDays() > 0 && size.equals(Duration.ofDays(size.toDays())) ? "P" + size.toDays() + "D" : size.toString();
    }

    @Override
    public long startOf(final long epochMillis) {
        return Math.floorDiv(epochMillis, size.toMillis()) * size.toMillis();
    }

    @Override
    public long endOf(final long windowStart) {
        return windowStart + size.toMillis();
    }

    @Override
    public Duration grain() {
        return size;
    }
}
