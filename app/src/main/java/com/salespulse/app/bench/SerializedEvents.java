package com.salespulse.app.bench;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.producers.EventKeys;
import java.util.List;

/**
 * Events already turned into record keys and values with the topic's serdes (values Avro in the
 * Confluent wire format), so that loading measures the producer, not the serializer.
 */
final class SerializedEvents {
    private final String topic;
    private final byte[][] keys;
    private final byte[][] values;
    private final long bytes;

    private SerializedEvents(final String topic, final byte[][] keys, final byte[][] values, final long bytes) {
        this.topic = topic;
        this.keys = keys;
        this.values = values;
        this.bytes = bytes;
    }

    /** Each event keyed as the producers key it ({@link EventKeys#keyOf}). */
    static SerializedEvents of(final Topic<String, SalesEvent> topic, final List<SalesEvent> events) {
        final byte[][] keys = new byte[events.size()][];
        final byte[][] values = new byte[events.size()][];
        long bytes = 0;
        for (int i = 0; i < events.size(); i++) {
            final SalesEvent event = events.get(i);
            keys[i] = topic.keySerde().serializer().serialize(topic.name(), EventKeys.keyOf(event));
            values[i] = topic.valueSerde().serializer().serialize(topic.name(), event);
            bytes += keys[i].length + values[i].length;
        }
        return new SerializedEvents(topic.name(), keys, values, bytes);
    }

    String topic() {
        return topic;
    }

    int size() {
        return keys.length;
    }

    byte[] key(final int i) {
        return keys[i];
    }

    byte[] value(final int i) {
        return values[i];
    }

    /** Key and value bytes of every event. */
    long bytes() {
        return bytes;
    }
}
