package com.salespulse.kpi.query;

import com.salespulse.events.Rep;
import com.salespulse.kpi.alert.AlertTopology;
import com.salespulse.kpi.bucket.Bucket;
import com.salespulse.kpi.sla.SlaState;
import com.salespulse.kpi.topology.KpiTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads this instance's own replicas of the pipeline's stores (interactive queries), one partition
 * at a time, so that the caller learns exactly which partitions it got.
 */
public final class LocalStores {
    private final KafkaStreams streams;

    public LocalStores(final KafkaStreams streams) {
        this.streams = streams;
    }

    /** Buckets of bucket-store in the requested partitions. */
    public PartitionReply<BucketSnapshot> buckets(final PartitionRequest request) {
        return read(KpiTopology.BUCKET_STORE, request,
                (final String key, final Bucket bucket) -> Optional.of(BucketSnapshot.of(key, bucket)));
    }

    /** Leads with an open, alerting SLA clock in the requested partitions of sla-state-store. */
    public PartitionReply<OpenClock> openClocks(final PartitionRequest request) {
        return read(AlertTopology.SLA_STATE_STORE, request, OpenClock::of);
    }

    /** The roster (the global reps-store, whole on every instance), by rep id. */
    public Map<String, Rep> roster() {
        final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Rep>> reps = streams.store(StoreQueryParameters.fromNameAndType(
                KpiTopology.REPS_STORE, QueryableStoreTypes.<String, Rep>timestampedKeyValueStore()));
        final Map<String, Rep> roster = new TreeMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Rep>> all = reps.all()) {
            all.forEachRemaining(entry -> roster.put(entry.key, entry.value.value()));
        }
        return roster;
    }

    /**
     * How far the pipeline's event time has come: the latest watermark any journey task has sent to
     * this instance's bucket tasks, plus the grace it was sent less. Empty while this instance has no
     * bucket task or none has heard a watermark.
     */
    public Optional<Instant> eventTime(final Duration grace) {
        try {
            final ReadOnlyKeyValueStore<String, Long> watermarks = streams.store(StoreQueryParameters.fromNameAndType(
                    KpiTopology.WATERMARK_STORE, QueryableStoreTypes.<String, Long>keyValueStore()).enableStaleStores());
            long latest = Long.MIN_VALUE;
            try (KeyValueIterator<String, Long> all = watermarks.all()) {
                while (all.hasNext()) {
                    latest = Math.max(latest, all.next().value);
                }
            }
            return latest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latest).plus(grace));
        } catch (final InvalidStateStoreException notHere) {
            return Optional.empty();
        }
    }

    private <V, T> PartitionReply<T> read(final String storeName, final PartitionRequest request,
                                          final BiFunction<String, V, Optional<T>> rowOf) {
        final Set<Integer> answered = new HashSet<>();
        final List<T> rows = new ArrayList<>();
        for (final int partition : request.partitions()) {
            try {
                rows.addAll(readPartition(store(storeName, partition, request.stale()), request, rowOf));
                answered.add(partition);
            } catch (final InvalidStateStoreException notHere) {
                // Not hosted here, or not ready (migrated, restoring, rebalancing): another replica is asked.
            }
        }
        return new PartitionReply<>(answered, rows);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(final String storeName, final int partition, final boolean stale) {
        final StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters
                .fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition);
        return streams.store(stale ? parameters.enableStaleStores() : parameters);
    }

    private static <V, T> List<T> readPartition(final ReadOnlyKeyValueStore<String, V> store, final PartitionRequest request,
                                                final BiFunction<String, V, Optional<T>> rowOf) {
        final List<T> rows = new ArrayList<>();
        if (!request.keys().isEmpty()) {
            for (final String key : request.keys()) {
                final V value = store.get(key);
                if (value != null) {
                    rowOf.apply(key, value).ifPresent(rows::add);
                }
            }
            return rows;
        }
        try (KeyValueIterator<String, V> range = request.prefix().isEmpty()
                ? store.all() : store.prefixScan(request.prefix(), new StringSerializer())) {
            while (range.hasNext()) {
                final KeyValue<String, V> entry = range.next();
                rowOf.apply(entry.key, entry.value).ifPresent(rows::add);
            }
        }
        return rows;
    }
}
