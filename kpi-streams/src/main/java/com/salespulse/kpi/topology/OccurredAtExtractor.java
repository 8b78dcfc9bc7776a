package com.salespulse.kpi.topology;

import com.salespulse.events.SalesEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is {@code occurredAt} (DESIGN.md §9), not the time a producer happened to send the
 * record: a backfill or an import replays history with its own times. A record without a readable
 * event keeps the partition's time, so it neither moves stream time nor is dropped.
 */
public final class OccurredAtExtractor implements TimestampExtractor {

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        if (record.value() instanceof SalesEvent event && event.getOccurredAt() != null) {
            return event.getOccurredAt().toEpochMilli();
        }
        return Math.max(partitionTime, 0);
    }
}
