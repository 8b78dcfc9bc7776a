package com.salespulse.kpi.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Prometheus registry SalesPulse serves: JVM and process meters bound, and the filters that keep
 * its scrape clean for {@code promtool check metrics} and its series bounded.
 *
 * <p>What the filters change, each found by linting a scrape of a running pipeline (MetricsScrapeIT):
 * <ul>
 *   <li>Kafka client meters measured in nanoseconds or milliseconds by name ({@code io-time-ns-total},
 *       {@code txn-commit-time-ns-total}, {@code blocked-time-ns-total}, {@code start-time-ms}, ...) and
 *       Micrometer's {@code process.cpu.time} (base unit {@code ns}) are denied: promlint rejects the
 *       abbreviated unit, and a filter can rename a meter but not rescale a function meter's value to
 *       seconds. Their ratios ({@code io-ratio}, {@code process.cpu.usage}, ...) stay.</li>
 *   <li>Gauges that end in {@code count} read as a summary's {@code _count}: Kafka's
 *       {@code connection-count} becomes {@code connections}, Kafka Streams' task
 *       {@code active-buffer-count} becomes {@code active.buffered.records}, Micrometer's
 *       {@code system.cpu.count} becomes {@code system.cpu.processors}.</li>
 *   <li>Kafka Streams' {@code number-open-files} of RocksDB stores is denied: deprecated in Kafka 4, it
 *       reads -1 once the store's statistics are recorded ({@code metrics.recording.level=DEBUG}), and
 *       as Micrometer binds it as a counter, a negative value makes every scrape fail.</li>
 *   <li>Kafka meters without a description (the per-broker {@code node-metrics}) get one, as promlint
 *       wants help text on every metric.</li>
 *   <li>Tags that would carry personal or per-record data are dropped, and {@code salespulse.kpi.value}
 *       gauges exist only for the bounded dimensions: one series per rep or lead would grow with the
 *       roster and the leads.</li>
 * </ul>
 * Kafka's own tags (client, thread, task, topic, partition, node) are kept: they are bounded by the
 * deployment.
 */
public final class PrometheusMeters {
    /**
     * Tag keys that name a lead, a person, a rep or a single record; no meter may carry them. Dropping the
     * tag merges the series it would have split.
     */
    static final List<String> PERSONAL_TAGS = List.of("leadId", "lead.id", "lead_id", "eventId", "event.id", "event_id",
            "email", "phone", "repId", "rep.id", "rep_id", "opportunityId", "opportunity.id", "opportunity_id");
    static final String KPI_VALUE_METER = "salespulse.kpi.value";
    /** The dimensions a KPI gauge may have: few members each. Reps are as many as the roster. */
    static final Set<String> KPI_VALUE_DIMENSIONS = Set.of("org", "region", "team", "channel");

    private static final String KAFKA_PREFIX = "kafka.";
    private static final Set<String> ABBREVIATED_TIME_UNITS = Set.of("ns", "ms");
    /**
     * RocksDB's open files, a gauge Kafka exposes as a cumulative sum. Since Kafka 4.0 it is deprecated and
     * reads -1 (RocksDB no longer counts closed files): Micrometer binds it as a counter, and one negative
     * counter fails the whole scrape.
     */
    private static final String ROCKSDB_OPEN_FILES = "kafka.stream.state.number.open.files";
    /** Every Kafka client's (admin, consumer, producer) {@code connection-count}. */
    private static final String CONNECTION_COUNT = ".connection.count";
    private static final Map<String, String> COUNT_GAUGE_RENAMES = Map.of(
            "kafka.stream.task.active.buffer.count", "kafka.stream.task.active.buffered.records",
            "system.cpu.count", "system.cpu.processors");

    private PrometheusMeters() {
    }

    /** A registry with the filters and the JVM, process and system meters. */
    public static PrometheusMeterRegistry create() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Filters apply only to meters registered after them: before any binder.
        filters().forEach(registry.config()::meterFilter);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    /** The filters of {@link #create()}, in the order they apply. */
    static List<MeterFilter> filters() {
        return List.of(
                MeterFilter.ignoreTags(PERSONAL_TAGS.toArray(String[]::new)),
                MeterFilter.deny(PrometheusMeters::isKpiValueOfUnboundedDimension),
                MeterFilter.deny(PrometheusMeters::hasAbbreviatedTimeUnit),
                MeterFilter.deny(id -> ROCKSDB_OPEN_FILES.equals(id.getName())),
                renameCountGauges(),
                describeKafkaMeters());
    }

    private static boolean isKpiValueOfUnboundedDimension(final Meter.Id id) {
        final String dimension = id.getTag("dimension");
        return KPI_VALUE_METER.equals(id.getName()) && dimension != null && !KPI_VALUE_DIMENSIONS.contains(dimension);
    }

    private static boolean hasAbbreviatedTimeUnit(final Meter.Id id) {
        if ("process.cpu.time".equals(id.getName())) {
            return true;
        }
        return id.getName().startsWith(KAFKA_PREFIX)
                && Arrays.stream(id.getName().split("\\.")).anyMatch(ABBREVIATED_TIME_UNITS::contains);
    }

    private static MeterFilter renameCountGauges() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(final Meter.Id id) {
                final String renamed = COUNT_GAUGE_RENAMES.get(id.getName());
                if (renamed != null) {
                    return id.withName(renamed);
                }
                if (id.getName().startsWith(KAFKA_PREFIX) && id.getName().endsWith(CONNECTION_COUNT)) {
                    return id.withName(id.getName().substring(0, id.getName().length() - CONNECTION_COUNT.length())
                            + ".connections");
                }
                return id;
            }
        };
    }

    private static MeterFilter describeKafkaMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(final Meter.Id id) {
                final String description = id.getDescription();
                if (!id.getName().startsWith(KAFKA_PREFIX) || (description != null && !description.isBlank())) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                        "Kafka client metric " + id.getName().substring(KAFKA_PREFIX.length()), id.getType());
            }
        };
    }
}
