package com.salespulse.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    @Test
    void shouldNameTheTopicPartitionAndOffsetWhenTheDeadLetterCameFromATopic() {
        // Given
        final DeadLetterRecord record = DeadLetters.fromTopic(1, 5, RejectReason.LATE, "late", "sales.crm-events",
                bytes("L1"), bytes("{}"));

        // When / Then
        assertThat(record.source()).isEqualTo("sales.crm-events-2@17");
        assertThat(record.position()).isEqualTo("1@5");
        assertThat(record.reason()).isEqualTo("late");
        assertThat(record.time()).isEqualTo(DeadLetters.T0);
        assertThat(record.isFromFile()).isFalse();
    }

    @Test
    void shouldNameTheFileAndLineWhenTheDeadLetterIsALineOfAnImportFile() {
        // Given
        final DeadLetterRecord record = DeadLetters.fromFile(0, 3, RejectReason.MALFORMED_JSON, "not JSON", 42, "{");

        // When / Then
        assertThat(record.source()).isEqualTo("events.jsonl:42");
        assertThat(record.isFromFile()).isTrue();
        assertThat(record.sourceTopic()).isEmpty();
    }

    @Test
    void shouldReplaceControlCharactersAndCutTheDetailWhenItIsPrinted() {
        // Given a detail someone else wrote, with a terminal escape sequence and 400 characters
        final String detail = "\u001b[2Jwiped" + "x".repeat(400);
        final DeadLetterRecord record = DeadLetters.fromTopic(0, 0, RejectReason.BAD_VALUE, detail, "t\nopic",
                null, null);

        // When
        final String printable = record.printableDetail();

        // Then
        assertThat(printable).startsWith(" [2Jwiped").doesNotContain("\u001b").hasSize(DeadLetterRecord.MAX_DETAIL_CHARS + 1)
                .endsWith("…");
        assertThat(record.source()).isEqualTo("t opic-2@17");
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
