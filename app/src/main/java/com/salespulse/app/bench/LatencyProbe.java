package com.salespulse.app.bench;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.producers.EventKeys;
import com.salespulse.producers.ProducerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Event-to-KpiChange latency at a fixed open-loop rate, with the pipeline running and caught up.
 *
 * <p>A sender thread sends events on the {@link OpenLoopSchedule}, each with {@code occurredAt}
 * (and the record timestamp) set to the instant it was due, not the instant it went out, so a
 * sender that falls behind adds its delay to the latency instead of hiding it. A reader thread
 * reads {@code sales.kpi-changes} with {@code read_committed} (what a downstream consumer sees
 * under exactly-once) and records, for every KpiChange, its receive wall time minus the earliest
 * {@code occurredAt} of the events combined into it: the latency of the oldest event in that
 * change. The pipeline carries that instant in the {@value #EVENT_TIME_HEADER} header, with the
 * record timestamp the time the change was computed; a change without the header is measured from
 * its record timestamp, as a pipeline that stamps the event time there would have it. Changes
 * whose event time falls before the measured part (the warm-up, the loaded history) are not
 * samples. Values are not deserialized: at tens of thousands of changes a second the reader
 * would otherwise take CPU from the pipeline it measures.
 */
final class LatencyProbe {
    /** The pipeline's header with a KpiChange's earliest event time (decimal epoch millis); see BucketAggregator. */
    static final String EVENT_TIME_HEADER = "salespulse.event-time";
    private static final Duration START_DELAY = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int FETCH_MAX_WAIT_MS = 100;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param latency     the measured samples
     * @param sent        events sent, warm-up included
     * @param failedSends events the broker did not acknowledge
     * @param maxLateness how far the sender fell behind its schedule at worst
     * @param excluded    KpiChanges read that were not samples (warm-up, history)
     * @param fromHeader  samples whose event time came from the event-time header (the others: record timestamp)
     * @param visibility  for samples with the header: receive time minus record timestamp (computed), i.e. the
     *                    part of the latency after the change was computed, until a read_committed reader had it
     * @param cpu         CPU used while the sender ran
     */
    record Result(LatencySummary latency, long sent, long failedSends, Duration maxLateness, long excluded,
                  long fromHeader, LatencySummary visibility, CpuUsage cpu) {
    }

    private final String bootstrapServers;
    private final Map<String, Object> clientConfig;
    private final Topic<String, SalesEvent> events;
    private final String changesTopic;
    private final OpenLoopSchedule schedule;
    private final List<SalesEvent> toSend;
    private final Consumer<String> log;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong maxLatenessNanos = new AtomicLong();
    private final AtomicLong samplesSoFar = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LongSamples samples = new LongSamples();
    private final LongSamples visibility = new LongSamples();
    private final CountDownLatch consumerReady = new CountDownLatch(1);
    private volatile Map<TopicPartition, Long> drainTo;
    private volatile long measuredFrom = Long.MAX_VALUE;
    private volatile boolean stopped;
    private long excluded;
    private long fromHeader;

    /**
     * @param toSend at least {@code schedule.sends()} events; their {@code occurredAt} is overwritten
     */
    LatencyProbe(final String bootstrapServers, final Map<String, Object> clientConfig,
                 final Topic<String, SalesEvent> events, final String changesTopic,
                 final OpenLoopSchedule schedule, final List<SalesEvent> toSend, final Consumer<String> log) {
        if (toSend.size() < schedule.sends()) {
            throw new IllegalArgumentException("the schedule needs " + schedule.sends() + " events, got " + toSend.size());
        }
        this.bootstrapServers = bootstrapServers;
        this.clientConfig = clientConfig;
        this.events = events;
        this.changesTopic = changesTopic;
        this.schedule = schedule;
        this.toSend = toSend;
        this.log = log;
    }

    /** Runs the schedule against the running {@code pipeline}, then drains what it produced. */
    Result run(final KpiPipeline pipeline, final Admin admin, final Duration settle) throws InterruptedException {
        final Thread reader = new Thread(this::readChanges, "bench-kpi-change-reader");
        reader.start();
        if (!consumerReady.await(1, TimeUnit.MINUTES)) {
            stopped = true;
            throw new IllegalStateException("the KpiChange reader did not start", failure.get());
        }
        // One instant read from both clocks: due times run on nanoTime, event times on the wall clock.
        final long startEpochMillis = System.currentTimeMillis() + START_DELAY.toMillis();
        final long startNanos = System.nanoTime() + START_DELAY.toNanos();
        measuredFrom = startEpochMillis + schedule.warmUp().toMillis();
        final Thread sender = new Thread(() -> send(startNanos, startEpochMillis), "bench-open-loop-sender");
        final CpuUsage.Mark cpu = CpuUsage.mark();
        sender.start();
        final CpuUsage used;
        try {
            while (sender.isAlive()) {
                sender.join(PROGRESS_EVERY.toMillis());
                PipelineThroughput.requireAlive(pipeline);
                if (failure.get() != null) {
                    throw new IllegalStateException("the latency probe failed", failure.get());
                }
                final long late = Math.max(0, System.nanoTime() - (startNanos + schedule.dueNanos(sent.get())));
                log.accept(String.format(Locale.ROOT, "  latency: %,d of %,d sent (%s), %,d ms behind schedule, %,d samples",
                        sent.get(), schedule.sends(), phase(sent.get()), sent.get() < schedule.sends() ? late / 1_000_000 : 0,
                        samplesSoFar.get()));
            }
            used = cpu.usage();
            new ConsumerGroupProgress(admin, pipeline.applicationId(), pipeline.consumedTopics())
                    .awaitCaughtUp(settle, CATCH_UP_TIMEOUT, () -> PipelineThroughput.isAlive(pipeline));
            drainTo = committedEnds(admin);
            reader.join(DRAIN_TIMEOUT.toMillis());
            if (reader.isAlive()) {
                log.accept("  latency: the KpiChange reader had not reached the end after " + DRAIN_TIMEOUT
                        + "; reporting the samples read so far");
            }
        } finally {
            stopped = true;
            sender.join(CLOSE_TIMEOUT.toMillis());
            reader.join(CLOSE_TIMEOUT.toMillis());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the latency probe failed", failure.get());
        }
        return new Result(samples.summary(), sent.get(), failedSends.get(), Duration.ofNanos(maxLatenessNanos.get()),
                excluded, fromHeader, visibility.summary(), used);
    }

    private String phase(final long sentSoFar) {
        return schedule.isMeasured(schedule.dueMillis(sentSoFar)) ? "measuring" : "warming up";
    }

    private void send(final long startNanos, final long startEpochMillis) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        // A record waits for no batch-mates: the rate is low and the latency is what is measured.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        final Callback onAcknowledged = (metadata, exception) -> {
            if (exception != null) {
                failedSends.incrementAndGet();
            }
        };
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerSettings.idempotent(config, "salespulse-bench-latency"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(events.name());
            final long sends = schedule.sends();
            for (int i = 0; i < sends && !stopped; i++) {
                final long due = startNanos + schedule.dueNanos(i);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                final long lateness = System.nanoTime() - due;
                if (lateness > maxLatenessNanos.get()) {
                    maxLatenessNanos.set(lateness);
                }
                final SalesEvent event = toSend.get(i);
                final Instant dueAt = Instant.ofEpochMilli(startEpochMillis + schedule.dueMillis(i));
                event.setOccurredAt(dueAt);
                final byte[] key = events.keySerde().serializer().serialize(events.name(), EventKeys.keyOf(event));
                final byte[] value = events.valueSerde().serializer().serialize(events.name(), event);
                producer.send(new ProducerRecord<>(events.name(), null, dueAt.toEpochMilli(), key, value), onAcknowledged);
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (final RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void readChanges() {
        final Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "salespulse-bench-kpi-change-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(changesTopic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            consumerReady.countDown();
            while (!stopped) {
                final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                final long receivedAt = System.currentTimeMillis();
                final long from = measuredFrom;
                for (final ConsumerRecord<byte[], byte[]> record : records) {
                    final Long headerTime = eventTimeHeader(record);
                    final long eventTime = headerTime == null ? record.timestamp() : headerTime;
                    if (eventTime >= from) {
                        samples.add(receivedAt - eventTime);
                        samplesSoFar.incrementAndGet();
                        if (headerTime != null) {
                            fromHeader++;
                            visibility.add(receivedAt - record.timestamp());
                        }
                    } else {
                        excluded++;
                    }
                }
                final Map<TopicPartition, Long> ends = drainTo;
                if (ends != null && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    return;
                }
            }
        } catch (final RuntimeException e) {
            failure.compareAndSet(null, e);
            consumerReady.countDown();
        }
    }

    private static Long eventTimeHeader(final ConsumerRecord<byte[], byte[]> record) {
        final Header header = record.headers().lastHeader(EVENT_TIME_HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    /** The committed ends (last stable offsets) of the KpiChange topic. */
    private Map<TopicPartition, Long> committedEnds(final Admin admin) {
        try {
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(changesTopic)).allTopicNames().get().get(changesTopic).partitions()
                    .forEach(partition -> request.put(new TopicPartition(changesTopic, partition.partition()),
                            OffsetSpec.latest()));
            final Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + changesTopic, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
