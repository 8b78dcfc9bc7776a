package com.salespulse.kpi.dedup;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.kpi.metrics.PipelineMetrics;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Lets an event through only the first time its eventId arrives under its key within the dedup horizon: a webhook
 * retry or a re-import of the same event counts once. Events are keyed by lead (campaign spend by its channel), so
 * every delivery of an event reaches the same task and its {@link Sightings}, and its state is restored from the
 * changelog after a restart or a move to another instance.
 *
 * <p>A repeat is dropped and counted in {@code salespulse.duplicates} by the event's source; it is not dead-lettered,
 * because it is not bad input. A record without a value or an eventId passes: journey-update dead-letters it.
 */
public final class EventDedup implements FixedKeyProcessor<String, SalesEvent, SalesEvent> {
    private final String storeName;
    private final Duration horizon;
    private final PipelineMetrics metrics;

    private FixedKeyProcessorContext<String, SalesEvent> context;
    private Sightings sightings;

    public EventDedup(final String storeName, final Duration horizon, final PipelineMetrics metrics) {
        this.storeName = storeName;
        this.horizon = horizon;
        this.metrics = metrics;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, SalesEvent> processorContext) {
        this.context = processorContext;
        this.sightings = new Sightings(processorContext.getStateStore(storeName), horizon);
    }

    @Override
    public void process(final FixedKeyRecord<String, SalesEvent> record) {
        final SalesEvent event = record.value();
        if (event == null || event.getEventId() == null || event.getEventId().isBlank()) {
            context.forward(record);
            return;
        }
        final boolean first = sightings.firstSighting(storeKey(record.key(), event.getEventId()), record.timestamp());
        // A dead letter sent back by `salespulse dlq replay` was seen here before it failed further on, so it is
        // no repeat; the replay itself sends each dead letter at most once.
        if (first || record.headers().lastHeader(DeadLetter.REPLAYED_FROM) != null) {
            context.forward(record);
        } else {
            metrics.duplicate(event.getSource());
        }
    }

    /** The record key and the eventId, unambiguous whatever characters either holds. */
    static String storeKey(final String key, final String eventId) {
        final String recordKey = key == null ? "" : key;
        return recordKey.length() + ":" + recordKey + "|" + eventId;
    }
}
