package com.salespulse.testkit;

import java.util.Collection;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A Kafka broker with a Confluent-compatible schema registry, as integration tests see it; handed
 * to tests by {@link KafkaStackExtension}. The stack is shared by every test in the JVM, so each
 * test uses its own topics, subjects and {@code application.id}.
 */
public interface KafkaStack {

    /** The {@code bootstrap.servers} of the broker, reachable from the test JVM. */
    String bootstrapServers();

    /** The schema registry's root URL, e.g. {@code http://localhost:8081}. */
    String schemaRegistryUrl();

    /**
     * Creates the topics and waits until the broker has them. A topic that exists already is
     * left as it is, so tests may call this for topics another test created.
     */
    void createTopics(Collection<NewTopic> topics);
}
