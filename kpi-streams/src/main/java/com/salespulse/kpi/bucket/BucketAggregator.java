package com.salespulse.kpi.bucket;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Family;
import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.catalog.KpiValue;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.money.CurrencyRates;
import com.salespulse.kpi.topology.PipelineOptions;
import com.salespulse.kpi.window.WindowSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Adds bucket changes to the bucket's measure totals and publishes a {@link KpiChange} for every
 * KPI whose numbers moved: its value, numerator or denominator. A consumer that re-aggregates
 * ratios across buckets needs the current numerator and denominator, so a change of those with an
 * unchanged value is published too; a bucket change that moves none of a KPI's numbers publishes
 * nothing for it. A KPI that has never had a non-zero number in a bucket is not published there.
 *
 * <p>Windows close on watermarks: once every source partition's watermark has passed a window's
 * end, its flow KPIs are published once more with {@code final: true}; once it has passed the end
 * plus the cohort horizon, its cohort KPIs are, and the window's buckets are deleted.
 *
 * <p>A KpiChange's record timestamp is when it was computed; the header {@value #EVENT_TIME_HEADER}
 * holds the earliest {@code occurredAt} of the events it reflects, for end-to-end latency.
 *
 * <p>Every published change is counted in {@link com.salespulse.kpi.metrics.PipelineMetrics}: the change
 * count, the latency from that earliest event to {@code emittedAt}, and the KPI value gauges.
 */
public final class BucketAggregator implements Processor<String, MeasureDelta, String, KpiChange> {
    public static final String EVENT_TIME_HEADER = "salespulse.event-time";
    private static final long FLOW_CLOSED = 1L;
    private static final String QUOTA_WINDOW = "month";

    private final BucketStores stores;
    private final PipelineOptions options;

    private ProcessorContext<String, KpiChange> context;
    private KeyValueStore<String, BucketState> buckets;
    private KeyValueStore<String, Long> watermarks;
    private KeyValueStore<String, Long> openWindows;
    private KeyValueStore<String, ValueAndTimestamp<Rep>> reps;
    private long closedUpTo = Long.MIN_VALUE;

    /** The names of the stores the processor uses; {@code reps} is the roster's global store. */
    public record BucketStores(String buckets, String watermarks, String openWindows, String reps) {
    }

    public BucketAggregator(final BucketStores stores, final PipelineOptions options) {
        this.stores = stores;
        this.options = options;
    }

    @Override
    public void init(final ProcessorContext<String, KpiChange> processorContext) {
        this.context = processorContext;
        this.buckets = processorContext.getStateStore(stores.buckets());
        this.watermarks = processorContext.getStateStore(stores.watermarks());
        this.openWindows = processorContext.getStateStore(stores.openWindows());
        this.reps = processorContext.getStateStore(stores.reps());
        this.closedUpTo = everyPartitionWatermark();
    }

    @Override
    public void process(final Record<String, MeasureDelta> record) {
        if (Watermarks.isWatermark(record.key())) {
            advance(Watermarks.sourcePartition(record.key()), record.value().watermark());
            return;
        }
        final BucketKey bucket = BucketKey.decode(record.key());
        add(bucket, options.windows().byName(bucket.window()), record.value());
    }

    /** Adds a change to a window's bucket and publishes the KPIs it moved. */
    private void add(final BucketKey bucket, final WindowSpec window, final MeasureDelta delta) {
        final String key = bucket.encode();
        final BucketState state = buckets.get(key);
        final Measures before = state == null ? new Measures() : Measures.fromMap(state.getTotals());
        final Map<String, Long> revisions = state == null ? new HashMap<>() : new HashMap<>(state.getRevisions());
        final Measures after = before.copy().plus(isCohortFinal(window, bucket.windowStart())
                ? delta.measures().copy().without(Family.COHORT) : delta.measures());
        if (QUOTA_WINDOW.equals(bucket.window())) {
            after.add(Measure.QUOTA, quota(bucket) - after.get(Measure.QUOTA));
        }
        if (after.equals(before) && state != null) {
            return;
        }
        for (final Kpi kpi : KpiCatalog.all()) {
            if (kpi.appliesTo(bucket.dimension(), bucket.window())) {
                final KpiValue previous = kpi.valueOf(before);
                final KpiValue current = kpi.valueOf(after);
                if (!current.equals(previous)) {
                    publish(kpi, bucket, previous, current, revisions, false, delta.earliestEventAt());
                }
            }
        }
        buckets.put(key, new BucketState(after.toMap(), revisions));
        final String windowKey = windowKey(bucket.window(), bucket.windowStart());
        if (state == null && openWindows.get(windowKey) == null) {
            openWindows.put(windowKey, 0L);
        }
    }

    /**
     * Whether the window's cohort KPIs were published final (every partition past its end plus the
     * cohort horizon): a closed window never changes, so a cohort change reaching it is not counted.
     */
    private boolean isCohortFinal(final WindowSpec window, final long windowStart) {
        return closedUpTo != Long.MIN_VALUE
                && window.endOf(windowStart) <= closedUpTo + options.grace().toMillis() - options.cohortHorizon().toMillis();
    }

