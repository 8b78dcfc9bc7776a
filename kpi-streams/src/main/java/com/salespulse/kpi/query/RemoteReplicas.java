package com.salespulse.kpi.query;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/** How this instance asks another instance of the same application for some partitions of a store. */
public interface RemoteReplicas {

    /**
     * Sends {@code request} to the instance at {@code host}.
     *
     * @return its reply; a reply answering no partition when the instance cannot be reached or fails
     */
    <T> CompletableFuture<PartitionReply<T>> ask(HostInfo host, StoreReader<T> reader, PartitionRequest request);
}
