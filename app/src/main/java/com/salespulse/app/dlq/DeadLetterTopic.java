package com.salespulse.app.dlq;

import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.runtime.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code sales.dlq} and its replay markers ({@code sales.dlq-replays}) as a
 * {@code read_committed} consumer from the beginning to the end each has when the read starts, so
 * that a dead letter still inside an open transaction of the pipeline is not seen, and the read
 * ends even while the pipeline goes on writing. Assigns partitions without a consumer group: the
 * tools commit nothing and never disturb each other.
 */
public final class DeadLetterTopic {
    private final String bootstrapServers;
    private final Topics topics;
    private final Duration timeout;

    /**
     * @param timeout the most a whole read may take
     */
    public DeadLetterTopic(final String bootstrapServers, final Topics topics, final Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.timeout = timeout;
    }

    public String name() {
        return topics.dlq().name();
    }

    /** Every dead letter, partition by partition in offset order; none if the topic does not exist. */
    public void forEach(final Consumer<DeadLetterRecord> each) {
        TopicReader.readAll(bootstrapServers, topics.dlq().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), timeout, record -> each.accept(DeadLetterRecord.of(record)));
    }

    /**
     * The dead letters that were sent back already: position ({@code <partition>@<offset>}) to the
     * topic each went to.
     */
    public Map<String, String> replayed() {
        final Topic<String, String> markers = topics.dlqReplays();
        final Map<String, String> replayed = new HashMap<>();
        TopicReader.readAll(bootstrapServers, markers.name(), new StringDeserializer(), new StringDeserializer(),
                timeout, record -> {
                    if (record.value() == null) {
                        replayed.remove(record.key());
                    } else {
                        replayed.put(record.key(), record.value());
                    }
                });
        return replayed;
    }
}
