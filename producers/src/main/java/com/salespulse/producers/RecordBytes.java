package com.salespulse.producers;

import com.salespulse.events.topic.Topic;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;

/**
 * Keys and values as the bytes a byte producer sends, serialized with the {@link Topic}'s serdes.
 * Encoding before the send lets a value that parsed but that the topic's schema cannot hold be
 * dead-lettered like any other bad input, instead of failing inside the producer.
 */
public final class RecordBytes {
    private RecordBytes() {
    }

    /** The key of {@code topic} as bytes. */
    public static <K> byte[] key(final Topic<K, ?> topic, final K key) {
        return topic.keySerde().serializer().serialize(topic.name(), key);
    }

    /**
     * The value of {@code topic} as bytes.
     *
     * @throws InvalidRecordException {@link RejectReason#BAD_VALUE} when the value cannot be encoded in
     *                                the topic's schema; the message names the topic and the kind of
     *                                failure, never a value
     */
    public static <V> byte[] value(final Topic<?, V> topic, final V value) {
        try {
            return topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (final IllegalArgumentException e) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    "cannot be encoded for " + topic.name() + ": " + e.getClass().getSimpleName());
        }
    }
}
