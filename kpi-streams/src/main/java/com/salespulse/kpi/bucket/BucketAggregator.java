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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Adds bucket changes to the bucket's measure totals and publishes, at most once per flush
 * interval, a {@link KpiChange} for every KPI whose numbers moved since it was last published: its
 * value, numerator or denominator. A consumer that re-aggregates ratios across buckets needs the
 * current numerator and denominator, so a change of those with an unchanged value is published too.
 * A KPI that has never had a non-zero number in a bucket is not published there.
 *
 * <p>Coalescing (docs/kpis.md, Publication): a bucket that changes keeps its totals as last
 * published and the earliest event time since, in the same store value as its totals (so both
 * are committed together, and a change counted but not yet published when the task commits is
 * published after a restart: none is lost, none published twice). Pending buckets are published
 * together, each KPI once with the bucket's numbers at that moment, when a journey task's
 * watermark arrives (every flush ends with one) or on the wall-clock punctuation, as
 * {@link Pacing} allows: never twice within one flush interval, so however many events reach a
 * bucket in an interval, each of its KPIs changes at most once (in a backfill, at most once per
 * backfill interval). The keys of pending buckets are kept in memory and found again by a scan of
 * the store when the task starts.
 *
 * <p>Windows close on watermarks: once every source partition's watermark has passed a window's
 * end, its flow KPIs are published once more with {@code final: true} at the next publication
 * (carrying any change still pending); once it has passed the end plus the cohort horizon, its
 * cohort KPIs are, and the window's buckets are deleted.
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
    private KeyValueStore<String, Bucket> buckets;
    /** The keys of the buckets with pending changes, in the order they changed. */
    private final Set<String> pending = new LinkedHashSet<>();
    private KeyValueStore<String, Long> watermarks;
    private KeyValueStore<String, Long> openWindows;
    private KeyValueStore<String, ValueAndTimestamp<Rep>> reps;
    private long closedUpTo = Long.MIN_VALUE;
    /** Whether windows may have closed since they were last looked at: true after a restore, too. */
    private boolean closingDue = true;
    /** The highest watermark of any source partition: how far event time has come, less the grace. */
    private long latestWatermark = Long.MIN_VALUE;
    /** Per source partition, whether its latest watermark said its input was idle; not kept across restarts. */
    private boolean[] idleSources;
    private Pacing pacing;

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
        pending.clear();
        try (KeyValueIterator<String, Bucket> all = buckets.all()) {
            all.forEachRemaining(bucket -> {
                if (bucket.value.isPending()) {
                    pending.add(bucket.key);
                }
            });
        }
        try (KeyValueIterator<String, Long> all = watermarks.all()) {
            all.forEachRemaining(watermark -> latestWatermark = Math.max(latestWatermark, watermark.value));
        }
        this.idleSources = new boolean[options.sourcePartitions()];
        this.pacing = new Pacing(options.flushInterval(), options.backfillInterval());
        processorContext.schedule(options.flushInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishDue);
    }

    @Override
    public void process(final Record<String, MeasureDelta> record) {
        if (Watermarks.isWatermark(record.key())) {
            final int source = Watermarks.sourcePartition(record.key());
            if (source < idleSources.length) {
                idleSources[source] = record.value().inputIdle();
            }
            advance(source, record.value().watermark());
            publishDue(context.currentSystemTimeMs());
            return;
        }
        final BucketKey bucket = BucketKey.decode(record.key());
        add(bucket, options.windows().byName(bucket.window()), record.value());
    }

    /** Adds a change to a window's bucket and notes the bucket as pending publication. */
    private void add(final BucketKey bucket, final WindowSpec window, final MeasureDelta delta) {
        final String key = bucket.encode();
        final Bucket stored = buckets.get(key);
        final Bucket state = stored == null ? new Bucket() : stored;
        final Measures after = state.totals();
        final Measures before = after.copy();
        after.plus(isCohortFinal(window, bucket.windowStart())
                ? delta.measures().copy().without(Family.COHORT) : delta.measures());
        if (QUOTA_WINDOW.equals(bucket.window())) {
            after.add(Measure.QUOTA, quota(bucket) - after.get(Measure.QUOTA));
        }
        if (after.equals(before) && stored != null) {
            return;
        }
        state.changed(before, delta.earliestEventAt());
        buckets.put(key, state);
        pending.add(key);
        final String windowKey = windowKey(bucket.window(), bucket.windowStart());
        if (stored == null && openWindows.get(windowKey) == null) {
            openWindows.put(windowKey, 0L);
        }
    }

    /** Publishes what is pending and what closed, when {@link Pacing} allows. */
    private void publishDue(final long wallClockMs) {
        final long eventTime = latestWatermark == Long.MIN_VALUE ? Long.MIN_VALUE
                : latestWatermark + options.grace().toMillis();
        boolean inputIdle = true;
        for (final boolean idle : idleSources) {
            inputIdle &= idle;
        }
        if (pacing.isDue(wallClockMs, eventTime, inputIdle) && publish()) {
            pacing.sent(wallClockMs);
        }
    }

    /**
     * Publishes the changed KPIs of every pending bucket, and the final values of the windows that
     * closed; returns whether there was anything to publish.
     */
    private boolean publish() {
        final List<ClosingWindow> closing = closingWindows();
        if (pending.isEmpty() && closing.isEmpty()) {
            return false;
        }
        for (final ClosingWindow window : closing) {
            close(window);
        }
        for (final String key : pending) {
            final Bucket state = buckets.get(key);
            if (state != null) {
                publish(key, state, false, false);
                buckets.put(key, state);
            }
        }
        pending.clear();
        return true;
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

    /** Records a source partition's watermark; windows every partition has passed close at the next publication. */
    private void advance(final int sourcePartition, final long watermark) {
        final String key = Integer.toString(sourcePartition);
        final Long known = watermarks.get(key);
        if (known != null && known >= watermark) {
            return;
        }
        watermarks.put(key, watermark);
        latestWatermark = Math.max(latestWatermark, watermark);
        final long everyPartition = everyPartitionWatermark();
        if (everyPartition > closedUpTo) {
            closedUpTo = everyPartition;
            closingDue = true;
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

    /**
     * A window that closes at this publication.
     *
     * @param key        {@code window|windowStart} in the open-window-store
     * @param flowClosed its flow KPIs become final now
     * @param cohortClosed its cohort KPIs become final now, and its buckets go
     */
    private record ClosingWindow(String key, boolean flowClosed, boolean cohortClosed) {
    }

    /** The open windows that every partition's watermark has passed since they were last looked at. */
    private List<ClosingWindow> closingWindows() {
        final List<ClosingWindow> closing = new ArrayList<>();
        if (!closingDue || closedUpTo == Long.MIN_VALUE) {
            return closing;
        }
        closingDue = false;
        final long cohortWatermark = closedUpTo + options.grace().toMillis() - options.cohortHorizon().toMillis();
        try (KeyValueIterator<String, Long> all = openWindows.all()) {
            while (all.hasNext()) {
                final KeyValue<String, Long> window = all.next();
                final int separator = window.key.indexOf('|');
                final long start = Long.parseLong(window.key.substring(separator + 1));
                final long end = options.windows().byName(window.key.substring(0, separator)).endOf(start);
                final boolean flowClosed = window.value != FLOW_CLOSED && end <= closedUpTo;
                final boolean cohortClosed = end <= cohortWatermark;
                if (flowClosed || cohortClosed) {
                    closing.add(new ClosingWindow(window.key, flowClosed, cohortClosed));
                }
            }
        }
        return closing;
    }

    /**
     * Publishes the window's buckets, pending changes included, with the closing families final;
     * deletes the buckets once the cohort KPIs are final.
     */
    private void close(final ClosingWindow window) {
        final List<KeyValue<String, Bucket>> inWindow = new ArrayList<>();
        try (KeyValueIterator<String, Bucket> range = buckets.prefixScan(window.key() + '|', new StringSerializer())) {
            range.forEachRemaining(inWindow::add);
        }
        for (final KeyValue<String, Bucket> entry : inWindow) {
            publish(entry.key, entry.value, window.flowClosed(), window.cohortClosed());
            pending.remove(entry.key);
            if (window.cohortClosed()) {
                buckets.delete(entry.key);
            } else {
                buckets.put(entry.key, entry.value);
            }
        }
        if (window.cohortClosed()) {
            openWindows.delete(window.key());
        } else {
            openWindows.put(window.key(), FLOW_CLOSED);
        }
    }

    /**
     * Publishes every KPI of the bucket whose numbers moved since they were last published, and
     * every published KPI of a family that becomes final now once more with {@code final: true},
     * counting their revisions in {@code state}, which then has nothing pending.
     */
    private void publish(final String key, final Bucket state, final boolean flowFinal, final boolean cohortFinal) {
        final BucketKey bucket = BucketKey.decode(key);
        final Measures totals = state.totals();
        final Measures published = state.publishedTotals();
        final Long earliestEventAt = state.earliestEventAt();
        final List<Kpi> catalog = KpiCatalog.all();
        for (int index = 0; index < catalog.size(); index++) {
            final Kpi kpi = catalog.get(index);
            if (!options.kpis().includes(index) || !kpi.appliesTo(bucket.dimension(), bucket.window())) {
                continue;
            }
            final boolean isFinal = kpi.family() == Family.FLOW ? flowFinal : cohortFinal;
            final KpiValue previous = kpi.valueOf(published);
            final KpiValue current = kpi.valueOf(totals);
            if (!current.equals(previous) || isFinal && state.revision(index) != 0) {
                publish(kpi, bucket, previous, current, state.nextRevision(index), isFinal, earliestEventAt);
            }
        }
        state.published();
    }

    private void publish(final Kpi kpi, final BucketKey bucket, final KpiValue previous, final KpiValue current,
                         final long revision, final boolean isFinal, final Long earliestEventAt) {
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
