package com.salespulse.kpi.window;

/** A way of cutting event time into windows: a fixed duration or a calendar period. */
public interface WindowSpec {

    /** The name published in {@code KpiChange.window}: an ISO-8601 duration or a calendar name. */
    String name();

    /** Start (epoch millis, inclusive) of the window holding {@code epochMillis}. */
    long startOf(long epochMillis);

    /** End (epoch millis, exclusive) of the window starting at {@code windowStart}. */
    long endOf(long windowStart);
}
