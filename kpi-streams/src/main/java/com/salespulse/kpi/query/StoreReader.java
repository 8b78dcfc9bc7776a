package com.salespulse.kpi.query;

import com.salespulse.kpi.alert.AlertTopology;
import com.salespulse.kpi.topology.KpiTopology;
import java.util.function.BiFunction;

/**
 * One kind of read the instances serve each other: the store it reads, the internal HTTP path
 * serving it, the type of its rows, and how this instance performs it on its own replicas.
 *
 * @param store   the state store
 * @param path    the internal path another instance serves it at
 * @param rowType the type of a row, for decoding replies
 * @param local   performs it on this instance's replicas
 * @param <T>     the kind of row
 */
public record StoreReader<T>(String store, String path, Class<T> rowType,
                             BiFunction<LocalStores, PartitionRequest, PartitionReply<T>> local) {

    public static final StoreReader<BucketSnapshot> BUCKETS = new StoreReader<>(
            KpiTopology.BUCKET_STORE, "/internal/buckets", BucketSnapshot.class,
            LocalStores::buckets);
    public static final StoreReader<OpenClock> OPEN_CLOCKS = new StoreReader<>(
            AlertTopology.SLA_STATE_STORE, "/internal/open-clocks", OpenClock.class,
            LocalStores::openClocks);
}
