package com.salespulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The containers path on its own, whatever the extension would choose; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersKafkaStackSmokeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static ContainersKafkaStack stack;

    @BeforeAll
    static void startContainers() {
        stack = ContainersKafkaStack.start();
    }

    @AfterAll
    static void stopContainers() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldConsumeProducedRecordWhenTopicIsCreatedInContainer() throws Exception {
        // Given a topic
        stack.createTopics(List.of(new NewTopic("containers-smoke", 1, (short) 1)));

        // When a record is produced
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("containers-smoke", "L1", "created")).get(30, TimeUnit.SECONDS);
        }

        // Then a consumer reads it
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "containers-smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("containers-smoke"));
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("created");
    }

    @Test
    void shouldRegisterSchemaWhenRegistryContainerReachesBrokerOverNetwork() throws Exception {
        // When a schema is registered (the registry stores it in the broker through the network listener)
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects/containers-smoke-value/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"))
                        .timeout(DEADLINE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // Then it gets an id
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\"");
    }
}
