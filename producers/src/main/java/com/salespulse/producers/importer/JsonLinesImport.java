package com.salespulse.producers.importer;

import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.producers.RecordBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line loop both importers share: read a line, parse it, send the record to the target topic
 * under its key, or send the raw line to the dead-letter topic with the reason, the file name and
 * the line number; skip blank lines; report progress; and at the end wait until the broker has
 * acknowledged every record. A bad line never stops the import and is never dropped.
 *
 * <p>Nothing from a line's content is logged (leads carry e-mail addresses and phone numbers):
 * only the file name, the line number and the reason.
 */
final class JsonLinesImport<V> {
    /** Longer lines are not events; they exceed Kafka's default record size anyway. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesImport.class);
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;
    private static final int LOGGED_BAD_LINES = 20;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Topic<String, V> target;
    private final Topic<byte[], byte[]> deadLetters;
    private final Function<String, V> parser;
    private final Function<V, String> keyOf;
    private final Producer<byte[], byte[]> producer;

    JsonLinesImport(final Topic<String, V> target, final Topic<byte[], byte[]> deadLetters,
                    final Function<String, V> parser, final Function<V, String> keyOf,
                    final Producer<byte[], byte[]> producer) {
        this.target = target;
        this.deadLetters = deadLetters;
        this.parser = parser;
        this.keyOf = keyOf;
        this.producer = producer;
    }

    ImportSummary run(final String source, final InputStream in, final long totalBytes,
                      final Consumer<ImportProgress> progress) throws IOException {
        return run(source, new LineReader(in, MAX_LINE_BYTES), totalBytes, progress, Checkpoints.NONE);
    }

    /**
     * Imports the records of {@code records}. Records on lines up to {@code checkpoints.resumeAfter}
     * are read but skipped; every {@code checkpoints.every} lines the producer is flushed and, when
     * every record so far was acknowledged, the line is saved as the new resume point.
     */
    ImportSummary run(final String source, final RecordSource records, final long totalBytes,
                      final Consumer<ImportProgress> progress, final Checkpoints checkpoints) throws IOException {
        final Run run = new Run(source, totalBytes, progress);
        long saved = checkpoints.resumeAfter();
        for (LineReader.Line line = records.next(); line != null; line = records.next()) {
            run.linesRead++;
            run.bytesRead = records.bytesRead();
            if (line.number() <= checkpoints.resumeAfter()) {
                run.skipped++;
            } else {
                handle(run, line);
            }
            if (checkpoints.crashAfter() > 0 && run.linesRead >= checkpoints.crashAfter()) {
                throw new InterruptedIOException("import of " + source + " stopped after " + run.linesRead + " lines");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("import of " + source + " interrupted at line " + line.number());
            }
            if (checkpoints.every() > 0 && line.number() - saved >= checkpoints.every()) {
                // Only what the broker has acknowledged may be skipped on resume.
                producer.flush();
                if (run.failed.get() == 0) {
                    checkpoints.save().save(line.number());
                    saved = line.number();
                }
            }
            run.maybeReport(false);
        }
        producer.flush();
        run.maybeReport(true);
        final ImportSummary summary = run.summary();
        final long failed = run.failed.get();
        if (failed > 0) {
            throw new ImportFailedException(failed + " record(s) of " + source + " were not acknowledged by the broker",
                    summary, run.firstFailure.get());
        }
        LOG.info("imported {}", summary.describe());
        return summary;
    }

    /** Saves a resume point. */
    @FunctionalInterface
    interface LineSaver {
        void save(long line) throws IOException;
    }

    /**
     * Resume and checkpoint settings of one run.
     *
     * @param resumeAfter lines up to this one are skipped
     * @param every       lines between checkpoints, 0 for none
     * @param save        where checkpoints go
     * @param crashAfter  stop abruptly after this many lines, 0 for never (a test seam)
     */
    record Checkpoints(long resumeAfter, long every, LineSaver save, long crashAfter) {
        static final Checkpoints NONE = new Checkpoints(0, 0, line -> { }, 0);
    }

