package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.serde.AvroSerde;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventImporterTest {
    private static final GeneratorConfig CONFIG = GeneratorConfig.of(11, 120).withMalformedLines(10);
    private static final List<SalesEvent> EVENTS = new CrmGenerator(CONFIG).generate();

    private final Topics topics = new Topics("", new InMemorySchemaRegistryClient());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @TempDir
    Path dir;

    @Test
    void shouldImportEveryGoodLineAndDeadLetterEveryBadOneWhenTheFileHasMalformedLines() throws IOException {
        final Path file = dir.resolve("events.jsonl");
        final JsonLinesWriter.Summary written = JsonLinesWriter.of(CONFIG).writeEvents(EVENTS, file);
        final List<String> lines = Files.readAllLines(file);

        final ImportSummary summary;
        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            summary = importer.importFile(file);
        }

        assertThat(summary.linesRead()).isEqualTo(EVENTS.size() + 10L);
        assertThat(summary.imported()).isEqualTo(EVENTS.size());
        assertThat(summary.deadLettered()).isEqualTo(10);
        assertThat(summary.blankLines()).isZero();
        // 10 bad lines dealt over the 5 kinds in turn: 2 of each.
        assertThat(summary.deadLetteredByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RejectReason.MALFORMED_JSON, 2L, RejectReason.UNKNOWN_ENUM, 2L, RejectReason.MISSING_FIELD, 2L,
                RejectReason.NEGATIVE_AMOUNT, 2L, RejectReason.BAD_TIMESTAMP, 2L));
        assertThat(summary.bytesRead()).isEqualTo(Files.size(file));

        final AvroSerde<SalesEvent> serde = (AvroSerde<SalesEvent>) topics.crmEvents().valueSerde();
        final List<SalesEvent> imported = new ArrayList<>();
        final List<Long> deadLetterLines = new ArrayList<>();
        for (final ProducerRecord<byte[], byte[]> record : producer.history()) {
            if (record.topic().equals("sales.crm-events")) {
                final SalesEvent event = serde.deserialize(record.topic(), record.value());
                imported.add(event);
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(
                        event.getType() == EventType.CAMPAIGN_SPEND ? event.getChannel() : event.getLeadId());
            } else {
                assertThat(record.topic()).isEqualTo("sales.dlq");
                final long line = Long.parseLong(DeadLetter.header(record.headers(), DeadLetter.SOURCE_LINE));
                deadLetterLines.add(line);
                assertThat(record.key()).isNull();
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(lines.get((int) line - 1));
                assertThat(DeadLetter.header(record.headers(), DeadLetter.SOURCE_FILE)).isEqualTo("events.jsonl");
                assertThat(DeadLetter.header(record.headers(), DeadLetter.REASON)).isNotBlank();
                assertThat(DeadLetter.header(record.headers(), DeadLetter.DETAIL)).isNotBlank();
            }
        }
        assertThat(imported).isEqualTo(EVENTS);
        assertThat(deadLetterLines).isEqualTo(written.malformedLineNumbers());
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void shouldSkipBlankLinesAndReadCrLfAndAByteOrderMarkWhenImporting() throws IOException {
        final String first = SalesEventJson.write(EVENTS.get(0));
        final String second = SalesEventJson.write(EVENTS.get(1));
        final byte[] input = ("\uFEFF" + first + "\r\n\r\n   \n" + second).getBytes(StandardCharsets.UTF_8);

        final ImportSummary summary = new EventImporter(topics.crmEvents(), topics.dlq(), producer)
                .importStream("upload", new ByteArrayInputStream(input), input.length, null);

        assertThat(summary.linesRead()).isEqualTo(4);
        assertThat(summary.blankLines()).isEqualTo(2);
        assertThat(summary.imported()).isEqualTo(2);
        assertThat(summary.deadLettered()).isZero();
    }

    @Test
    void shouldDeadLetterTheHeadOfALineWhenTheLineExceedsTheLimit() throws IOException {
        final String huge = "{\"note\":\"" + "x".repeat(JsonLinesImport.MAX_LINE_BYTES) + "\"}";
        final byte[] input = (huge + "\n" + SalesEventJson.write(EVENTS.get(0)) + "\n").getBytes(StandardCharsets.UTF_8);

        final ImportSummary summary = new EventImporter(topics.crmEvents(), topics.dlq(), producer)
                .importStream("upload", new ByteArrayInputStream(input), input.length, null);

        assertThat(summary.deadLetteredByReason()).isEqualTo(Map.of(RejectReason.BAD_VALUE, 1L));
        assertThat(summary.imported()).isEqualTo(1);
        assertThat(producer.history().get(0).value()).hasSize(JsonLinesImport.MAX_LINE_BYTES);
    }

    @Test
    void shouldReportProgressUpToTheWholeFileWhenImporting() throws IOException {
        final Path file = dir.resolve("events.jsonl");
        JsonLinesWriter.of(CONFIG).writeEvents(EVENTS, file);
        final List<ImportProgress> reports = new ArrayList<>();

        new EventImporter(topics.crmEvents(), topics.dlq(), producer).importFile(file, reports::add);

        final ImportProgress last = reports.get(reports.size() - 1);
        assertThat(last.linesRead()).isEqualTo(EVENTS.size() + 10L);
        assertThat(last.bytesRead()).isEqualTo(Files.size(file)).isEqualTo(last.totalBytes());
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.describe()).startsWith("events.jsonl: ").contains("(100%)");
    }

    @Test
    void shouldFailTheImportWhenTheBrokerDoesNotAcknowledgeARecord() throws IOException {
        final MockProducer<byte[], byte[]> failing =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized void flush() {
                        errorNext(new TimeoutException("expired"));
                        super.flush();
                    }
                };
        final String line = SalesEventJson.write(EVENTS.get(0)) + "\n"
                + SalesEventJson.write(EVENTS.get(1)) + "\n";
        final byte[] input = line.getBytes(StandardCharsets.UTF_8);

        final ImportFailedException failure = catchThrowableOfType(ImportFailedException.class, () ->
                new EventImporter(topics.crmEvents(), topics.dlq(), failing)
                        .importStream("upload", new ByteArrayInputStream(input), input.length, null));

        assertThat(failure).hasMessageContaining("1 record(s) of upload").hasCauseInstanceOf(TimeoutException.class);
        assertThat(failure.summary().imported()).isEqualTo(1);
    }
    @Test
    void shouldPublishEventsInTheirOrderKeyedLikeAnImportWhenGivenFromMemory() {
        // Given events in memory, as the demo's generated history comes
        final List<SalesEvent> batch = EVENTS.subList(0, 50);

        // When they are published
        final long published;
        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            published = importer.publish(batch);
        }

        // Then every one is on sales.crm-events, in the same order, keyed by lead (spend by channel)
        assertThat(published).isEqualTo(50);
        final AvroSerde<SalesEvent> serde = (AvroSerde<SalesEvent>) topics.crmEvents().valueSerde();
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("sales.crm-events");
        assertThat(producer.history()).extracting(record -> serde.deserialize(record.topic(), record.value()))
                .containsExactlyElementsOf(batch);
        assertThat(producer.history()).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(batch.stream().map(event -> event.getType() == EventType.CAMPAIGN_SPEND
                        ? event.getChannel() : event.getLeadId()).toList());
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void shouldFailThePublicationWhenTheBrokerDoesNotAcknowledgeAnEvent() {
        // Given a broker that does not acknowledge the last of two events
        final MockProducer<byte[], byte[]> failing =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized void flush() {
                        completeNext();
                        errorNext(new TimeoutException("expired"));
                        super.flush();
                    }
                };

        // When two events are published
        final KafkaException failure = catchThrowableOfType(KafkaException.class, () ->
                new EventImporter(topics.crmEvents(), topics.dlq(), failing).publish(EVENTS.subList(0, 2)));

        // Then the publication fails, naming how many were lost
        assertThat(failure).hasMessageContaining("1 of 2 event(s) not acknowledged by sales.crm-events")
                .hasCauseInstanceOf(TimeoutException.class);
    }
}
