package com.salespulse.producers.importer;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.EventKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Imports a JSON Lines file of events (DESIGN.md section 5), or a CRM's CSV export mapped to that
 * form by a {@link CsvProfile}, into {@code sales.crm-events}, keyed by
 * leadId (a CAMPAIGN_SPEND, which has no lead, by its channel). Each line is parsed with
 * {@link SalesEventJson#parse}; a bad line goes to {@code sales.dlq} as its raw bytes, with
 * headers giving the reason, the file name and the line number ({@link
 * com.salespulse.events.topic.DeadLetter#fromFile}). Blank lines are skipped. The producer is
 * idempotent with {@code acks=all}; an import returns once every record is acknowledged.
 * {@link #publish} sends events from memory the same way (the demo's generated history).
 */
public final class EventImporter extends LineImporter<SalesEvent> {
    private final Topic<String, SalesEvent> events;

    /** An importer writing to the topics of {@code topics} with a producer built from {@code clientConfig}. */
    public EventImporter(final Topics topics, final Map<String, ?> clientConfig) {
        this(topics.crmEvents(), topics.dlq(), clientConfig);
    }

    public EventImporter(final Topic<String, SalesEvent> events, final Topic<byte[], byte[]> deadLetters,
                         final Map<String, ?> clientConfig) {
        this(events, deadLetters, producer(clientConfig, "salespulse-import"));
    }

    /**
     * An importer sending through {@code producer}, which it closes when closed. Keys and values
     * are serialized with the topics' serdes before they reach the producer.
     */
    public EventImporter(final Topic<String, SalesEvent> events, final Topic<byte[], byte[]> deadLetters,
                         final Producer<byte[], byte[]> producer) {
        super(producer, new JsonLinesImport<>(events, deadLetters, SalesEventJson::parse, EventKeys::keyOf, producer));
        this.events = events;
    }

    /**
     * Imports {@code file}, JSON Lines or CSV, as {@code options} say, calling {@code progress} about
     * twice a second and once at the end. Every {@code options.checkpointEvery()} lines it waits for
     * the broker's acknowledgements and saves the line in the file's {@link ImportCheckpoint}; with
     * {@code options.resume()} it skips the lines up to the checkpoint, which must have been written
     * for this very file read the same way. Without it, an existing checkpoint is replaced and the
     * file imported from the start (what was sent before carries the same eventIds, and the pipeline
     * drops the repeats). The checkpoint is deleted once the whole file is acknowledged.
     *
     * @throws IllegalStateException  when resuming without a checkpoint, or with one of another file
     * @throws ImportFailedException  when the broker did not acknowledge every record (the checkpoint stays)
     */
    public ImportSummary importFile(final Path file, final ImportOptions options,
                                    final Consumer<ImportProgress> progress) throws IOException {
        final ImportOptions.Format format = options.formatOf(file);
        final String readAs = format == ImportOptions.Format.CSV
                ? "csv/" + options.profile().name().toLowerCase(Locale.ROOT) : "jsonl";
        final ImportCheckpoint current = ImportCheckpoint.start(file, readAs);
        long resumeAfter = 0;
        if (options.resume()) {
            final ImportCheckpoint saved = ImportCheckpoint.read(file).orElseThrow(() -> new IllegalStateException(
                    "nothing to resume: no " + ImportCheckpoint.pathOf(file).getFileName()));
            if (!saved.sameInput(current)) {
                throw new IllegalStateException("cannot resume: " + ImportCheckpoint.pathOf(file).getFileName()
                        + " was written for another file, a changed file or another format/profile; "
                        + "import without --resume to start over");
            }
            resumeAfter = saved.line();
        }
        final JsonLinesImport.Checkpoints checkpoints = new JsonLinesImport.Checkpoints(resumeAfter,
                options.checkpointEvery(), line -> current.at(line).write(file), options.crashAfter());
        final ImportSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            final RecordSource records = format == ImportOptions.Format.CSV
                    ? new CsvRows(in, options.profile(), options.zone())
                    : new LineReader(in, JsonLinesImport.MAX_LINE_BYTES);
            summary = lines().run(file.getFileName().toString(), records, Files.size(file), progress, checkpoints);
        }
        ImportCheckpoint.delete(file);
        return summary;
    }

    /**
     * Publishes {@code batch} in its order, keyed as an imported line would be, and waits until the
     * broker has acknowledged every record.
     *
     * @return the number of events published
     * @throws KafkaException when an event was not acknowledged
     */
    public long publish(final Collection<SalesEvent> batch) {
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Exception> firstFailure = new AtomicReference<>();
        for (final SalesEvent event : batch) {
            final byte[] key = events.keySerde().serializer().serialize(events.name(), EventKeys.keyOf(event));
            final byte[] value = events.valueSerde().serializer().serialize(events.name(), event);
            producer.send(new ProducerRecord<>(events.name(), key, value), (metadata, exception) -> {
                if (exception != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, exception);
                }
            });
        }
        // flush() returns once every send has completed, callbacks included.
        producer.flush();
        if (failed.get() > 0) {
            throw new KafkaException(failed.get() + " of " + batch.size() + " event(s) not acknowledged by "
                    + events.name(), firstFailure.get());
        }
        return batch.size();
    }
}
