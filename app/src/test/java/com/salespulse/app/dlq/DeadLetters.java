package com.salespulse.app.dlq;

import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/** Dead-letter records as the pipeline and the importer write them, for unit tests. */
final class DeadLetters {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private DeadLetters() {
    }

    /** A record the pipeline refused, at {@code partition@offset} of the dead-letter topic. */
    static DeadLetterRecord fromTopic(final int partition, final long offset, final RejectReason reason,
                                      final String detail, final String topic, final byte[] key, final byte[] value) {
        return DeadLetterRecord.of(record(partition, offset, key, value,
                DeadLetter.fromTopic(reason, detail, topic, 2, 17)));
    }

    /** A line the importer refused. */
    static DeadLetterRecord fromFile(final int partition, final long offset, final RejectReason reason,
                                     final String detail, final long line, final String text) {
        return DeadLetterRecord.of(record(partition, offset, null, text.getBytes(StandardCharsets.UTF_8),
                DeadLetter.fromFile(reason, detail, "events.jsonl", line)));
    }

    private static ConsumerRecord<byte[], byte[]> record(final int partition, final long offset, final byte[] key,
                                                         final byte[] value, final Headers headers) {
        return new ConsumerRecord<>("sales.dlq", partition, offset, T0.toEpochMilli(), TimestampType.CREATE_TIME,
                -1, -1, key, value, headers, Optional.empty());
    }
}
