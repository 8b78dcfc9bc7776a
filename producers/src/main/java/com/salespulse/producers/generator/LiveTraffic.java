package com.salespulse.producers.generator;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.producers.EventKeys;
import com.salespulse.producers.ProducerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live CRM traffic for the demo: the simulation of {@link CrmGenerator} played against the wall
 * clock, {@code speed} simulated seconds per real second, on its own thread, until closed. New
 * leads keep arriving: the simulation is generated in chunks of about a simulated hour of
 * arrivals, merged into one queue, and each event is sent when it falls due.
 *
 * <p>Each event's {@code occurredAt} is rewritten to the real instant it is sent, so KPI windows
 * are current, and never goes backwards, so a lead's events keep their order in event time too.
 * Ids carry a per-run prefix ({@link #idPrefix()}), so a restarted demo starts new leads instead
 * of continuing the last run's. Records go to the topic keyed by leadId (channel for campaign
 * spend) through an idempotent producer.
 *
 * <p>The config's {@code leadCount} does not apply: traffic runs until closed, at the config's
 * {@code leadsPerDay} of simulated time, starting at its {@code start}. At the default speed a
 * simulated day passes in 24 minutes, so a fast rep's ten-minute first response takes ten real
 * seconds.
 */
public final class LiveTraffic implements AutoCloseable {
    public static final double DEFAULT_SPEED = 60.0;
    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);
    private static final long MAX_PAUSE_MILLIS = 250;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long LOG_EVERY_FAILURES = 1_000;

    private final GeneratorConfig config;
    private final CrmGenerator generator;
    private final Topic<String, SalesEvent> topic;
    private final Producer<String, SalesEvent> producer;
    private final double speed;
    private final Clock clock;
    private final Ids ids;
    private final int leadsPerChunk;
    private final PriorityQueue<Scheduled> pending = new PriorityQueue<>(Scheduled.ORDER);
    private final Object wakeUp = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Callback onAcknowledged = this::acknowledged;
    private volatile boolean running;
    private boolean closed;
    private volatile Instant simulatedTime;
    private Thread thread;
    private long chunks;
    private Instant generatedUntil;
    private long nextLeadNumber = 1;
    private long lastSentMillis;

    /** Live traffic at {@link #DEFAULT_SPEED} through a producer built from {@code clientConfig}. */
    public LiveTraffic(final GeneratorConfig config, final Topic<String, SalesEvent> topic,
                       final Map<String, ?> clientConfig) {
        this(config, topic, clientConfig, DEFAULT_SPEED);
    }

    public LiveTraffic(final GeneratorConfig config, final Topic<String, SalesEvent> topic,
                       final Map<String, ?> clientConfig, final double speed) {
        this(config, topic, new KafkaProducer<>(ProducerSettings.idempotent(clientConfig, "salespulse-generator"),
                topic.keySerde().serializer(), topic.valueSerde().serializer()), speed, Clock.systemUTC());
    }

    /**
     * Live traffic through {@code producer}, which it closes when closed.
     *
     * @param speed simulated seconds per real second, &gt; 0
     * @param clock the real clock (events are stamped with it)
     */
    public LiveTraffic(final GeneratorConfig config, final Topic<String, SalesEvent> topic,
                       final Producer<String, SalesEvent> producer, final double speed, final Clock clock) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number");
        }
        this.config = config;
        this.generator = new CrmGenerator(config);
        this.topic = topic;
        this.producer = producer;
        this.speed = speed;
        this.clock = clock;
        this.ids = Ids.ofRun(Ids.LIVE, clock.instant());
        this.leadsPerChunk = Chunk.hourOfLeads(config);
        this.generatedUntil = config.start();
        this.simulatedTime = config.start();
    }

    /** Starts the traffic thread; returns at once. Calling it again does nothing. */
    public synchronized LiveTraffic start() {
        if (closed) {
            throw new IllegalStateException("live traffic was closed");
        }
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "salespulse-live-traffic");
            thread.setDaemon(true);
            thread.start();
            LOG.info("live traffic to {} at {}x, ids prefixed {}", topic.name(), speed, ids.prefix());
        }
        return this;
    }

    /** Events the broker has acknowledged. */
    public long produced() {
        return produced.get();
    }

    /** Events handed to the producer. */
    public long sent() {
        return sent.get();
    }

    /** Events the producer could not deliver. */
    public long failed() {
        return failed.get();
    }

    /** The simulated time of the last event sent. */
    public Instant simulatedTime() {
        return simulatedTime;
    }

    /** The prefix of this run's lead, opportunity and event ids. */
    public String idPrefix() {
        return ids.prefix();
    }

    /** Stops the thread and closes the producer, delivering what was already sent. */
    @Override
    public void close() {
        final Thread worker;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            worker = thread;
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (worker != null) {
            try {
                worker.join(CLOSE_TIMEOUT.toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(CLOSE_TIMEOUT);
        LOG.info("live traffic stopped: {} produced, {} failed", produced.get(), failed.get());
    }

    private void run() {
        final long realStart = clock.millis();
        final long simulatedStart = config.start().toEpochMilli();
        try {
            while (running) {
                refill();
                final Scheduled next = pending.peek();
                final long due = realStart + (long) ((next.at().toEpochMilli() - simulatedStart) / speed);
                final long wait = due - clock.millis();
                if (wait > 0) {
                    pause(Math.min(wait, MAX_PAUSE_MILLIS));
                } else {
                    pending.poll();
                    send(next);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            LOG.error("live traffic stopped by {}", e.getClass().getName(), e);
        }
    }

    /**
     * Generates chunks until the queue's head is safe to send: a later chunk's events all come at
     * or after its start, which is where the previous chunk's arrivals ended.
     */
    private void refill() {
        while (pending.isEmpty() || !pending.peek().at().isBefore(generatedUntil)) {
            final Chunk chunk = generator.chunk(chunks++, generatedUntil, leadsPerChunk, nextLeadNumber, ids);
            pending.addAll(chunk.events());
            generatedUntil = chunk.arrivalsEnd();
            nextLeadNumber = chunk.nextLeadNumber();
        }
    }

    private void send(final Scheduled scheduled) {
        final SalesEvent event = scheduled.event();
        final long now = Math.max(clock.millis(), lastSentMillis);
        lastSentMillis = now;
        event.setOccurredAt(Instant.ofEpochMilli(now));
        event.setEventId(ids.event(sent.incrementAndGet()));
        simulatedTime = scheduled.at();
        try {
            producer.send(new ProducerRecord<>(topic.name(), null, now, EventKeys.keyOf(event), event), onAcknowledged);
        } catch (final KafkaException | IllegalArgumentException e) {
            // Serialization or a producer in error: count it and carry on with the next event.
            acknowledged(null, e);
        }
    }

    private void acknowledged(final RecordMetadata metadata, final Exception exception) {
        if (exception == null) {
            produced.incrementAndGet();
            return;
        }
        final long failures = failed.incrementAndGet();
        if (failures == 1 || failures % LOG_EVERY_FAILURES == 0) {
            LOG.warn("live traffic to {}: {} event(s) not delivered, latest by {}", topic.name(), failures,
                    exception.getClass().getName());
        }
    }

    private void pause(final long millis) throws InterruptedException {
        synchronized (wakeUp) {
            if (running) {
                wakeUp.wait(millis);
            }
        }
    }
}
