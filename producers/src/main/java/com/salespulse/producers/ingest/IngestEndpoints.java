package com.salespulse.producers.ingest;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.producers.ProducerSettings;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP ingestion at the edges of the pipeline (docs/api.md, "Ingestion"), served by the pipeline
 * process's HTTP server through {@link #register}:
 *
 * <ul>
 *   <li>{@code POST /ingest/forms/{formId}} (and its CORS preflight) — web forms into
 *       {@code sales.webform-submissions}, see {@link FormEndpoint};</li>
 *   <li>{@code POST /ingest/events} — the CRM webhook into {@code sales.crm-events}, see
 *       {@link EventsEndpoint}.</li>
 * </ul>
 *
 * <p>Both answer success only after Kafka acknowledged the record, and write what they refuse to
 * {@code sales.dlq} with the reason and the endpoint. They share one idempotent producer
 * ({@code acks=all}, see {@link ProducerSettings}), which {@link #close} flushes and closes: close
 * this after the HTTP server has stopped, so that no request finds the producer closed.
 */
public final class IngestEndpoints implements AutoCloseable {
    public static final String FORMS_PATH = FormEndpoint.PATH;
    public static final String EVENTS_PATH = EventsEndpoint.PATH;
    static final String CLIENT_ID = "salespulse-ingest";
    /** Somebody waits for each answer: batch only briefly. */
    static final int LINGER_MS = 5;
    /**
     * How long Kafka may take to acknowledge: shorter than the producer's default two minutes,
     * which nobody waiting for a form's answer would sit through.
     */
    static final int DELIVERY_TIMEOUT_MS = 20_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;
    /** How long a send may wait for metadata or buffer space before it fails. */
    static final int MAX_BLOCK_MS = 10_000;
    static final Duration ACK_TIMEOUT = Duration.ofMillis(DELIVERY_TIMEOUT_MS + 5_000L);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(IngestEndpoints.class);

    private final Producer<byte[], byte[]> producer;
    private final FormEndpoint forms;
    private final EventsEndpoint events;

    /**
     * Endpoints writing to the topics of {@code topics} through a producer built from {@code clientConfig}.
     *
     * @param clientConfig how to reach Kafka (bootstrap servers and client settings)
     * @param meters       where {@code salespulse.ingest.*} meters are registered
     */
    public IngestEndpoints(final Topics topics, final Map<String, ?> clientConfig, final MeterRegistry meters,
                           final IngestSettings settings) {
        this(topics.webformSubmissions(), topics.crmEvents(), topics.dlq(), producer(clientConfig), meters, settings,
                Clock.systemUTC(), ACK_TIMEOUT);
    }

    /** Endpoints sending through {@code producer}, which they close when closed. */
    IngestEndpoints(final Topic<String, WebFormSubmission> submissions, final Topic<String, SalesEvent> crmEvents,
                    final Topic<byte[], byte[]> deadLetters, final Producer<byte[], byte[]> producer,
                    final MeterRegistry meters, final IngestSettings settings, final Clock clock,
                    final Duration ackTimeout) {
        this.producer = producer;
        final IngestMeters ingestMeters = new IngestMeters(meters);
        this.forms = new FormEndpoint(submissions, deadLetters, producer, ingestMeters,
                new CrossOrigin(settings.allowedOrigins()), clock, ackTimeout);
        this.events = new EventsEndpoint(crmEvents, deadLetters, producer, ingestMeters,
                new BearerToken(settings.token()), ackTimeout);
        LOG.info("ingestion: POST {} ({}), POST {} ({})", FORMS_PATH,
                settings.allowedOrigins().isEmpty() ? "no CORS" : "CORS for " + settings.allowedOrigins(),
                EVENTS_PATH, settings.requiresToken() ? "bearer token required" : "no token required");
    }

    /** The producer's settings: {@link ProducerSettings#idempotent} with short waits, unless the caller set them. */
    static Map<String, Object> producerConfig(final Map<String, ?> clientConfig) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        return ProducerSettings.idempotent(config, CLIENT_ID);
    }

    private static Producer<byte[], byte[]> producer(final Map<String, ?> clientConfig) {
        return new KafkaProducer<>(producerConfig(clientConfig), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Adds the endpoints to an HTTP server's routes (the pipeline process's {@code HttpEndpoints}). */
    public void register(final RoutesConfig routes) {
        routes.post(FORMS_PATH, forms::submit);
        routes.options(FORMS_PATH, forms::preflight);
        routes.post(EVENTS_PATH, events::receive);
    }

    /** Flushes what is still in flight and closes the producer. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
