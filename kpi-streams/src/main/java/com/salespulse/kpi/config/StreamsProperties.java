package com.salespulse.kpi.config;

import com.salespulse.kpi.errors.DeadLetterHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the KPI pipeline. No default serdes: every boundary names its own. */
public final class StreamsProperties {
    /**
     * The record caches of all stream threads together. Kafka Streams' 10 MiB hold the journeys of some 50,000
     * leads; beyond that every event reads its lead from RocksDB. Measured with {@code salespulse bench} (300,000
     * events over 2 weeks, together with the larger producer batches): 274 to 207 us of CPU per event.
     */
    static final long CACHE_BYTES = 64L * 1024 * 1024;
    /**
     * Producer batches per partition. A commit sends hundreds of records to each partition of sales.kpi-changes,
     * the repartition topic and the changelogs; 16 KiB batches cut them into many requests.
     */
    static final int PRODUCER_BATCH_BYTES = 256 * 1024;

    private StreamsProperties() {
    }

    /**
     * @param config         SalesPulse's configuration
     * @param deadLetterTopic the full name of the dead-letter topic
     * @param meters         where the dead-letter handler counts
     */
    public static Properties of(final SalesPulseConfig config, final String deadLetterTopic, final MeterRegistry meters) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(DeadLetterHandler.METER_REGISTRY_CONFIG, meters);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_BYTES);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        if (!config.get(SalesPulseConfig.HTTP_ADVERTISED).isEmpty()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.get(SalesPulseConfig.HTTP_ADVERTISED));
        }
        props.putAll(config.streamsOverrides());
        return props;
    }
}
