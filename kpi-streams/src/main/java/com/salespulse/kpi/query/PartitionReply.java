package com.salespulse.kpi.query;

import java.util.List;
import java.util.Set;

/**
 * What one instance answered for some partitions of a store: the partitions it could read and the
 * rows found in them.
 *
 * @param answered the partitions read in full
 * @param rows     the rows of those partitions
 * @param <T>      the kind of row
 */
public record PartitionReply<T>(Set<Integer> answered, List<T> rows) {

    public PartitionReply {
        answered = Set.copyOf(answered);
        rows = List.copyOf(rows);
    }
}
