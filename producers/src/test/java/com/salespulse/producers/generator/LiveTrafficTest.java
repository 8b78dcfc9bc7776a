package com.salespulse.producers.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.SalesEventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class LiveTrafficTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private final Topic<String, SalesEvent> topic =
            new Topics("", new InMemorySchemaRegistryClient()).crmEvents();
    private final MockProducer<String, SalesEvent> producer =
            new MockProducer<>(true, null, topic.keySerde().serializer(), topic.valueSerde().serializer());

    @Test
    void shouldProduceDueEventsStampedWithTheRealTimeWhenRunningFast() throws InterruptedException {
        final Instant before = Instant.now();
        // A simulated week passes in about six real seconds; the test stops long before.
        try (LiveTraffic traffic = new LiveTraffic(GeneratorConfig.of(42, 0), topic, producer, 100_000,
                Clock.systemUTC()).start()) {
            awaitTrue(() -> traffic.produced() >= 2_000);
            traffic.close();
            final Instant after = Instant.now();

            final List<ProducerRecord<String, SalesEvent>> records = producer.history();
            assertThat(records).hasSizeGreaterThanOrEqualTo(2_000).hasSize((int) traffic.produced());
            assertThat(traffic.failed()).isZero();
            assertThat(producer.closed()).isTrue();
            Instant previous = Instant.EPOCH;
            final Set<String> ids = new HashSet<>();
            for (final ProducerRecord<String, SalesEvent> record : records) {
                final SalesEvent event = record.value();
                SalesEventValidator.validate(event);
                assertThat(record.topic()).isEqualTo(topic.name());
                assertThat(record.key()).isEqualTo(event.getType() == EventType.CAMPAIGN_SPEND
                        ? event.getChannel() : event.getLeadId());
                assertThat(event.getOccurredAt()).isBetween(before, after).isAfterOrEqualTo(previous);
                assertThat(record.timestamp()).isEqualTo(event.getOccurredAt().toEpochMilli());
                assertThat(event.getEventId()).startsWith(traffic.idPrefix() + "E");
                assertThat(ids.add(event.getEventId())).isTrue();
                previous = event.getOccurredAt();
            }
        }
    }

    @Test
    void shouldSendEachLeadsCreationFirstWhenTrafficSpansManyChunks() throws InterruptedException {
        try (LiveTraffic traffic = new LiveTraffic(GeneratorConfig.of(42, 0).withLeadsPerDay(240), topic, producer,
                200_000, Clock.systemUTC()).start()) {
            // 240 leads a day come in chunks of ten: wait for many chunks.
            awaitTrue(() -> traffic.simulatedTime().isAfter(GeneratorConfig.DEFAULT_START.plus(Duration.ofDays(2))));
            traffic.close();

            final Map<String, Integer> firstIndex = new HashMap<>();
            final List<ProducerRecord<String, SalesEvent>> records = producer.history();
            long created = 0;
            for (int i = 0; i < records.size(); i++) {
                final SalesEvent event = records.get(i).value();
                if (event.getLeadId() != null) {
                    final Integer first = firstIndex.putIfAbsent(event.getLeadId(), i);
                    if (event.getType() == EventType.LEAD_CREATED) {
                        created++;
                        assertThat(first).as("LEAD_CREATED of %s comes first", event.getLeadId()).isNull();
                    }
                }
            }
            assertThat(created).isGreaterThan(300);
            assertThat(records).anyMatch(r -> r.value().getType() == EventType.CAMPAIGN_SPEND);
        }
    }

    @Test
    void shouldReturnAtOnceAndStopSendingWhenClosed() throws InterruptedException {
        final LiveTraffic traffic = new LiveTraffic(GeneratorConfig.of(42, 0), topic, producer, 100_000,
                Clock.systemUTC());
        final long start = System.nanoTime();

        traffic.start();
        final Duration startTook = Duration.ofNanos(System.nanoTime() - start);
        awaitTrue(() -> traffic.sent() > 100);
        traffic.close();
        final long sentAtClose = traffic.sent();
        // At this speed a running thread would send hundreds of events in this pause.
        Thread.sleep(200);

        assertThat(startTook).isLessThan(Duration.ofSeconds(1));
        assertThat(traffic.sent()).isEqualTo(sentAtClose);
        assertThat(producer.closed()).isTrue();
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met before the deadline").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
