package com.salespulse.kpi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    @Test
    void shouldGiveTheLargerCacheAndBatchesWhenNothingIsConfigured() {
        // When
        final Properties props = StreamsProperties.of(SalesPulseConfig.of(Map.of()), "sales.dlq", new SimpleMeterRegistry());

        // Then
        assertThat(props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(StreamsProperties.CACHE_BYTES);
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)))
                .isEqualTo(StreamsProperties.PRODUCER_BATCH_BYTES);
    }

    @Test
    void shouldTakeTheOperatorsValuesWhenTheyAreConfigured() {
        // Given salespulse.streams.* overrides
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(
                SalesPulseConfig.STREAMS_PREFIX + StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "1048576",
                SalesPulseConfig.STREAMS_PREFIX + StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "32768"));

        // When
        final Properties props = StreamsProperties.of(config, "sales.dlq", new SimpleMeterRegistry());

        // Then
        assertThat(props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo("1048576");
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo("32768");
    }
}
