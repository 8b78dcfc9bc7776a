package com.salespulse.kpi.bucket;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.catalog.KpiValue;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.window.WindowSpec;
import com.salespulse.kpi.window.Windows;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds bucket changes to the bucket's measure totals and publishes a {@link KpiChange} for every
 * KPI whose numbers moved: its value, numerator or denominator. A consumer that re-aggregates
 * ratios across buckets needs the current numerator and denominator, so a change of those with an
 * unchanged value is published too; a bucket change that moves none of a KPI's numbers publishes
 * nothing for it. A KPI that has never had a non-zero number in a bucket is not published there.
 */
public final class BucketAggregator implements Processor<String, MeasureDelta, String, KpiChange> {
    private final String storeName;
    private final Windows windows;
    private final Clock clock;

    private ProcessorContext<String, KpiChange> context;
    private KeyValueStore<String, BucketState> buckets;

    public BucketAggregator(final String storeName, final Windows windows, final Clock clock) {
        this.storeName = storeName;
        this.windows = windows;
        this.clock = clock;
    }

    @Override
    public void init(final ProcessorContext<String, KpiChange> processorContext) {
        this.context = processorContext;
        this.buckets = processorContext.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, MeasureDelta> record) {
        final BucketKey bucket = BucketKey.decode(record.key());
        final BucketState state = buckets.get(record.key());
        final Measures before = state == null ? new Measures() : Measures.fromMap(state.getTotals());
        final Map<String, Long> revisions = state == null ? new HashMap<>() : new HashMap<>(state.getRevisions());
        final Measures after = before.copy().plus(Measures.fromMap(record.value().getValues()));

        final WindowSpec window = windows.byName(bucket.window());
        final Instant emittedAt = clock.instant();
        for (final Kpi kpi : KpiCatalog.all()) {
            final KpiValue previous = kpi.valueOf(before);
            final KpiValue current = kpi.valueOf(after);
            if (!current.equals(previous)) {
                final long revision = revisions.getOrDefault(kpi.name(), 0L) + 1;
                revisions.put(kpi.name(), revision);
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
                        .setFinal$(false)
                        .setEmittedAt(emittedAt)
                        .build();
                context.forward(new Record<>(KpiKeys.of(kpi, bucket), change, record.timestamp()));
            }
        }
        buckets.put(record.key(), new BucketState(after.toMap(), revisions));
    }
}
