package com.salespulse.kpi.topology;

import com.salespulse.kpi.window.Windows;
import java.time.Clock;
import java.time.Duration;

/**
 * What shapes the KPI topology besides its topics.
 *
 * @param windows       the windows every KPI is published in
 * @param flushInterval how long bucket changes are combined before they cross the repartition topic;
 *                      the commit interval is a good value: shorter sends more records, longer adds latency
 * @param clock         the wall clock stamped on {@code KpiChange.emittedAt}
 */
public record PipelineOptions(Windows windows, Duration flushInterval, Clock clock) {

    public static PipelineOptions defaults() {
        return new PipelineOptions(Windows.defaults(), Duration.ofMillis(100), Clock.systemUTC());
    }

    public PipelineOptions withFlushInterval(final Duration interval) {
        return new PipelineOptions(windows, interval, clock);
    }

    public PipelineOptions withClock(final Clock newClock) {
        return new PipelineOptions(windows, flushInterval, newClock);
    }
}
