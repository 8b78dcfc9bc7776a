package com.salespulse.kpi.config;

import com.salespulse.kpi.errors.DeadLetterHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the KPI pipeline. No default serdes: every boundary names its own. */
public final class StreamsProperties {

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
        if (!config.get(SalesPulseConfig.HTTP_ADVERTISED).isEmpty()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.get(SalesPulseConfig.HTTP_ADVERTISED));
        }
        props.putAll(config.streamsOverrides());
        return props;
    }
}
