package com.salespulse.kpi.http;

import com.salespulse.events.Alert;
import com.salespulse.events.KpiChange;
import com.salespulse.events.json.AlertJson;
import com.salespulse.events.json.KpiChangeJson;
import com.salespulse.events.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails sales.kpi-changes and sales.alerts from their ends, as committed ({@code read_committed}),
 * and hands every record to the current listeners (the clients of {@code /api/stream}). Every
 * instance reads every partition, without a consumer group, so a client may connect to any
 * instance. A record that cannot be read is skipped with its topic, partition and offset logged.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, KpiChange> kpiChanges;
    private final Topic<String, Alert> alerts;
    private final Set<Consumer<LiveEvent>> listeners = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private LiveFeed(final Map<String, ?> clientConfig, final Topic<String, KpiChange> kpiChanges,
                     final Topic<String, Alert> alerts) {
        final Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.kpiChanges = kpiChanges;
        this.alerts = alerts;
        this.thread = new Thread(this::run, "salespulse-live-feed");
        this.thread.setDaemon(true);
    }

    /** Starts tailing both topics from their current ends; returns at once. */
    public static LiveFeed start(final Map<String, ?> clientConfig, final Topic<String, KpiChange> kpiChanges,
                                 final Topic<String, Alert> alerts) {
        final LiveFeed feed = new LiveFeed(clientConfig, kpiChanges, alerts);
        feed.thread.start();
        return feed;
    }

    /** Adds a listener; it is called on the feed's thread and must not block. */
    public void subscribe(final Consumer<LiveEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(final Consumer<LiveEvent> listener) {
        listeners.remove(listener);
    }

    /** False once closed: listeners should let go. */
    public boolean isOpen() {
        return running;
    }

    public int listenerCount() {
        return listeners.size();
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : List.of(kpiChanges.name(), alerts.name())) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    publish(record);
                }
            }
        } catch (final WakeupException closing) {
            // close() woke the consumer up.
        } catch (final RuntimeException e) {
            LOG.error("The live feed stopped on {}", e.getClass().getName(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void publish(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        final LiveEvent event;
        try {
            if (record.topic().equals(kpiChanges.name())) {
                final KpiChange change = kpiChanges.valueSerde().deserializer().deserialize(record.topic(), record.value());
                event = new LiveEvent(LiveEvent.KPI, KpiChangeJson.write(change), change);
            } else {
                final Alert alert = alerts.valueSerde().deserializer().deserialize(record.topic(), record.value());
                event = new LiveEvent(LiveEvent.ALERT, AlertJson.write(alert), null);
            }
        } catch (final RuntimeException unreadable) {
            LOG.warn("The live feed skipped a record it cannot read at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getClass().getName());
            return;
        }
        for (final Consumer<LiveEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
