package com.salespulse.app.dlq;

import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.ProducerSettings;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends selected dead letters back for processing ({@link Resend} decides what each becomes),
 * each at most once.
 *
 * <p><b>At most once per dead letter.</b> Every record sent back is written in one transaction with
 * a marker in the compacted {@code sales.dlq-replays}, keyed by the dead letter's position
 * ({@code <partition>@<offset>}); a dead letter with a marker is skipped. The transactional id is
 * fixed per topic prefix ({@value #TRANSACTIONAL_ID}), and the markers are read only after
 * {@code initTransactions()}: that call fences any other replay still running and ends its open
 * transaction, so two operators replaying at once cannot both send the same dead letter, and a
 * replay that died midway left either both the records and their markers or neither. A record sent
 * back carries the header {@value DeadLetter#REPLAYED_FROM} naming its dead letter.
 *
 * <p><b>The pipeline's own dedup.</b> An event sent back has its original eventId. The pipeline's
 * eventId dedup (store {@code event-id-store}, horizon 7 days) counts each eventId once, so a copy
 * that reaches it twice (two dead letters of the same event, or markers lost with a deleted topic)
 * still counts once within the horizon. That holds only if the dedup remembers an eventId when the
 * event was processed, not when it failed: an event that went to the dead-letter topic was never
 * counted, and must count when it comes back.
 *
 * <p>Nothing of a payload is logged: dead letters are named by position, reason and source.
 */
public final class DeadLetterReplay {
    /** Prefixed with the topic prefix, so that deployments sharing a cluster do not fence each other. */
    static final String TRANSACTIONAL_ID = "salespulse-dlq-replay";
    /** Records (and as many markers) per transaction. */
    static final int TRANSACTION_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    /**
     * What a replay did (or, dry, would do).
     *
     * @param read          dead letters read
     * @param selected      those that matched the filter
     * @param sentByReason  dead letters sent back, by reason
     * @param skippedByCause dead letters left where they are, by why
     * @param dryRun        nothing was sent
     */
    public record Summary(long read, long selected, Map<String, Long> sentByReason, Map<String, Long> skippedByCause,
                          boolean dryRun) {

        public Summary {
            sentByReason = Collections.unmodifiableMap(new TreeMap<>(sentByReason));
            skippedByCause = Collections.unmodifiableMap(new TreeMap<>(skippedByCause));
        }

        public long sent() {
            return sentByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        public long skipped() {
            return skippedByCause.values().stream().mapToLong(Long::longValue).sum();
        }

        /** E.g. {@code 3 of 12 dead letters selected: 2 sent back (bad_value 2), 1 skipped (already replayed 1)}. */
        public String describe() {
            return String.format(Locale.ROOT, "%,d of %,d dead letters selected: %,d %s%s, %,d skipped%s",
                    selected, read, sent(), dryRun ? "would be sent back" : "sent back", counts(sentByReason),
                    skipped(), counts(skippedByCause));
        }

        private static String counts(final Map<String, Long> counts) {
            return counts.isEmpty() ? "" : counts.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", ", " (", ")"));
        }
    }

    private final DeadLetterTopic deadLetters;
    private final Topics topics;
    private final Map<String, Object> clientConfig;

    /**
     * @param clientConfig settings of the cluster's clients (bootstrap servers, security)
     */
    public DeadLetterReplay(final DeadLetterTopic deadLetters, final Topics topics, final Map<String, Object> clientConfig) {
        this.deadLetters = deadLetters;
        this.topics = topics;
        this.clientConfig = clientConfig;
    }

    /**
     * Sends back every dead letter {@code filter} selects that has not been sent back before.
     *
     * @param dryRun   decide and count, send nothing
     * @param progress receives a progress line now and then
     * @throws KafkaException when the broker refused a transaction (nothing of that transaction was
     *                        sent; what earlier transactions sent stays sent, with its markers)
     */
    public Summary run(final DeadLetterFilter filter, final boolean dryRun, final Consumer<String> progress) {
        try (Producer<byte[], byte[]> producer = dryRun ? null : transactionalProducer()) {
            if (producer != null) {
                producer.initTransactions();
            }
            final Run run = new Run(producer, deadLetters.replayed(), progress);
            try {
                deadLetters.forEach(deadLetter -> run.consider(filter, deadLetter));
                run.commit();
            } catch (final ProducerFencedException e) {
                throw new IllegalStateException("another dlq replay for these topics started and took over; "
                        + "run this one again once it has finished", e);
            } catch (final RuntimeException e) {
                run.abort();
                throw e;
            }
            return new Summary(run.read, run.selected, run.sent, run.skipped, dryRun);
        }
    }

    private Producer<byte[], byte[]> transactionalProducer() {
        final Map<String, Object> config = new HashMap<>(ProducerSettings.idempotent(clientConfig, TRANSACTIONAL_ID));
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + TRANSACTIONAL_ID);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The counters and the open transaction of one replay. */
    private final class Run {
        private final Producer<byte[], byte[]> producer;
        private final Map<String, String> replayed;
        private final Consumer<String> progress;
        private final Resend resend = new Resend(topics);
        private final Topic<String, String> markers = topics.dlqReplays();
        private final Map<String, Long> sent = new HashMap<>();
        private final Map<String, Long> pending = new HashMap<>();
        private final Map<String, Long> skipped = new HashMap<>();
        private long read;
        private long selected;
        private int inTransaction;
        private long lastProgress = System.nanoTime();

        Run(final Producer<byte[], byte[]> producer, final Map<String, String> replayed, final Consumer<String> progress) {
            this.producer = producer;
            this.replayed = replayed;
            this.progress = progress;
        }

        void consider(final DeadLetterFilter filter, final DeadLetterRecord deadLetter) {
            read++;
            if (filter.matches(deadLetter)) {
                selected++;
                decide(deadLetter);
            }
            final long now = System.nanoTime();
            if (now - lastProgress >= 500_000_000L) {
                lastProgress = now;
                progress.accept(String.format(Locale.ROOT, "%,d dead letters read, %,d selected, %,d sent back, %,d skipped",
                        read, selected, count(sent) + count(pending), count(skipped)));
            }
        }

        private void decide(final DeadLetterRecord deadLetter) {
            if (replayed.containsKey(deadLetter.position())) {
                skipped.merge("already replayed", 1L, Long::sum);
                return;
            }
            final Resend.Outcome outcome = resend.of(deadLetter);
            if (outcome instanceof Resend.Skip skip) {
                LOG.debug("Dead letter {} ({}, from {}) stays: {}", deadLetter.position(), deadLetter.reason(),
                        deadLetter.source(), skip.cause());
                skipped.merge(skip.cause(), 1L, Long::sum);
                return;
            }
            final Resend.Send send = (Resend.Send) outcome;
            if (producer != null) {
                send(deadLetter, send);
            }
            pending.merge(deadLetter.reason(), 1L, Long::sum);
            if (producer == null || inTransaction >= TRANSACTION_SIZE) {
                commit();
            }
        }

        private void send(final DeadLetterRecord deadLetter, final Resend.Send send) {
            if (inTransaction == 0) {
                producer.beginTransaction();
            }
            final RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetter.REPLAYED_FROM, deadLetter.position().getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(send.topic(), null, send.key(), send.value(), headers));
            producer.send(new ProducerRecord<>(markers.name(),
                    markers.keySerde().serializer().serialize(markers.name(), deadLetter.position()),
                    markers.valueSerde().serializer().serialize(markers.name(), send.topic())));
            inTransaction++;
            LOG.debug("Dead letter {} ({}, from {}) sent back to {}", deadLetter.position(), deadLetter.reason(),
                    deadLetter.source(), send.topic());
        }

        /** Commits the open transaction; only then do its records count as sent. */
        void commit() {
            if (producer != null && inTransaction > 0) {
                producer.commitTransaction();
                inTransaction = 0;
            }
            pending.forEach((reason, count) -> sent.merge(reason, count, Long::sum));
            pending.clear();
        }

        void abort() {
            if (producer != null && inTransaction > 0) {
                try {
                    producer.abortTransaction();
                } catch (final KafkaException e) {
                    LOG.warn("Could not abort the replay's transaction; the next replay's start aborts it", e);
                }
            }
        }

        private long count(final Map<String, Long> counts) {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