    private void handle(final Run run, final LineReader.Line line) {
        final byte[] raw = line.bytes();
        if (line.truncated()) {
            deadLetter(run, line, RejectReason.BAD_VALUE,
                    "line is longer than " + MAX_LINE_BYTES + " bytes; the value holds its first " + MAX_LINE_BYTES);
            return;
        }
        final String text = text(raw, line.number());
        if (text.isBlank()) {
            run.blankLines++;
            return;
        }
        final V value;
        try {
            value = parser.apply(text);
        } catch (final InvalidRecordException e) {
            deadLetter(run, line, e.reason(), e.getMessage());
            return;
        } catch (final RuntimeException e) {
            // A parser bug must not stop the import either; the class name carries no payload.
            deadLetter(run, line, RejectReason.BAD_VALUE, "cannot be parsed: " + e.getClass().getSimpleName());
            return;
        }
        final byte[] key = target.keySerde().serializer().serialize(target.name(), keyOf.apply(value));
        final byte[] body;
        try {
            body = RecordBytes.value(target, value);
        } catch (final InvalidRecordException e) {
            deadLetter(run, line, e.reason(), e.getMessage());
            return;
        }
        producer.send(new ProducerRecord<>(target.name(), key, body), run.acknowledged(false, null));
    }

    private void deadLetter(final Run run, final LineReader.Line line, final RejectReason reason, final String detail) {
        if (run.badLinesLogged++ < LOGGED_BAD_LINES) {
            LOG.warn("{} line {}: {} -> {}", run.source, line.number(), reason.tag(), deadLetters.name());
        } else {
            LOG.debug("{} line {}: {} -> {}", run.source, line.number(), reason.tag(), deadLetters.name());
        }
        final byte[] value = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), line.bytes());
        producer.send(DeadLetter.record(deadLetters.name(), null, value,
                DeadLetter.fromFile(reason, detail, run.source, line.number())), run.acknowledged(true, reason));
    }

    /** The line as text; a byte-order mark at the start of the file is not part of the first record. */
    private static String text(final byte[] raw, final long number) {
        final boolean bom = number == 1 && raw.length >= 3
                && raw[0] == UTF8_BOM[0] && raw[1] == UTF8_BOM[1] && raw[2] == UTF8_BOM[2];
        return bom ? new String(raw, 3, raw.length - 3, StandardCharsets.UTF_8) : new String(raw, StandardCharsets.UTF_8);
    }

    /** Counters of one import; the acknowledgement counters are updated from the producer's I/O thread. */
    private static final class Run {
        private final String source;
        private final long totalBytes;
        private final Consumer<ImportProgress> progress;
        private final long startNanos = System.nanoTime();
        private long lastReportNanos = startNanos;
        private long linesRead;
        private long bytesRead;
        private long blankLines;
        private long skipped;
        private int badLinesLogged;
        private final AtomicLong imported = new AtomicLong();
        private final AtomicLong deadLettered = new AtomicLong();
        private final AtomicLongArray byReason = new AtomicLongArray(RejectReason.values().length);
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

        Run(final String source, final long totalBytes, final Consumer<ImportProgress> progress) {
            this.source = source;
            this.totalBytes = totalBytes;
            this.progress = progress;
        }

        Callback acknowledged(final boolean deadLetter, final RejectReason reason) {
            return (metadata, exception) -> {
                if (exception != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, exception);
                } else if (deadLetter) {
                    deadLettered.incrementAndGet();
                    byReason.incrementAndGet(reason.ordinal());
                } else {
                    imported.incrementAndGet();
                }
            };
        }

        void maybeReport(final boolean last) {
            final long now = System.nanoTime();
            if (progress != null && (last || now - lastReportNanos >= PROGRESS_INTERVAL_NANOS)) {
                lastReportNanos = now;
                progress.accept(new ImportProgress(source, linesRead, bytesRead, totalBytes,
                        Duration.ofNanos(now - startNanos)));
            }
        }

        ImportSummary summary() {
            final Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
            for (final RejectReason reason : RejectReason.values()) {
                final long count = byReason.get(reason.ordinal());
                if (count > 0) {
                    reasons.put(reason, count);
                }
            }
            return new ImportSummary(source, linesRead, blankLines, imported.get(), deadLettered.get(), reasons,
                    bytesRead, Duration.ofNanos(System.nanoTime() - startNanos), skipped);
        }
    }
}
