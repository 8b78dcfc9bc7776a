package com.salespulse.kpi.window;

import java.time.Duration;

/** A way of cutting event time into windows: a fixed duration or a calendar period. */
public interface WindowSpec {

    /** The name published in {@code KpiChange.window}: an ISO-8601 duration or a calendar name. */
    String name();

    /** Start (epoch millis, inclusive) of the window holding {@code epochMillis}. */
    long startOf(long epochMillis);

    /** End (epoch millis, exclusive) of the window starting at {@code windowStart}. */
    long endOf(long windowStart);

    /**
     * The longest duration whose multiples, counted from the epoch, include every boundary of these
     * windows: a span of that length that starts on such a multiple lies whole in one window.
     */
    Duration grain();
}
