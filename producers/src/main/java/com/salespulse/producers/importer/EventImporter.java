package com.salespulse.producers.importer;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.EventKeys;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Imports a JSON Lines file of events (DESIGN.md section 5) into {@code sales.crm-events}, keyed by
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