    /**
     * The monthly quota of a rep bucket (the rep's) or a team bucket (the sum of its reps') from the
     * roster, in 1/10,000 of the reporting currency; 0 for other buckets and reps without a quota.
     * It is read again whenever the bucket changes, so a roster change shows at the next change.
     */
    private long quota(final BucketKey bucket) {
        BigDecimal total = BigDecimal.ZERO;
        if (bucket.dimension() == Dimension.REP) {
            final ValueAndTimestamp<Rep> rep = reps.get(bucket.value());
            if (rep != null && rep.value().getMonthlyQuota() != null) {
                total = rep.value().getMonthlyQuota();
            }
        } else if (bucket.dimension() == Dimension.TEAM) {
            try (KeyValueIterator<String, ValueAndTimestamp<Rep>> roster = reps.all()) {
                while (roster.hasNext()) {
                    final Rep rep = roster.next().value.value();
                    if (bucket.value().equals(rep.getTeamId()) && rep.getMonthlyQuota() != null) {
                        total = total.add(rep.getMonthlyQuota());
                    }
                }
            }
        }
        return total.movePointRight(CurrencyRates.SCALE).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Records a source partition's watermark and closes the windows every partition has passed. */
    private void advance(final int sourcePartition, final long watermark) {
        final String key = Integer.toString(sourcePartition);
        final Long known = watermarks.get(key);
        if (known != null && known >= watermark) {
            return;
        }
        watermarks.put(key, watermark);
        final long everyPartition = everyPartitionWatermark();
        if (everyPartition > closedUpTo) {
            closedUpTo = everyPartition;
            close(everyPartition);
        }
    }

    /** The lowest watermark of all source partitions, or Long.MIN_VALUE while one has not sent any. */
    private long everyPartitionWatermark() {
        long everyPartition = Long.MAX_VALUE;
        for (int partition = 0; partition < options.sourcePartitions(); partition++) {
            final Long partitionWatermark = watermarks.get(Integer.toString(partition));
            if (partitionWatermark == null) {
                return Long.MIN_VALUE;
            }
            everyPartition = Math.min(everyPartition, partitionWatermark);
        }
        return everyPartition;
    }

    private void close(final long watermark) {
        final List<KeyValue<String, Long>> open = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = openWindows.all()) {
            all.forEachRemaining(open::add);
        }
        final long cohortWatermark = watermark + options.grace().toMillis() - options.cohortHorizon().toMillis();
        for (final KeyValue<String, Long> window : open) {
            final int separator = window.key.indexOf('|');
            final String name = window.key.substring(0, separator);
            final long start = Long.parseLong(window.key.substring(separator + 1));
            final long end = options.windows().byName(name).endOf(start);
            if (window.value != FLOW_CLOSED && end <= watermark) {
                finalize(window.key, Family.FLOW, false);
                openWindows.put(window.key, FLOW_CLOSED);
            }
            if (end <= cohortWatermark) {
                finalize(window.key, Family.COHORT, true);
                openWindows.delete(window.key);
            }
        }
    }

    /** Publishes the last value of every published KPI of {@code family} in the window's buckets as final. */
    private void finalize(final String window, final Family family, final boolean deleteBuckets) {
        final List<KeyValue<String, BucketState>> inWindow = new ArrayList<>();
        try (KeyValueIterator<String, BucketState> range = buckets.prefixScan(window + '|', new StringSerializer())) {
            range.forEachRemaining(inWindow::add);
        }
        for (final KeyValue<String, BucketState> entry : inWindow) {
            final BucketKey bucket = BucketKey.decode(entry.key);
            final Measures totals = Measures.fromMap(entry.value.getTotals());
            final Map<String, Long> revisions = new HashMap<>(entry.value.getRevisions());
            for (final Kpi kpi : KpiCatalog.all()) {
                if (kpi.family() == family && revisions.containsKey(kpi.name())) {
                    final KpiValue value = kpi.valueOf(totals);
                    publish(kpi, bucket, value, value, revisions, true, null);
                }
            }
            if (deleteBuckets) {
                buckets.delete(entry.key);
            } else {
                buckets.put(entry.key, new BucketState(entry.value.getTotals(), revisions));
            }
        }
    }

    private void publish(final Kpi kpi, final BucketKey bucket, final KpiValue previous, final KpiValue current,
                         final Map<String, Long> revisions, final boolean isFinal, final Long earliestEventAt) {
        final long revision = revisions.getOrDefault(kpi.name(), 0L) + 1;
        revisions.put(kpi.name(), revision);
        final WindowSpec window = options.windows().byName(bucket.window());
        final Instant emittedAt = options.clock().instant();
        final KpiChange change = KpiChange.newBuilder()
                .setKpi(kpi.name())
                .setDimension(bucket.dimension().label())
                .setDimensionValue(bucket.value())
                .setWindow(bucket.window())
                .setWindowStart(Instant.ofEpochMilli(bucket.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(window.endOf(bucket.windowStart())))
                .setValue(current.value())
                .setNumerator(current.numerator())
                .setDenominator(current.denominator())
                .setUnit(kpi.unit())
                .setPreviousValue(revision == 1 ? null : previous.value())
                .setRevision(revision)
                .setFinal$(isFinal)
                .setEmittedAt(emittedAt)
                .build();
        final RecordHeaders headers = new RecordHeaders();
        if (earliestEventAt != null) {
            headers.add(EVENT_TIME_HEADER, Long.toString(earliestEventAt).getBytes(StandardCharsets.UTF_8));
        }
        context.forward(new Record<>(KpiKeys.of(kpi, bucket), change, emittedAt.toEpochMilli(), headers));
        options.metrics().kpiChangePublished(change, earliestEventAt);
    }

    private static String windowKey(final String window, final long windowStart) {
        return window + '|' + windowStart;
    }
}
