package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {
    /**
     * Line 1 header; 2 good; 3-4 one good row whose quoted note spans two lines; 5 bad time;
     * 6 blank; 7 no lead id; 8 good.
     */
    private static final String HUBSPOT_CSV = """
            Record ID,Email,Create Date,HubSpot Owner ID,Original Source,Region,Lifecycle Stage,Notes
            1001,a@example.com,2026-11-02 09:00,R1,Organic Search,EMEA,lead,plain
            1002,b@example.com,1793610000000,R2,Paid Search,AMER,subscriber,"two
            lines, and a comma"
            1003,c@example.com,not a date,R1,Referrals,EMEA,lead,
            ,,,,,,,
            ,d@example.com,2026-11-02 10:00,R2,Referrals,EMEA,lead,
            1004,e@example.com,2026-11-02T11:00:00Z,R3,Offline Sources,APAC,customer,
            """;

    private final Topics topics = new Topics("", new InMemorySchemaRegistryClient());
    /** An importer closes its producer, so each run gets a new one, as a new process would. */
    private MockProducer<byte[], byte[]> producer = newProducer();

    @TempDir
    Path dir;

    @Test
    void shouldImportGoodRowsAndDeadLetterBadOnesWithTheirLineWhenTheFileIsCsv() throws IOException {
        final Path file = write("contacts.csv", HUBSPOT_CSV);

        final ImportSummary summary;
        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            summary = importer.importFile(file, ImportOptions.defaults().withProfile(CsvProfile.HUBSPOT), null);
        }

        assertThat(summary.linesRead()).isEqualTo(6);
        assertThat(summary.imported()).isEqualTo(3);
        assertThat(summary.blankLines()).isEqualTo(1);
        assertThat(summary.deadLetteredByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RejectReason.BAD_TIMESTAMP, 1L, RejectReason.MISSING_FIELD, 1L));
        assertThat(events()).extracting(SalesEvent::getLeadId).containsExactly("1001", "1002", "1004");
        final List<ProducerRecord<byte[], byte[]>> deadLetters = deadLetters();
        assertThat(deadLetters).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.SOURCE_LINE))
                .containsExactly("5", "7");
        assertThat(deadLetters).extracting(r -> DeadLetter.header(r.headers(), DeadLetter.REASON))
                .containsExactly(RejectReason.BAD_TIMESTAMP.tag(), RejectReason.MISSING_FIELD.tag());
        // The dead letter holds the row's JSON form, not the export's personal columns.
        assertThat(deadLetters).allSatisfy(r ->
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("@example.com"));
        assertThat(ImportCheckpoint.pathOf(file)).doesNotExist();
    }

    @Test
    void shouldSkipAcknowledgedLinesWhenResumingAfterACrash() throws IOException {
        final Path file = write("contacts.csv", HUBSPOT_CSV);
        final ImportOptions options = ImportOptions.defaults().withProfile(CsvProfile.HUBSPOT).withCheckpointEvery(2);

        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            assertThatThrownBy(() -> importer.importFile(file, options.withCrashAfter(4), null))
                    .isInstanceOf(InterruptedIOException.class);
        }
        // Rows start on lines 2, 3, 5, 6, 7, 8. Checkpoints every 2 lines: after line 2 (2 - 0), then after
        // line 5 (5 - 2); the crash comes after the fourth row (line 6), before it could be checkpointed.
        assertThat(ImportCheckpoint.read(file)).hasValueSatisfying(c -> assertThat(c.line()).isEqualTo(5));
        final List<String> firstRun = events().stream().map(SalesEvent::getEventId).toList();
        producer = newProducer();

        final ImportSummary resumed;
        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            resumed = importer.importFile(file, options.withResume(true), null);
        }

        // Lines 2, 3, 5 skipped; 6 blank, 7 dead-lettered, 8 imported.
        assertThat(resumed.skipped()).isEqualTo(3);
        assertThat(resumed.blankLines()).isEqualTo(1);
        assertThat(resumed.deadLettered()).isEqualTo(1);
        assertThat(resumed.imported()).isEqualTo(1);
        assertThat(events()).extracting(SalesEvent::getLeadId).containsExactly("1004");
        assertThat(firstRun).doesNotContainAnyElementsOf(events().stream().map(SalesEvent::getEventId).toList());
        assertThat(ImportCheckpoint.pathOf(file)).doesNotExist();
    }

    @Test
    void shouldRefuseToResumeWhenTheCheckpointIsOfAnotherFile() throws IOException {
        final Path file = write("contacts.csv", HUBSPOT_CSV);
        final ImportOptions options = ImportOptions.defaults().withProfile(CsvProfile.HUBSPOT).withCheckpointEvery(1);
        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            assertThatThrownBy(() -> importer.importFile(file, options.withCrashAfter(2), null))
                    .isInstanceOf(InterruptedIOException.class);
        }
        Files.writeString(file, HUBSPOT_CSV.replace("1001", "2001"));
        producer = newProducer();

        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            assertThatThrownBy(() -> importer.importFile(file, options.withResume(true), null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot resume");
        }
    }

    @Test
    void shouldRefuseToResumeWhenThereIsNoCheckpoint() throws IOException {
        final Path file = write("contacts.csv", HUBSPOT_CSV);

        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            assertThatThrownBy(() -> importer.importFile(file, ImportOptions.defaults().withResume(true), null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing to resume");
        }
    }

    @Test
    void shouldReadJsonLinesWhenTheFileIsNotCsv() throws IOException {
        final Path file = write("events.jsonl", """
                {"eventId":"E1","type":"LEAD_CREATED","occurredAt":"2026-11-02T09:00:00Z","leadId":"L1","channel":"paid","region":"EMEA"}
                not json
                """);

        final ImportSummary summary;
        try (EventImporter importer = new EventImporter(topics.crmEvents(), topics.dlq(), producer)) {
            summary = importer.importFile(file, ImportOptions.defaults(), null);
        }

        assertThat(summary.imported()).isEqualTo(1);
        assertThat(summary.deadLetteredByReason()).containsExactly(Map.entry(RejectReason.MALFORMED_JSON, 1L));
    }

    private static MockProducer<byte[], byte[]> newProducer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<SalesEvent> events() {
        return producer.history().stream().filter(r -> r.topic().equals(topics.crmEvents().name()))
                .map(r -> topics.crmEvents().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetters() {
        return producer.history().stream().filter(r -> r.topic().equals(topics.dlq().name())).toList();
    }
}
