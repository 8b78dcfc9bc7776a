package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.CachingRestSchemaRegistryClient;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A HubSpot export imported into a real broker, crashed part-way, resumed, and imported again. */
@ExtendWith(KafkaStackExtension.class)
class CsvImportIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final int ROWS = 300;
    private static final int CHECKPOINT_EVERY = 50;
    private static final int CRASH_AFTER = 170;

    private final KafkaStack stack;
    private final CachingRestSchemaRegistryClient registry;

    @TempDir
    Path dir;

    CsvImportIT(final KafkaStack stack) {
        this.stack = stack;
        this.registry = new CachingRestSchemaRegistryClient(stack.schemaRegistryUrl());
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void shouldHoldEveryGoodRowOnceByEventIdWhenACrashedCsvImportIsResumedAndRepeated() throws IOException {
        final Topics topics = createTopics("csv-it.");
        final Export export = hubspotExport();
        final Path file = Files.writeString(dir.resolve("contacts.csv"), export.csv());
        final ImportOptions options = ImportOptions.defaults().withProfile(CsvProfile.HUBSPOT)
                .withCheckpointEvery(CHECKPOINT_EVERY);

        // Given an import killed after 170 rows: row n is on line n + 1, and a checkpoint is written once 50 lines
        // have passed since the last, at lines 50, 100 and 150 (rows 49, 99, 149); rows 150-170 were sent but not
        // checkpointed.
        try (EventImporter importer = new EventImporter(topics, clientConfig())) {
            assertThatThrownBy(() -> importer.importFile(file, options.withCrashAfter(CRASH_AFTER), null))
                    .isInstanceOf(InterruptedIOException.class);
        }
        final long checkpoint = ImportCheckpoint.read(file).orElseThrow().line();
        assertThat(checkpoint).isEqualTo(150);

        // When it is resumed.
        final ImportSummary resumed;
        try (EventImporter importer = new EventImporter(topics, clientConfig())) {
            resumed = importer.importFile(file, options.withResume(true), null);
        }

        // Then rows 1-149 were skipped, 150-300 sent (150-170 again), and every good row is on the topic under one
        // eventId.
        assertThat(resumed.skipped()).isEqualTo(149);
        assertThat(resumed.imported() + resumed.deadLettered()).isEqualTo(ROWS - 149);
        final long goodSentFirst = export.goodRowsUpTo(CRASH_AFTER);
        final List<ConsumerRecord<String, SalesEvent>> events =
                consume(topics.crmEvents(), goodSentFirst + resumed.imported());
        assertThat(events).hasSize((int) (goodSentFirst + resumed.imported()));
        final Set<String> eventIds = events.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet());
        assertThat(eventIds).hasSize(export.goodRows());
        assertThat(events.stream().map(r -> r.value().getLeadId()).collect(Collectors.toSet()))
                .isEqualTo(export.goodLeadIds());

        // And every bad row is in the dead-letter topic with its reason and line.
        final long badSentFirst = CRASH_AFTER - goodSentFirst;
        final List<ConsumerRecord<byte[], byte[]>> deadLetters = consume(topics.dlq(), badSentFirst + resumed.deadLettered());
        final Map<Long, String> reasonByLine = new HashMap<>();
        deadLetters.forEach(r -> reasonByLine.put(Long.parseLong(DeadLetter.header(r.headers(), DeadLetter.SOURCE_LINE)),
                DeadLetter.header(r.headers(), DeadLetter.REASON)));
        assertThat(reasonByLine).isEqualTo(export.badReasonByLine());

        // When the whole file is imported again, nothing new: the same eventIds, which the pipeline drops.
        final ImportSummary again;
        try (EventImporter importer = new EventImporter(topics, clientConfig())) {
            again = importer.importFile(file, options, null);
        }
        assertThat(again.imported()).isEqualTo(export.goodRows());
        final List<ConsumerRecord<String, SalesEvent>> all =
                consume(topics.crmEvents(), events.size() + export.goodRows());
        assertThat(all).hasSize(events.size() + export.goodRows());
        assertThat(all.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet())).isEqualTo(eventIds);
    }

    /**
     * 300 HubSpot contacts; every 25th row (25, 50, ...) is bad, in turn an unparsable date, no Record ID,
     * and an unknown lifecycle stage: 12 bad rows, 288 good. Row n is on line n + 1.
     */
    private static Export hubspotExport() {
        final StringBuilder csv = new StringBuilder(
                "Record ID,First Name,Email,Create Date,HubSpot Owner ID,Original Source,Region,Lifecycle Stage\n");
        final Map<Long, String> badReasonByLine = new HashMap<>();
        final Set<String> goodLeadIds = new HashSet<>();
        final List<Boolean> good = new ArrayList<>();
        for (int n = 1; n <= ROWS; n++) {
            String id = "HS" + n;
            String created = T0.plusSeconds(60L * n).toString().replace("T", " ").replace("Z", "");
            String stage = n % 2 == 0 ? "lead" : "marketingqualifiedlead";
            if (n % 25 == 0) {
                switch (n / 25 % 3) {
                    case 1 -> {
                        created = "sometime in March";
                        badReasonByLine.put(n + 1L, RejectReason.BAD_TIMESTAMP.tag());
                    }
                    case 2 -> {
                        id = "";
                        badReasonByLine.put(n + 1L, RejectReason.MISSING_FIELD.tag());
                    }
                    default -> {
                        stage = "other";
                        badReasonByLine.put(n + 1L, RejectReason.UNKNOWN_ENUM.tag());
                    }
                }
                good.add(false);
            } else {
                goodLeadIds.add(id);
                good.add(true);
            }
            csv.append(String.format(Locale.ROOT, "%s,\"Name %d, Jr.\",p%d@example.com,%s,R%d,%s,%s,%s%n",
                    id, n, n, created, n % 7, n % 3 == 0 ? "Paid Search" : "Organic Search",
                    n % 2 == 0 ? "EMEA" : "AMER", stage));
        }
        return new Export(csv.toString(), good, goodLeadIds, badReasonByLine);
    }

    private record Export(String csv, List<Boolean> good, Set<String> goodLeadIds, Map<Long, String> badReasonByLine) {
        int goodRows() {
            return goodLeadIds.size();
        }

        long goodRowsUpTo(final int rows) {
            return good.subList(0, rows).stream().filter(g -> g).count();
        }
    }

    private Topics createTopics(final String prefix) {
        final Topics topics = new Topics(prefix, registry);
        stack.createTopics(List.of(
                new NewTopic(topics.name(Topics.CRM_EVENTS), 3, (short) 1),
                new NewTopic(topics.name(Topics.DLQ), 1, (short) 1)));
        return topics;
    }

    private Map<String, Object> clientConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    }

    /** Reads {@code topic} from the start until {@code expected} records arrived or the deadline passed. */
    private <K, V> List<ConsumerRecord<K, V>> consume(final Topic<K, V> topic, final long expected) {
        final Deserializer<K> keys = topic.keySerde().deserializer();
        final Deserializer<V> values = topic.valueSerde().deserializer();
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic.name() + "-reader-" + System.nanoTime(),
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
