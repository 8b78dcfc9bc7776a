package com.salespulse.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable store: a compacted, single-partition topic with Confluent Schema
 * Registry's record layout, so that either registry can read what the other wrote:
 *
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}
 * </pre>
 *
 * <p>This registry is the topic's only writer: it reads the topic once at start and then keeps
 * its state in memory, writing every registration synchronously (acks=all, idempotent).
 */
final class SchemasTopic implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopic.class);

    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private KafkaProducer<String, String> producer;

    SchemasTopic(final String bootstrapServers, final String topic, final Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Creates the topic (1 partition, compacted) unless it exists; refuses one with several partitions. */
    void ensureExists() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin"))) {
            // Replication factor: the cluster's default, so that a three-broker cluster keeps three copies.
            final NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            final TopicDescription description = KafkaTopics.createIfMissing(admin, List.of(newTopic), timeout).get(topic);
            if (description.partitions().size() != 1) {
                throw new IllegalStateException("schema topic " + topic + " has " + description.partitions().size()
                        + " partitions; a schema registry needs exactly one, to keep registrations in order");
            }
        }
    }

    /**
     * Reads the topic from its beginning to its current end into {@code store}.
     *
     * @return the number of schema records applied
     */
    int replayInto(final SchemaStore store) {
        final TopicPartition partition = new TopicPartition(topic, 0);
        final long deadline = System.nanoTime() + timeout.toNanos();
        int applied = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the schema topic " + topic + " to its end (offset "
                            + end + ") within " + timeout);
                }
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (apply(record, store)) {
                        applied++;
                    }
                }
            }
        }
        return applied;
    }

    /** Writes one registration and waits until every in-sync replica has it. */
    void append(final SchemaVersion version) {
        final ObjectNode key = JSON.createObjectNode()
                .put("keytype", "SCHEMA")
                .put("subject", version.subject())
                .put("version", version.version())
                .put("magic", 1);
        final ObjectNode value = JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema())
                .put("deleted", false);
        try {
            producer().send(new ProducerRecord<>(topic, 0, JSON.writeValueAsString(key), JSON.writeValueAsString(value)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException | TimeoutException | JsonProcessingException e) {
            throw RegistryError.storeError("Error while registering schema: cannot write it to " + topic, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("Interrupted while writing the schema to " + topic, e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /**
     * Applies a SCHEMA record; other key types Confluent writes (NOOP, CONFIG, MODE,
     * DELETE_SUBJECT, ...) carry nothing this registry serves.
     */
    private boolean apply(final ConsumerRecord<String, String> record, final SchemaStore store) {
        try {
            final JsonNode key = record.key() == null ? null : JSON.readTree(record.key());
            if (key == null || !"SCHEMA".equals(key.path("keytype").asText()) || record.value() == null) {
                return false;
            }
            final JsonNode value = JSON.readTree(record.value());
            final int id = value.path("id").asInt();
            if (value.path("deleted").asBoolean(false)) {
                store.reserveId(id);
                return false;
            }
            store.apply(new SchemaVersion(value.path("subject").asText(), value.path("version").asInt(), id,
                    value.path("schema").asText()));
            return true;
        } catch (final JsonProcessingException | RegistryError e) {
            LOG.warn("Skipping an unreadable record of {} at partition {} offset {}: {}", topic, record.partition(),
                    record.offset(), e.getMessage());
            return false;
        }
    }
}
