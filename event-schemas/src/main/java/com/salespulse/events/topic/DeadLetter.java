package com.salespulse.events.topic;

import com.salespulse.events.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record on the dead-letter topic: the original key and value bytes are kept as
 * they were, and these headers say why and where the record came from. A record that did not come
 * from a topic names its source instead of a partition and offset: a bad line of an import file
 * its file and line, a request to an HTTP ingestion endpoint the endpoint and the body's media type.
 */
public final class DeadLetter {
    public static final String REASON = "salespulse.dlq.reason";
    public static final String DETAIL = "salespulse.dlq.detail";
    public static final String SOURCE_TOPIC = "salespulse.dlq.topic";
    public static final String SOURCE_PARTITION = "salespulse.dlq.partition";
    public static final String SOURCE_OFFSET = "salespulse.dlq.offset";
    public static final String SOURCE_FILE = "salespulse.dlq.file";
    public static final String SOURCE_LINE = "salespulse.dlq.line";
    /** The HTTP endpoint a rejected request body was posted to, e.g. {@code /ingest/forms/contact}. */
    public static final String SOURCE_ENDPOINT = "salespulse.dlq.endpoint";
    /** The media type of the posted body, so that the value can be read back (form or JSON). */
    public static final String SOURCE_CONTENT_TYPE = "salespulse.dlq.content.type";
    /**
     * On a record that {@code salespulse dlq replay} sent back to its topic: the dead letter it came
     * from, as {@code <partition>@<offset>} of the dead-letter topic.
     */
    public static final String REPLAYED_FROM = "salespulse.dlq.replayed-from";

    private DeadLetter() {
    }

    /** Headers for a record that came from a topic. */
    public static Headers fromTopic(final RejectReason reason, final String detail,
                                    final String topic, final int partition, final long offset) {
        final Headers headers = new RecordHeaders();
        put(headers, REASON, reason.tag());
        put(headers, DETAIL, detail);
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /** Headers for a record that came from a line of a file. */
    public static Headers fromFile(final RejectReason reason, final String detail, final String file, final long line) {
        final Headers headers = new RecordHeaders();
        put(headers, REASON, reason.tag());
        put(headers, DETAIL, detail);
        put(headers, SOURCE_FILE, file);
        put(headers, SOURCE_LINE, Long.toString(line));
        return headers;
    }

    /**
     * Headers for a record that was posted to an HTTP ingestion endpoint.
     *
     * @param endpoint    the endpoint's path, e.g. {@code /ingest/events}
     * @param contentType the media type the body was posted with; null when unknown
     */
    public static Headers fromEndpoint(final RejectReason reason, final String detail, final String endpoint,
                                       final String contentType) {
        final Headers headers = new RecordHeaders();
        put(headers, REASON, reason.tag());
        put(headers, DETAIL, detail);
        put(headers, SOURCE_ENDPOINT, endpoint);
        if (contentType != null) {
            put(headers, SOURCE_CONTENT_TYPE, contentType);
        }
        return headers;
    }

    /** A dead-letter record for {@code dlqTopic}. */
    public static ProducerRecord<byte[], byte[]> record(final String dlqTopic, final byte[] key, final byte[] value,
                                                        final Headers headers) {
        return new ProducerRecord<>(dlqTopic, null, key, value, headers);
    }

    /** The value of header {@code name}, or null. */
    public static String header(final Headers headers, final String name) {
        final var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(final Headers headers, final String name, final String value) {
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
