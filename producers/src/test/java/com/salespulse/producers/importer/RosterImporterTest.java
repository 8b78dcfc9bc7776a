package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Rep;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.serde.AvroSerde;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class RosterImporterTest {
    private static final List<Rep> ROSTER = new CrmGenerator(GeneratorConfig.defaults()).roster();

    private final Topics topics = new Topics("", new InMemorySchemaRegistryClient());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void shouldImportRepsKeyedByRepIdAndDeadLetterABadLineWhenReadingARosterFile() throws IOException {
        final String badZone = "{\"repId\":\"R99\",\"name\":\"N\",\"teamId\":\"T1\",\"region\":\"EMEA\","
                + "\"timezone\":\"CET+1\"}";
        final StringBuilder file = new StringBuilder();
        ROSTER.forEach(rep -> file.append(RepJson.write(rep)).append('\n'));
        file.append(badZone).append('\n');
        final byte[] input = file.toString().getBytes(StandardCharsets.UTF_8);

        final ImportSummary summary = new RosterImporter(topics.reps(), topics.dlq(), producer)
                .importStream("reps.jsonl", new ByteArrayInputStream(input), input.length, null);

        assertThat(summary.imported()).isEqualTo(ROSTER.size());
        assertThat(summary.deadLetteredByReason()).isEqualTo(Map.of(RejectReason.BAD_VALUE, 1L));
        final AvroSerde<Rep> serde = (AvroSerde<Rep>) topics.reps().valueSerde();
        final List<ProducerRecord<byte[], byte[]>> reps = producer.history().stream()
                .filter(r -> r.topic().equals("sales.reps")).toList();
        assertThat(reps).extracting(r -> serde.deserialize(r.topic(), r.value())).isEqualTo(ROSTER);
        assertThat(reps).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo(ROSTER.stream().map(Rep::getRepId).toList());
        final ProducerRecord<byte[], byte[]> dead = producer.history().get(producer.history().size() - 1);
        assertThat(dead.topic()).isEqualTo("sales.dlq");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.SOURCE_LINE)).isEqualTo(
                String.valueOf(ROSTER.size() + 1));
        assertThat(dead.value()).isEqualTo(badZone.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPublishTheRosterKeyedByRepIdWhenGivenReps() {
        final int published;
        try (RosterImporter importer = new RosterImporter(topics.reps(), topics.dlq(), producer)) {
            published = importer.publish(ROSTER);
        }

        assertThat(published).isEqualTo(12);
        assertThat(producer.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12");
    }
}
