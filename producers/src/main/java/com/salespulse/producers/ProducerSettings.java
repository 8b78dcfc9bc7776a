package com.salespulse.producers;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client settings of this module's producers: the caller's config (bootstrap servers, security,
 * tuning) with the guarantees the producers rely on laid over it. Every producer here is
 * idempotent with {@code acks=all}, so a retried batch is written once and in order, which keeps
 * each lead's events in order on its partition.
 */
public final class ProducerSettings {
    /** Batches for throughput; an import or the generator can wait 20 ms for a fuller batch. */
    static final int LINGER_MS = 20;
    static final int BATCH_SIZE = 256 * 1024;

    private ProducerSettings() {
    }

    /**
     * The caller's {@code clientConfig} with idempotence and {@code acks=all} enforced, and batching
     * defaults where the caller set none. Serializers are not set: the producers pass them from the
     * topic's serdes.
     */
    public static Map<String, Object> idempotent(final Map<String, ?> clientConfig, final String clientId) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return config;
    }

    /** {@link #idempotent(Map, String)} for config held in {@link Properties}. */
    public static Map<String, Object> idempotent(final Properties clientConfig, final String clientId) {
        final Map<String, Object> config = new HashMap<>();
        clientConfig.stringPropertyNames().forEach(name -> config.put(name, clientConfig.getProperty(name)));
        return idempotent(config, clientId);
    }
}
