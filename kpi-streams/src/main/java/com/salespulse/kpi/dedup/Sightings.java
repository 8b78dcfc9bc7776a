package com.salespulse.kpi.dedup;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Remembers when a key was first seen, for a horizon, in a changelogged RocksDB window store: key → first-seen
 * record timestamp, in the window starting at that timestamp.
 *
 * <p>Time is the record timestamp: when the record was written to its topic (SalesPulse's producers stamp the send
 * time), not the event's {@code occurredAt}, which a webhook retry or a re-import repeats unchanged. Being part of the
 * log, it makes a replay of the same topic decide the same way, which a wall clock would not.
 *
 * <p>Why a window store: its retention forgets a key once the store's time (the latest timestamp written to it) is a
 * horizon past the key's first sighting, by dropping whole segments, with no scan; its changelog is compacted and
 * deleted after the retention plus a day, so a restore reads at most a horizon of keys. A key-value store would need a
 * punctuator scanning every key to forget them, and its changelog would keep a tombstone per key.
 */
public final class Sightings {
    private final WindowStore<String, Long> store;
    private final long horizonMs;

    /**
     * @param store   a store built by {@link #storeBuilder}
     * @param horizon how long after its first sighting a key counts as seen
     */
    public Sightings(final WindowStore<String, Long> store, final Duration horizon) {
        this.store = store;
        this.horizonMs = horizon.toMillis();
    }

    /**
     * A persistent, changelogged window store that keeps each key for {@code horizon} after its first sighting.
     * Uncached: a key is written once, so a cache would combine nothing; its changelog record commits in the
     * transaction of the record it let through.
     */
    public static StoreBuilder<WindowStore<String, Long>> storeBuilder(final String name, final Duration horizon) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, horizon, horizon, false),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(Map.of());
    }

    /**
     * Notes a sighting of {@code key} at {@code timestamp}.
     *
     * @return true when the key was not seen less than a horizon before (or after: records of one partition may carry
     *         timestamps slightly out of order), in which case this sighting is remembered as its first; false for a
     *         repeat, which leaves the first sighting as it was
     */
    public boolean firstSighting(final String key, final long timestamp) {
        final long from = Math.max(0, timestamp - horizonMs + 1);
        final long to = timestamp > Long.MAX_VALUE - horizonMs ? Long.MAX_VALUE : timestamp + horizonMs - 1;
        try (WindowStoreIterator<Long> seen = store.fetch(key, from, to)) {
            if (seen.hasNext()) {
                return false;
            }
        }
        store.put(key, timestamp, timestamp);
        return true;
    }
}
