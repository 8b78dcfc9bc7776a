package com.salespulse.kpi.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a topic's committed records from its start to the end it has when the read begins. */
public final class TopicReader {

    private TopicReader() {
    }

    public static <K, V> void readAll(final String bootstrapServers, final String topic, final Deserializer<K> keys,
                                      final Deserializer<V> values, final Duration timeout,
                                      final Consumer<ConsumerRecord<K, V>> each) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "salespulse-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            ends.entrySet().removeIf(end -> end.getValue() == 0);
            final Instant deadline = Instant.now().plus(timeout);
            while (!ends.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            }
        }
    }

    /** How many committed records the topic holds. */
    public static long count(final String bootstrapServers, final String topic, final Duration timeout) {
        final long[] count = {0};
        readAll(bootstrapServers, topic, (t, bytes) -> bytes, (t, bytes) -> bytes, timeout, record -> count[0]++);
        return count[0];
    }
}
