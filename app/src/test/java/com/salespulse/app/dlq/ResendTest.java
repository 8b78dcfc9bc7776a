package com.salespulse.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResendTest {
    private static final String CONTACTED = "{\"eventId\":\"E2\",\"type\":\"LEAD_CONTACTED\","
            + "\"occurredAt\":\"2026-11-02T10:10:00Z\",\"leadId\":\"L1\",\"repId\":\"R1\",\"activity\":\"CALL\"}";

    private final Topics topics = new Topics("p.", new InMemorySchemaRegistryClient());
    private final Resend resend = new Resend(topics);

    @Test
    void shouldSendTheOriginalBytesBackWhenTheDeadLetterCameFromTheEventTopic() {
        // Given
        final byte[] key = bytes("L1");
        final byte[] value = {0, 0, 0, 0, 1, 42};
        final DeadLetterRecord deadLetter = DeadLetters.fromTopic(0, 7, RejectReason.BAD_VALUE, "currency",
                "p.sales.crm-events", key, value);

        // When
        final Resend.Outcome outcome = resend.of(deadLetter);

        // Then
        assertThat(outcome).isInstanceOfSatisfying(Resend.Send.class, send -> {
            assertThat(send.topic()).isEqualTo("p.sales.crm-events");
            assertThat(send.key()).isSameAs(key);
            assertThat(send.value()).isSameAs(value);
        });
    }

    @Test
    void shouldLeaveTheDeadLetterWhenItCameFromTheRosterOrAnInternalTopic() {
        // Given
        final DeadLetterRecord rep = DeadLetters.fromTopic(0, 1, RejectReason.MALFORMED_AVRO, "x", "p.sales.reps",
                bytes("R1"), bytes("rep"));
        final DeadLetterRecord internal = DeadLetters.fromTopic(0, 2, RejectReason.PROCESSING_ERROR, "x",
                "app-bucket-deltas-repartition", bytes("k"), bytes("v"));
        final DeadLetterRecord otherPrefix = DeadLetters.fromTopic(0, 3, RejectReason.LATE, "x", "sales.crm-events",
                bytes("L1"), bytes("v"));

        // When / Then
        assertThat(resend.of(rep)).isEqualTo(new Resend.Skip("not from an event topic"));
        assertThat(resend.of(internal)).isEqualTo(new Resend.Skip("not from an event topic"));
        assertThat(resend.of(otherPrefix)).isEqualTo(new Resend.Skip("not from an event topic"));
    }

    @Test
    void shouldLeaveTheDeadLetterWhenItHasNoValue() {
        // Given a tombstone the pipeline refused
        final DeadLetterRecord tombstone = DeadLetters.fromTopic(0, 4, RejectReason.MISSING_FIELD, "no value",
                "p.sales.crm-events", bytes("L1"), null);

        // When / Then
        assertThat(resend.of(tombstone)).isEqualTo(new Resend.Skip("no value to send"));
    }

    @Test
    void shouldSendAnImportLineAsAvroUnderItsLeadWhenItNowParses() {
        // Given a line (with the byte-order mark of a file's first line) that the importer once refused
        final DeadLetterRecord line = DeadLetters.fromFile(1, 9, RejectReason.BAD_VALUE, "old parser", 1,
                "\uFEFF" + CONTACTED);

        // When
        final Resend.Outcome outcome = resend.of(line);

        // Then it goes to the event topic as the Avro event, keyed by its lead
        assertThat(outcome).isInstanceOfSatisfying(Resend.Send.class, send -> {
            assertThat(send.topic()).isEqualTo("p.sales.crm-events");
            assertThat(new String(send.key(), StandardCharsets.UTF_8)).isEqualTo("L1");
            final SalesEvent event = topics.crmEvents().valueSerde().deserializer().deserialize(send.topic(), send.value());
            assertThat(event.getEventId()).isEqualTo("E2");
            assertThat(event.getType()).isEqualTo(EventType.LEAD_CONTACTED);
        });
    }

    @Test
    void shouldLeaveAnImportLineWhenItStillDoesNotParse() {
        // Given lines that are still bad: cut off, and a roster line (which the event parser cannot take)
        final DeadLetterRecord cut = DeadLetters.fromFile(0, 1, RejectReason.MALFORMED_JSON, "x", 3, "{\"eventId\":");
        final DeadLetterRecord rep = DeadLetters.fromFile(0, 2, RejectReason.BAD_VALUE, "x", 4,
                "{\"repId\":\"R1\",\"name\":\"Ann\",\"teamId\":\"T1\",\"region\":\"EMEA\",\"timezone\":\"Mars/Olympus\"}");

        // When / Then
        assertThat(resend.of(cut)).isEqualTo(new Resend.Skip("line still invalid: malformed_json"));
        assertThat(resend.of(rep)).isEqualTo(new Resend.Skip("line still invalid: missing_field"));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
