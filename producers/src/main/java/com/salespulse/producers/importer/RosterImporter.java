package com.salespulse.producers.importer;

import com.salespulse.events.Rep;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.ProducerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads the roster into the compacted {@code sales.reps}, keyed by repId: from a JSON Lines file
 * (one rep per line, {@link RepJson}; bad lines go to {@code sales.dlq} like the event importer's),
 * or from reps in memory, as the demo does with the generator's roster. Idempotent producer,
 * {@code acks=all}; both return once every record is acknowledged.
 */
public final class RosterImporter implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Topic<String, Rep> reps;
    private final Producer<byte[], byte[]> producer;
    private final JsonLinesImport<Rep> lines;

    public RosterImporter(final Topics topics, final Map<String, ?> clientConfig) {
        this(topics.reps(), topics.dlq(), clientConfig);
    }

    public RosterImporter(final Topic<String, Rep> reps, final Topic<byte[], byte[]> deadLetters,
                          final Map<String, ?> clientConfig) {
        this(reps, deadLetters, new KafkaProducer<>(ProducerSettings.idempotent(clientConfig, "salespulse-roster"),
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** An importer sending through {@code producer}, which it closes when closed. */
    public RosterImporter(final Topic<String, Rep> reps, final Topic<byte[], byte[]> deadLetters,
                          final Producer<byte[], byte[]> producer) {
        this.reps = reps;
        this.producer = producer;
        this.lines = new JsonLinesImport<>(reps, deadLetters, RepJson::parse, Rep::getRepId, producer);
    }

    public ImportSummary importFile(final Path file) throws IOException {
        return importFile(file, null);
    }

    /** @throws ImportFailedException when the broker did not acknowledge every record */
    public ImportSummary importFile(final Path file, final Consumer<ImportProgress> progress) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return lines.run(file.getFileName().toString(), in, Files.size(file), progress);
        }
    }

    /** Imports roster JSON Lines from {@code in} (not closed), named {@code source} in dead-letter headers. */
    public ImportSummary importStream(final String source, final InputStream in, final long totalBytes,
                                      final Consumer<ImportProgress> progress) throws IOException {
        return lines.run(source, in, totalBytes, progress);
    }

    /**
     * Publishes {@code roster} and waits for the acknowledgements.
     *
     * @return the number of reps published
     * @throws KafkaException when a record was not acknowledged
     */
    public int publish(final Collection<Rep> roster) {
        final List<Future<RecordMetadata>> sends = new ArrayList<>(roster.size());
        for (final Rep rep : roster) {
            final byte[] key = reps.keySerde().serializer().serialize(reps.name(), rep.getRepId());
            final byte[] value = reps.valueSerde().serializer().serialize(reps.name(), rep);
            sends.add(producer.send(new ProducerRecord<>(reps.name(), key, value)));
        }
        producer.flush();
        for (final Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (final ExecutionException e) {
                throw new KafkaException("roster not published to " + reps.name(), e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while publishing the roster to " + reps.name(), e);
            }
        }
        return sends.size();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
