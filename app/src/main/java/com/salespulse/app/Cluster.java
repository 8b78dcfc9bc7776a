package com.salespulse.app;

import com.salespulse.events.registry.CachingRestSchemaRegistryClient;
import com.salespulse.events.topic.TopicSetup;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.config.SalesPulseConfig;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/** A connection to a Kafka cluster and its schema registry, with the topic contract bound to them. */
public final class Cluster implements AutoCloseable {
    private final SalesPulseConfig config;
    private final CachingRestSchemaRegistryClient registry;
    private final Topics topics;
    private final Admin admin;

    private Cluster(final SalesPulseConfig config) {
        this.config = config;
        this.registry = new CachingRestSchemaRegistryClient(config.schemaRegistryUrl());
        this.topics = new Topics(config.topicPrefix(), registry);
        this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
    }

    public static Cluster connect(final SalesPulseConfig config) {
        return new Cluster(config);
    }

    public SalesPulseConfig config() {
        return config;
    }

    public Topics topics() {
        return topics;
    }

    public Admin admin() {
        return admin;
    }

    /** Client settings for producers and consumers of this cluster. */
    public Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    }

    /** Creates the contract's missing topics with the configured partitions and replication. */
    public Cluster ensureTopics() {
        TopicSetup.ensure(admin, topics, config.topicPartitions(), config.topicReplicationFactor());
        return this;
    }

    @Override
    public void close() {
        admin.close();
        registry.close();
    }
}
