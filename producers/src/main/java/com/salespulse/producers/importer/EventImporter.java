package com.salespulse.producers.importer;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.EventKeys;
import com.salespulse.producers.ProducerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Imports a JSON Lines file of events (DESIGN.md section 5) into {@code sales.crm-events}, keyed by
 * leadId (a CAMPAIGN_SPEND, which has no lead, by its channel). Each line is parsed with
 * {@link SalesEventJson#parse}; a bad line goes to {@code sales.dlq} as its raw bytes, with
 * headers giving the reason, the file name and the line number ({@link
 * com.salespulse.events.topic.DeadLetter#fromFile}). Blank lines are skipped. The producer is
 * idempotent with {@code acks=all}; an import returns once every record is acknowledged.
 */
public final class EventImporter implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final JsonLinesImport<SalesEvent> lines;

    /** An importer writing to the topics of {@code topics} with a producer built from {@code clientConfig}. */
    public EventImporter(final Topics topics, final Map<String, ?> clientConfig) {
        this(topics.crmEvents(), topics.dlq(), clientConfig);
    }

    public EventImporter(final Topic<String, SalesEvent> events, final Topic<byte[], byte[]> deadLetters,
                         final Map<String, ?> clientConfig) {
        this(events, deadLetters, new KafkaProducer<>(ProducerSettings.idempotent(clientConfig, "salespulse-import"),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * An importer sending through {@code producer}, which it closes when closed. Keys and values
     * are serialized with the topics' serdes before they reach the producer.
     */
    public EventImporter(final Topic<String, SalesEvent> events, final Topic<byte[], byte[]> deadLetters,
                         final Producer<byte[], byte[]> producer) {
        this.producer = producer;
        this.lines = new JsonLinesImport<>(events, deadLetters, SalesEventJson::parse, EventKeys::keyOf, producer);
    }

    public ImportSummary importFile(final Path file) throws IOException {
        return importFile(file, null);
    }

    /**
     * Imports {@code file}, calling {@code progress} about twice a second and once at the end.
     *
     * @throws ImportFailedException when the broker did not acknowledge every record
     */
    public ImportSummary importFile(final Path file, final Consumer<ImportProgress> progress) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return lines.run(file.getFileName().toString(), in, Files.size(file), progress);
        }
    }

    /**
     * Imports JSON Lines from {@code in} (not closed), named {@code source} in dead-letter headers.
     *
     * @param totalBytes the input's size for progress, or -1 when unknown
     */
    public ImportSummary importStream(final String source, final InputStream in, final long totalBytes,
                                      final Consumer<ImportProgress> progress) throws IOException {
        return lines.run(source, in, totalBytes, progress);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
