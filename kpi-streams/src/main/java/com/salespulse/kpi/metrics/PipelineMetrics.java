package com.salespulse.kpi.metrics;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import com.salespulse.kpi.catalog.Dimension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SalesPulse's own meters, counted inside the KPI topology (DESIGN.md §8). Every tag is bounded: event
 * type, event source, dimension kind, alert kind, region, and for the KPI value gauges the members of every
 * dimension but {@code rep}. No lead id, no payload.
 *
 * <ul>
 *   <li>{@value #EVENTS_PROCESSED}{type}: events journey-update accepted (valid and on time)</li>
 *   <li>{@value #DUPLICATES}{source}: deliveries dropped as repeats within the dedup horizon: events whose eventId
 *       event-dedup had seen, and web-form submissions whose submissionId webform-normalise had seen</li>
 *   <li>{@value #KPI_CHANGES}{dimension, final}: KpiChanges bucket-aggregate published</li>
 *   <li>{@value #KPI_LATENCY}: from the earliest occurredAt a KpiChange reflects to its emittedAt</li>
 *   <li>{@value #ALERTS}{kind}: alerts written to sales.alerts, SLA and KPI-threshold</li>
 *   <li>{@value #SLA_BREACHES}{region}: the SLA_BREACHED ones among them</li>
 *   <li>{@value #LATE_EVENTS}: events dead-lettered as late (counted by the dead-letter handler)</li>
 *   <li>{@value #KPI_VALUE}{kpi, dimension, value, window}: the value last published in the newest window</li>
 * </ul>
 *
 * <p>One instance serves every task of a pipeline: the meters are thread-safe, and the maps built here are
 * only read afterwards.
 */
public final class PipelineMetrics {
    public static final String EVENTS_PROCESSED = "salespulse.events.processed";
    public static final String KPI_CHANGES = "salespulse.kpi.changes";
    public static final String KPI_LATENCY = "salespulse.kpi.latency";
    public static final String ALERTS = "salespulse.alerts";
    public static final String SLA_BREACHES = "salespulse.sla.breaches";
    public static final String LATE_EVENTS = "salespulse.late.events";
    public static final String KPI_VALUE = "salespulse.kpi.value";
    public static final String DUPLICATES = "salespulse.duplicates";

    /** The source tag of a duplicate whose event names no source. */
    public static final String UNKNOWN_SOURCE = "unknown";

    /** The region tag of a breach whose lead has no region and whose owner has none in the roster. */
    public static final String UNKNOWN_REGION = Dimension.UNKNOWN;

    /** Prometheus buckets ({@code salespulse_kpi_latency_seconds_bucket}) instead of a full percentile histogram. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Map<EventType, Counter> processed = new EnumMap<>(EventType.class);
    private final Map<String, Counter> changes = new HashMap<>();
    private final Map<AlertKind, Counter> alerts = new EnumMap<>(AlertKind.class);
    private final Map<EventSource, Counter> duplicates = new EnumMap<>(EventSource.class);
    private final Counter unknownSourceDuplicates;
    private final Timer latency;
    private final KpiGauges gauges;

    public PipelineMetrics(final MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so that every type, dimension and kind is exported from 0 rather than from its first count.
        for (final EventType type : EventType.values()) {
            processed.put(type, Counter.builder(EVENTS_PROCESSED)
                    .description("Events the journey processor accepted (valid and on time), by event type")
                    .tag("type", type.name())
                    .register(registry));
        }
        for (final Dimension dimension : Dimension.values()) {
            for (final boolean isFinal : new boolean[] {false, true}) {
                changes.put(changeKey(dimension.label(), isFinal), Counter.builder(KPI_CHANGES)
                        .description("KpiChanges published on sales.kpi-changes, by dimension kind and finality")
                        .tag("dimension", dimension.label())
                        .tag("final", Boolean.toString(isFinal))
                        .register(registry));
            }
        }
        for (final AlertKind kind : AlertKind.values()) {
            alerts.put(kind, Counter.builder(ALERTS)
                    .description("Alerts written to sales.alerts (SLA and KPI threshold), by kind")
                    .tag("kind", kind.name())
                    .register(registry));
        }
        for (final EventSource source : EventSource.values()) {
            duplicates.put(source, duplicateCounter(registry, source.name().toLowerCase(Locale.ROOT)));
        }
        this.unknownSourceDuplicates = duplicateCounter(registry, UNKNOWN_SOURCE);
        this.latency = Timer.builder(KPI_LATENCY)
                .description("Time from the earliest occurredAt of the events a KpiChange reflects to its emittedAt")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.gauges = new KpiGauges(registry);
        lateEvents(registry);
    }

    /** Meters that count into a registry nobody reads: the default when the pipeline is given none. */
    public static PipelineMetrics none() {
        return new PipelineMetrics(new SimpleMeterRegistry());
    }

    /**
     * The late-event counter in {@code registry}. The dead-letter handler, which Kafka Streams creates from
     * configuration, counts it in the registry its configuration carries, as it does the dead-letter counter.
     */
    public static Counter lateEvents(final MeterRegistry registry) {
        return Counter.builder(LATE_EVENTS)
                .description("Events dead-lettered as late: older than the grace period behind their partition's event time")
                .register(registry);
    }

    /**
     * A delivery dropped as a repeat: an event whose eventId was seen within the dedup horizon, or a web-form
     * submission whose submissionId was.
     *
     * @param source where it came from; null when the event names no source
     */
    public void duplicate(final EventSource source) {
        (source == null ? unknownSourceDuplicates : duplicates.get(source)).increment();
    }

    /** An event the journey processor accepted. */
    public void eventProcessed(final EventType type) {
        processed.get(type).increment();
    }

    /**
     * A KpiChange bucket-aggregate published.
     *
     * @param earliestEventAt epoch millis of the earliest occurredAt the change reflects (its
     *                        {@code salespulse.event-time} header); null for a final republication, which reflects no
     *                        new event
     */
    public void kpiChangePublished(final KpiChange change, final Long earliestEventAt) {
        changes.get(changeKey(change.getDimension(), change.getFinal$())).increment();
        if (earliestEventAt != null) {
            final long millis = change.getEmittedAt().toEpochMilli() - earliestEventAt;
            // Negative when an event is dated ahead of the clock that stamps emittedAt: no latency to speak of.
            if (millis >= 0) {
                latency.record(millis, TimeUnit.MILLISECONDS);
            }
        }
        gauges.published(change);
    }

    /** An alert on its way to sales.alerts. */
    public void alertWritten(final Alert alert) {
        alerts.get(alert.getKind()).increment();
        if (alert.getKind() == AlertKind.SLA_BREACHED) {
            Counter.builder(SLA_BREACHES)
                    .description("Leads whose first-response SLA was breached (SLA_BREACHED alerts), by the lead's region")
                    .tag("region", alert.getRegion() == null ? UNKNOWN_REGION : alert.getRegion())
                    .register(registry)
                    .increment();
        }
    }

    private static Counter duplicateCounter(final MeterRegistry registry, final String source) {
        return Counter.builder(DUPLICATES)
                .description("Deliveries dropped as repeats within the dedup horizon (same eventId, or same web-form "
                        + "submissionId), by source")
                .tag("source", source)
                .register(registry);
    }

    private static String changeKey(final String dimension, final boolean isFinal) {
        return dimension + '|' + isFinal;
    }
}
