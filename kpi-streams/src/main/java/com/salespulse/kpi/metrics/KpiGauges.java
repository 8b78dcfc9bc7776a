package com.salespulse.kpi.metrics;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.catalog.Dimension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@value PipelineMetrics#KPI_VALUE} gauges: per KPI, dimension member and window kind, the value last
 * published in the newest window seen (the largest windowStart), NaN while that value is null. A change of an
 * older window (a late event, a final republication) leaves the gauge alone.
 *
 * <p>Only org, region, channel and team: reps are too many to be tags. Each gauge is registered once, when its
 * series first publishes; the map holds the strong reference Micrometer's gauges do not.
 */
final class KpiGauges {
    private static final Set<Dimension> GAUGED = EnumSet.of(Dimension.ORG, Dimension.REGION, Dimension.CHANNEL,
            Dimension.TEAM);

    private final MeterRegistry registry;
    private final ConcurrentMap<Series, Newest> series = new ConcurrentHashMap<>();

    /** One gauge's tags. */
    private record Series(String kpi, String dimension, String value, String window) {
    }

    KpiGauges(final MeterRegistry registry) {
        this.registry = registry;
    }

    void published(final KpiChange change) {
        if (!GAUGED.contains(Dimension.fromLabel(change.getDimension()))) {
            return;
        }
        series.computeIfAbsent(new Series(change.getKpi(), change.getDimension(), change.getDimensionValue(),
                        change.getWindow()), this::register)
                .offer(change.getWindowStart().toEpochMilli(), change.getValue());
    }

    private Newest register(final Series tags) {
        final Newest newest = new Newest();
        Gauge.builder(PipelineMetrics.KPI_VALUE, newest, Newest::value)
                .description("The value of a KPI last published for a dimension member in its newest window"
                        + " (NaN while empty); not for reps")
                .tag("kpi", tags.kpi())
                .tag("dimension", tags.dimension())
                .tag("value", tags.value())
                .tag("window", tags.window())
                .register(registry);
        return newest;
    }

    /** The value of the newest window: written by the bucket task that owns the series, read by scrapes. */
    private static final class Newest {
        private long windowStart = Long.MIN_VALUE;
        private double value = Double.NaN;

        synchronized void offer(final long start, final Double published) {
            if (start >= windowStart) {
                windowStart = start;
                value = published == null ? Double.NaN : published;
            }
        }

        synchronized double value() {
            return value;
        }
    }
}
