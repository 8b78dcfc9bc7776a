package com.salespulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaStackExtension.class)
class KafkaStackExtensionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static KafkaStack stackBeforeAll;
    private final KafkaStack stack;

    KafkaStackExtensionTest(final KafkaStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void createTopics(final KafkaStack stack) {
        stackBeforeAll = stack;
        stack.createTopics(List.of(new NewTopic("testkit-roundtrip", 1, (short) 1)));
    }

    @Test
    void shouldResolveOneSharedStackWhenAskedInConstructorBeforeAllAndMethod(final KafkaStack parameter) {
        assertThat(parameter).isSameAs(stack).isSameAs(stackBeforeAll);
    }

    @Test
    void shouldConsumeProducedRecordsWhenTopicWasCreatedThroughStack() throws Exception {
        // Given the topic created in @BeforeAll, created once more, which is harmless
        stack.createTopics(List.of(new NewTopic("testkit-roundtrip", 1, (short) 1)));

        // When two records are produced
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("testkit-roundtrip", "L1", "created")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("testkit-roundtrip", "L1", "contacted")).get(30, TimeUnit.SECONDS);
        }

        // Then a consumer reads both, in order
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-roundtrip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("testkit-roundtrip"));
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("L1", "created"), tuple("L1", "contacted"));
    }

    @Test
    void shouldAnswerSchemaRegistryRequestsWhenStackIsResolved() throws Exception {
        // When the registry's subjects are listed
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects")).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then it answers in Confluent's media type
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        assertThat(response.body()).startsWith("[");
    }
}
