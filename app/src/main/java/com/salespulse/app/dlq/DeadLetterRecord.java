package com.salespulse.app.dlq;

import com.salespulse.events.topic.DeadLetter;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One record of the dead-letter topic: where it sits, when it was written, and what its headers
 * say. The original key and value are kept for sending back; nothing shows or logs them, because
 * they may hold personal data. Header values are as the writer put them, empty when absent.
 *
 * @param partition       partition of the dead-letter topic
 * @param offset          offset in that partition
 * @param time            when the record was written to the dead-letter topic
 * @param reason          the reason tag, e.g. {@code bad_value}
 * @param detail          what was wrong, naming fields but no values
 * @param sourceTopic     the topic the record came from; empty for a line of an import file
 * @param sourcePartition its partition there
 * @param sourceOffset    its offset there
 * @param file            the import file the line came from; empty for a record from a topic
 * @param line            the line number in that file
 * @param key             the original key bytes, or null
 * @param value           the original value bytes (for a file, the line), or null
 */
public record DeadLetterRecord(int partition, long offset, Instant time, String reason, String detail,
                               String sourceTopic, String sourcePartition, String sourceOffset, String file,
                               String line, byte[] key, byte[] value) {
    /** Longer details are cut: a header is not a document, and a terminal line should stay a line. */
    static final int MAX_DETAIL_CHARS = 300;

    public static DeadLetterRecord of(final ConsumerRecord<byte[], byte[]> record) {
        final Headers headers = record.headers();
        return new DeadLetterRecord(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                header(headers, DeadLetter.REASON), header(headers, DeadLetter.DETAIL),
                header(headers, DeadLetter.SOURCE_TOPIC), header(headers, DeadLetter.SOURCE_PARTITION),
                header(headers, DeadLetter.SOURCE_OFFSET), header(headers, DeadLetter.SOURCE_FILE),
                header(headers, DeadLetter.SOURCE_LINE), record.key(), record.value());
    }

    /** Where the record sits in the dead-letter topic: {@code <partition>@<offset>}, the key of its replay marker. */
    public String position() {
        return partition + "@" + offset;
    }

    /** True for a line of an import file, which never was a record on a topic. */
    public boolean isFromFile() {
        return sourceTopic.isEmpty() && !file.isEmpty();
    }

    /** {@code sales.crm-events-2@17} for a record from a topic, {@code events.jsonl:42} for a line of a file. */
    public String source() {
        if (!sourceTopic.isEmpty()) {
            return printable(sourceTopic + "-" + sourcePartition + "@" + sourceOffset);
        }
        if (!file.isEmpty()) {
            return printable(file + ":" + line);
        }
        return "unknown";
    }

    /**
     * The detail as it may be shown: control characters (a terminal's escape sequences among them)
     * become spaces, and it is cut at {@value #MAX_DETAIL_CHARS} characters. The writers put no
     * payload in it; this guards the terminal against a record someone else wrote. {@link #source()}
     * is made printable the same way.
     */
    public String printableDetail() {
        return printable(detail);
    }

    private static String printable(final String text) {
        final StringBuilder printable = new StringBuilder(Math.min(text.length(), MAX_DETAIL_CHARS + 1));
        for (int i = 0; i < text.length() && printable.length() < MAX_DETAIL_CHARS; i++) {
            final char c = text.charAt(i);
            printable.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_DETAIL_CHARS) {
            printable.append('…');
        }
        return printable.toString();
    }

    private static String header(final Headers headers, final String name) {
        final String value = DeadLetter.header(headers, name);
        return value == null ? "" : value;
    }
}
