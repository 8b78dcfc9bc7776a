package com.salespulse.producers;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.CachingRestSchemaRegistryClient;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.producers.generator.LiveTraffic;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.ImportSummary;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The importers and the live generator against a real broker and schema registry. */
@ExtendWith(KafkaStackExtension.class)
class ProducersIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final KafkaStack stack;
    private final CachingRestSchemaRegistryClient registry;

    @TempDir
    Path dir;

    ProducersIT(final KafkaStack stack) {
        this.stack = stack;
        this.registry = new CachingRestSchemaRegistryClient(stack.schemaRegistryUrl());
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void shouldImportEventsAndDeadLetterBadLinesWhenImportingAFileIntoKafka() throws IOException {
        final Topics topics = createTopics("import-it.");
        final GeneratorConfig config = GeneratorConfig.of(5, 200).withMalformedLines(5);
        final List<SalesEvent> events = new CrmGenerator(config).generate();
        final Path file = dir.resolve("events.jsonl");
        final JsonLinesWriter.Summary written = JsonLinesWriter.of(config).writeEvents(events, file);

        final ImportSummary summary;
        try (EventImporter importer = new EventImporter(topics, clientConfig())) {
            summary = importer.importFile(file);
        }

        assertThat(summary.imported()).isEqualTo(events.size());
        assertThat(summary.deadLettered()).isEqualTo(5);
        final List<ConsumerRecord<String, SalesEvent>> imported = consume(topics.crmEvents(), events.size());
        assertThat(imported).hasSize(events.size());
        assertThat(imported).allSatisfy(record -> assertThat(record.key()).isEqualTo(
                record.value().getType() == EventType.CAMPAIGN_SPEND
                        ? record.value().getChannel() : record.value().getLeadId()));
        assertThat(imported.stream().map(ConsumerRecord::value).toList()).containsExactlyInAnyOrderElementsOf(events);
        // Per lead, the import keeps the file's order.
        final Map<String, List<String>> idsByLead = new HashMap<>();
        imported.forEach(r -> idsByLead.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getEventId()));
        final Map<String, List<String>> expectedByLead = new HashMap<>();
        events.forEach(e -> expectedByLead.computeIfAbsent(EventKeys.keyOf(e), k -> new ArrayList<>()).add(e.getEventId()));
        assertThat(idsByLead).isEqualTo(expectedByLead);

        final List<ConsumerRecord<byte[], byte[]>> deadLetters = consume(topics.dlq(), 5);
        assertThat(deadLetters).extracting(r -> Long.parseLong(DeadLetter.header(r.headers(), DeadLetter.SOURCE_LINE)))
                .containsExactlyElementsOf(written.malformedLineNumbers());
        assertThat(deadLetters).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.REASON))
                .containsExactly(RejectReason.MALFORMED_JSON.tag(), RejectReason.UNKNOWN_ENUM.tag(),
                        RejectReason.MISSING_FIELD.tag(), RejectReason.NEGATIVE_AMOUNT.tag(),
                        RejectReason.BAD_TIMESTAMP.tag());
    }

    @Test
    void shouldPublishTheRosterAndLiveTrafficWhenRunningTheDemoProducers() {
        final Topics topics = createTopics("live-it.");
        final List<Rep> roster = new CrmGenerator(GeneratorConfig.defaults()).roster();

        try (RosterImporter importer = new RosterImporter(topics, clientConfig())) {
            importer.publish(roster);
        }
        try (LiveTraffic traffic = new LiveTraffic(GeneratorConfig.defaults(), topics.crmEvents(), clientConfig(),
                20_000).start()) {
            final List<ConsumerRecord<String, SalesEvent>> live = consume(topics.crmEvents(), 200);
            assertThat(live).hasSizeGreaterThanOrEqualTo(200);
            assertThat(live).allSatisfy(r -> assertThat(r.value().getEventId()).startsWith(traffic.idPrefix()));
        }

        assertThat(consume(topics.reps(), roster.size()).stream().map(ConsumerRecord::value).toList())
                .containsExactlyInAnyOrderElementsOf(roster);
    }

    private Topics createTopics(final String prefix) {
        final Topics topics = new Topics(prefix, registry);
        stack.createTopics(List.of(
                new NewTopic(topics.name(Topics.CRM_EVENTS), 3, (short) 1),
                new NewTopic(topics.name(Topics.DLQ), 1, (short) 1),
                new NewTopic(topics.name(Topics.REPS), 1, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        return topics;
    }

    private Map<String, Object> clientConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    }

    /** Reads {@code topic} from the start until {@code expected} records arrived or the deadline passed. */
    private <K, V> List<ConsumerRecord<K, V>> consume(final Topic<K, V> topic, final int expected) {
        final Deserializer<K> keys = topic.keySerde().deserializer();
        final Deserializer<V> values = topic.valueSerde().deserializer();
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic.name() + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), keys, values)) {
            consumer.subscribe(List.of(topic.name()));
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
