package com.salespulse.producers.importer;

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
 * What every JSON Lines importer does: read a file or stream line by line through its
 * {@link JsonLinesImport}, report progress, and close its producer.
 */
abstract class LineImporter<T> implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    protected final Producer<byte[], byte[]> producer;
    private final JsonLinesImport<T> lines;

    LineImporter(final Producer<byte[], byte[]> producer, final JsonLinesImport<T> lines) {
        this.producer = producer;
        this.lines = lines;
    }

    /** An idempotent byte producer built from {@code clientConfig}, for the constructors of subclasses. */
    static Producer<byte[], byte[]> producer(final Map<String, ?> clientConfig, final String clientId) {
        return new KafkaProducer<>(ProducerSettings.idempotent(clientConfig, clientId),
                new ByteArraySerializer(), new ByteArraySerializer());
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

    JsonLinesImport<T> lines() {
        return lines;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
