package com.salespulse.producers.importer;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.EventKeys;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;

/**
 * Imports a JSON Lines file of events (DESIGN.md section 5) into {@code sales.crm-events}, keyed by
 * leadId (a CAMPAIGN_SPEND, which has no lead, by its channel). Each line is parsed with
 * {@link SalesEventJson#parse}; a bad line goes to {@code sales.dlq} as its raw bytes, with
 * headers giving the reason, the file name and the line number ({@link
 * com.salespulse.events.topic.DeadLetter#fromFile}). Blank lines are skipped. The producer is
 * idempotent with {@code acks=all}; an import returns once every record is acknowledged.
 */
public final class EventImporter extends LineImporter<SalesEvent> {

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
    }
}
