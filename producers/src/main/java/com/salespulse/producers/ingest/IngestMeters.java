package com.salespulse.producers.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of ingestion, tagged only with bounded values: the endpoint ({@code forms} or
 * {@code events}) and the reason of a refusal (a dead-letter reason tag, or {@code unauthorized},
 * {@code too_large}, {@code unsupported_media_type} for requests refused before their body is read).
 * Never a form id, a lead id or an address.
 */
final class IngestMeters {
    static final String ACCEPTED = "salespulse.ingest.accepted";
    static final String REJECTED = "salespulse.ingest.rejected";
    static final String FAILED = "salespulse.ingest.failed";
    static final String FORMS = "forms";
    static final String EVENTS = "events";
    static final String UNAUTHORIZED = "unauthorized";
    static final String TOO_LARGE = "too_large";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

    private final MeterRegistry registry;

    IngestMeters(final MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so that a dashboard shows 0 rather than no series before the first post.
        for (final String endpoint : new String[] {FORMS, EVENTS}) {
            accepted(endpoint, 0);
            failed(endpoint, 0);
        }
    }

    /** Submissions or events acknowledged by Kafka on their topic. */
    void accepted(final String endpoint, final long count) {
        Counter.builder(ACCEPTED).description("Submissions and events ingested over HTTP and acknowledged by Kafka")
                .tag("endpoint", endpoint).register(registry).increment(count);
    }

    /** One refused submission, event or request. */
    void rejected(final String endpoint, final String reason) {
        Counter.builder(REJECTED).description("Submissions, events and requests refused by the HTTP ingestion endpoints")
                .tag("endpoint", endpoint).tag("reason", reason).register(registry).increment();
    }

    /** Records Kafka did not acknowledge (the client was asked to send them again). */
    void failed(final String endpoint, final long count) {
        Counter.builder(FAILED).description("Records the HTTP ingestion endpoints could not get Kafka to acknowledge")
                .tag("endpoint", endpoint).register(registry).increment(count);
    }
}
