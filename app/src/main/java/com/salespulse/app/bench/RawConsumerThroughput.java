package com.salespulse.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling for anything that reads a topic on this broker: a plain consumer reading every record
 * from the beginning as bytes, deserializing nothing, like Kafka's own consumer-performance tool.
 * No consumer group: the partitions are assigned, so no rebalance is timed.
 */
final class RawConsumerThroughput {
    private static final Duration POLL = Duration.ofMillis(500);

    private RawConsumerThroughput() {
    }

    /**
     * Reads {@code expected} records of {@code topic} from its start.
     *
     * @throws IllegalStateException when they have not all arrived within {@code timeout}
     */
    static Throughput measure(final String bootstrapServers, final String topic, final long expected,
                              final Duration timeout, final Consumer<String> log) {
        final Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "salespulse-bench-raw-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long start = System.nanoTime();
            final long deadline = start + timeout.toNanos();
            long read = 0;
            long bytes = 0;
            while (read < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "the raw consumer read %,d of %,d records of %s within %s", read, expected, topic, timeout));
                }
                final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                read += records.count();
                // Touch every value, as a consumer that hands records on would.
                for (final ConsumerRecord<byte[], byte[]> record : records) {
                    bytes += record.serializedValueSize();
                }
            }
            final Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            final Throughput throughput = new Throughput(read, elapsed);
            log.accept(String.format(Locale.ROOT, "  raw consumer: %s (%.1f MB/s of values)", throughput.describe(),
                    bytes / 1e6 / (elapsed.toNanos() / 1e9)));
            return throughput;
        }
    }
}
