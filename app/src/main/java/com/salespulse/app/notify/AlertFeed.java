package com.salespulse.app.notify;

import com.salespulse.events.Alert;
import com.salespulse.events.topic.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads sales.alerts as they are committed ({@code read_committed}: an alert of a transaction the
 * pipeline aborted is never passed on) and hands each to its sinks, on a thread of its own, apart
 * from the pipeline. A consumer group keeps its place across restarts; a new group starts at the
 * end of the topic. Sinks must not block: the webhook queues and sends on its own thread.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final List<AlertSink> sinks;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    private AlertFeed(final Map<String, ?> clientConfig, final Topic<String, Alert> topic, final String groupId,
                      final List<AlertSink> sinks) {
        final Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.topic = topic.name();
        this.sinks = List.copyOf(sinks);
        this.thread = new Thread(this::run, "salespulse-alert-feed");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading; returns at once.
     *
     * @param clientConfig bootstrap servers and other client settings
     * @param groupId      the consumer group, e.g. {@code <application id>-alert-webhook}
     */
    public static AlertFeed start(final Map<String, ?> clientConfig, final Topic<String, Alert> topic,
                                  final String groupId, final List<AlertSink> sinks) {
        final AlertFeed feed = new AlertFeed(clientConfig, topic, groupId, sinks);
        feed.thread.start();
        return feed;
    }

    /** Waits until the feed has its partitions and knows where to read from; false after {@code timeout}. */
    public boolean awaitReady(final Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    // Auto commit keeps the place; nothing is held between polls.
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    // Resolve the starting offsets now, so that an alert committed after this point is read.
                    partitions.forEach(consumer::position);
                    assigned.countDown();
                }
            });
            while (running) {
                poll();
            }
        } catch (final WakeupException closing) {
            // close() woke the consumer up.
        } catch (final RuntimeException e) {
            LOG.error("The alert feed from {} stopped on {}", topic, e.getClass().getName(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void poll() {
        try {
            for (final ConsumerRecord<String, Alert> record : consumer.poll(POLL)) {
                final String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
                if (record.value() == null) {
                    continue;
                }
                for (final AlertSink sink : sinks) {
                    try {
                        sink.accept(record.value(), origin);
                    } catch (final RuntimeException e) {
                        LOG.warn("An alert sink failed on {}: {}", origin, e.getClass().getName());
                    }
                }
            }
        } catch (final RecordDeserializationException e) {
            LOG.warn("Skipped an alert that cannot be read at {}-{}@{}", e.topicPartition().topic(),
                    e.topicPartition().partition(), e.offset());
            consumer.seek(e.topicPartition(), e.offset() + 1);
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
