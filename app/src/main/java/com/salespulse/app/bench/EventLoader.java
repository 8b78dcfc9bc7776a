package com.salespulse.app.bench;

import com.salespulse.producers.ProducerSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads serialized events into their topic as fast as one idempotent producer ({@code acks=all},
 * the producers' batching settings) sends them, and times it from the first send to the last
 * acknowledgement.
 */
final class EventLoader {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    private EventLoader() {
    }

    /** @throws KafkaException when the broker did not acknowledge every event */
    static Throughput load(final Map<String, Object> clientConfig, final SerializedEvents events,
                           final Consumer<String> log) {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Callback onAcknowledged = (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                failure.compareAndSet(null, exception);
            }
        };
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerSettings.idempotent(clientConfig, "salespulse-bench-loader"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // Fetch the topic's metadata before the clock starts: the first send would wait for it.
            producer.partitionsFor(events.topic());
            final long start = System.nanoTime();
            long nextProgress = start + PROGRESS_EVERY_NANOS;
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(events.topic(), events.key(i), events.value(i)), onAcknowledged);
                if ((i & 0xFFF) == 0 && System.nanoTime() >= nextProgress) {
                    log.accept(String.format(Locale.ROOT, "  loading: %,d of %,d sent, %,d acknowledged",
                            i + 1, events.size(), acknowledged.get()));
                    nextProgress += PROGRESS_EVERY_NANOS;
                }
            }
            producer.flush();
            final Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            producer.close(CLOSE_TIMEOUT);
            if (failure.get() != null || acknowledged.get() != events.size()) {
                throw new KafkaException(String.format(Locale.ROOT, "%,d of %,d events were acknowledged by the broker",
                        acknowledged.get(), events.size()), failure.get());
            }
            return new Throughput(events.size(), elapsed);
        }
    }
}
