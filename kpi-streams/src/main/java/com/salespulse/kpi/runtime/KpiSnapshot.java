package com.salespulse.kpi.runtime;

import com.salespulse.events.KpiChange;
import com.salespulse.events.topic.Topic;
import java.time.Duration;
import java.util.TreeMap;

/**
 * The latest committed {@link KpiChange} of every KPI key on sales.kpi-changes, read from the start
 * of the topic to its end. Sorted by key, so that the same KPIs always come out in the same order.
 */
public final class KpiSnapshot {

    private KpiSnapshot() {
    }

    public static TreeMap<String, KpiChange> read(final String bootstrapServers, final Topic<String, KpiChange> topic,
                                                  final Duration timeout) {
        final TreeMap<String, KpiChange> latest = new TreeMap<>();
        TopicReader.readAll(bootstrapServers, topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), timeout, record -> latest.put(record.key(), record.value()));
        return latest;
    }
}
