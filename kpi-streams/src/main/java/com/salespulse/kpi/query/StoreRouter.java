package com.salespulse.kpi.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads store partitions wherever they live. Kafka Streams' own metadata says which instance runs
 * each partition's active task and which keep standbys; every partition is asked of its running
 * active task first, then of its standbys (or its active task while it restores). A read that
 * leaves any partition unanswered fails with {@link QueryUnavailableException}: never a partial result.
 */
public final class StoreRouter {
    private static final Serializer<String> KEYS = new StringSerializer();
    private static final long REPLY_TIMEOUT_SECONDS = 10;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStores local;
    private final RemoteReplicas remote;
    private final Map<String, StoreTopic> topics;

    /**
     * The topic partitioning a store, and its number of partitions.
     *
     * @param topic      the source topic of the store's sub-topology
     * @param partitions its number of partitions
     */
    public record StoreTopic(String topic, int partitions) {
    }

    /**
     * @param self   this instance's {@code application.server}
     * @param topics per store name, the topic whose partitions are the store's
     */
    public StoreRouter(final KafkaStreams streams, final HostInfo self, final RemoteReplicas remote,
                       final Map<String, StoreTopic> topics) {
        this.streams = streams;
        this.self = self;
        this.local = new LocalStores(streams);
        this.remote = remote;
        this.topics = Map.copyOf(topics);
    }

    public LocalStores local() {
        return local;
    }

    /** The rows under {@code keys}, each read from the replicas of the partition the key belongs to. */
    public <T> List<T> byKeys(final StoreReader<T> reader, final List<String> keys) {
        final Map<Integer, Placement> placements = new TreeMap<>();
        for (final String key : keys) {
            final KeyQueryMetadata metadata = keyMetadata(reader.store(), key);
            if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                throw new QueryUnavailableException("the owner of " + reader.store() + " keys is not known yet");
            }
            placements.putIfAbsent(metadata.partition(),
                    new Placement(available(metadata.activeHost()), List.copyOf(metadata.standbyHosts())));
        }
        return read(reader, placements, new PartitionRequest(List.of(), false, keys, ""));
    }

    /** The rows whose keys start with {@code prefix} ("" for all), from every partition of the store. */
    public <T> List<T> byPrefix(final StoreReader<T> reader, final String prefix) {
        return read(reader, everyPartition(reader.store()), new PartitionRequest(List.of(), false, List.of(), prefix));
    }

    private KeyQueryMetadata keyMetadata(final String store, final String key) {
        try {
            return streams.queryMetadataForKey(store, key, KEYS);
        } catch (final InvalidStateStoreException | IllegalStateException notRunning) {
            throw new QueryUnavailableException("the pipeline is " + streams.state() + ": it cannot route queries yet");
        }
    }

    private Map<Integer, Placement> everyPartition(final String store) {
        final StoreTopic storeTopic = topics.get(store);
        final Map<Integer, HostInfo> actives = new TreeMap<>();
        final Map<Integer, List<HostInfo>> standbys = new TreeMap<>();
        for (final StreamsMetadata instance : allInstances()) {
            for (final TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(storeTopic.topic())) {
                    actives.put(partition.partition(), instance.hostInfo());
                }
            }
            for (final TopicPartition partition : instance.standbyTopicPartitions()) {
                if (partition.topic().equals(storeTopic.topic())) {
                    standbys.computeIfAbsent(partition.partition(), p -> new ArrayList<>()).add(instance.hostInfo());
                }
            }
        }
        final Map<Integer, Placement> placements = new TreeMap<>();
        for (int partition = 0; partition < storeTopic.partitions(); partition++) {
            placements.put(partition, new Placement(actives.get(partition), standbys.getOrDefault(partition, List.of())));
        }
        return placements;
    }

    private List<StreamsMetadata> allInstances() {
        try {
            return List.copyOf(streams.metadataForAllStreamsClients());
        } catch (final InvalidStateStoreException | IllegalStateException notRunning) {
            throw new QueryUnavailableException("the pipeline is " + streams.state() + ": it cannot route queries yet");
        }
    }

    private <T> List<T> read(final StoreReader<T> reader, final Map<Integer, Placement> placements,
                             final PartitionRequest request) {
        final Set<Integer> pending = new TreeSet<>(placements.keySet());
        final List<T> rows = new ArrayList<>();
        final Map<HostInfo, List<Integer>> actives = new LinkedHashMap<>();
        pending.forEach(partition -> {
            final HostInfo active = placements.get(partition).active();
            if (active != null) {
                actives.computeIfAbsent(active, host -> new ArrayList<>()).add(partition);
            }
        });
        ask(reader, actives, request, false, pending, rows);
        for (int replica = 0; !pending.isEmpty(); replica++) {
            final Map<HostInfo, List<Integer>> replicas = new LinkedHashMap<>();
            for (final int partition : pending) {
                final List<HostInfo> candidates = new ArrayList<>(placements.get(partition).standbys());
                if (placements.get(partition).active() != null) {
                    candidates.add(placements.get(partition).active());
                }
                if (replica < candidates.size()) {
                    replicas.computeIfAbsent(candidates.get(replica), host -> new ArrayList<>()).add(partition);
                }
            }
            if (replicas.isEmpty()) {
                throw QueryUnavailableException.partitions(reader.store(), pending);
            }
            ask(reader, replicas, request, true, pending, rows);
        }
        return rows;
    }

    /** Asks every host for its partitions at once; removes the answered ones from {@code pending}. */
    private <T> void ask(final StoreReader<T> reader, final Map<HostInfo, List<Integer>> partitionsByHost,
                         final PartitionRequest request, final boolean stale, final Set<Integer> pending,
                         final List<T> rows) {
        final List<CompletableFuture<PartitionReply<T>>> replies = new ArrayList<>();
        partitionsByHost.forEach((host, partitions) -> {
            final PartitionRequest part = request.on(partitions, stale);
            replies.add(host.equals(self)
                    ? CompletableFuture.completedFuture(reader.local().apply(local, part))
                    : remote.ask(host, reader, part));
        });
        for (final CompletableFuture<PartitionReply<T>> reply : replies) {
            // Each pending partition is asked of one replica per round, so no row arrives twice.
            final PartitionReply<T> answer = await(reply);
            pending.removeAll(answer.answered());
            rows.addAll(answer.rows());
        }
    }

    private static <T> PartitionReply<T> await(final CompletableFuture<PartitionReply<T>> reply) {
        try {
            return reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            return new PartitionReply<>(Set.of(), List.of());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryUnavailableException("interrupted while waiting for another instance");
        }
    }

    private static HostInfo available(final HostInfo host) {
        return host == null || HostInfo.unavailable().equals(host) ? null : host;
    }
}
