package com.salespulse.kpi.query;

import java.util.List;

/**
 * A request for some partitions of a store, sent from the instance answering a query to the
 * instances holding the partitions.
 *
 * @param partitions the partitions to read
 * @param stale      whether a standby or restoring replica may answer (false: the running active task only)
 * @param keys       the keys to look up; empty to scan by {@code prefix}
 * @param prefix     the key prefix to scan when {@code keys} is empty ("" for all)
 */
public record PartitionRequest(List<Integer> partitions, boolean stale, List<String> keys, String prefix) {

    public PartitionRequest {
        partitions = List.copyOf(partitions);
        keys = keys == null ? List.of() : List.copyOf(keys);
        prefix = prefix == null ? "" : prefix;
    }

    PartitionRequest on(final List<Integer> someOf, final boolean fromStale) {
        return new PartitionRequest(someOf, fromStale, keys, prefix);
    }
}
