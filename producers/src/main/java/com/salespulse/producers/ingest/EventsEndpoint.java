package com.salespulse.producers.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.producers.EventKeys;
import com.salespulse.producers.RecordBytes;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ingest/events}: the CRM webhook. The body is one event in the JSON form of
 * DESIGN.md section 5, or an array of up to {@link #MAX_EVENTS}. Every event is judged on its own
 * ({@link EventBatch}): a valid one goes to {@code sales.crm-events} keyed like an import
 * ({@link EventKeys}), a refused one to the dead-letter topic as its exact JSON with the reason.
 * All records are sent first and then awaited, and the answer says per event what became of it:
 *
 * <ul>
 *   <li>{@code 200} every event accepted; {@code 207} some accepted, some rejected;
 *       {@code 400} none accepted (or the body is not JSON at all: a problem document);</li>
 *   <li>{@code 503} with {@code Retry-After} when Kafka did not acknowledge some record: those
 *       events are {@code failed}, and the CRM should send the request again, which is safe because
 *       the pipeline drops events whose eventId it has seen.</li>
 * </ul>
 *
 * <p>With {@code salespulse.ingest.token} set, a request without {@code Authorization: Bearer
 * <token>} is answered 401. Logs say the outcome counts and the records' topic-partition@offset,
 * never an event.
 */
final class EventsEndpoint {
    static final String PATH = "/ingest/events";
    static final int MAX_EVENTS = 1_000;
    /** A thousand events of a few hundred bytes, and room for the fields a CRM adds that the product ignores. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** A body that is not JSON is dead-lettered with its first bytes only, to stay within Kafka's record size. */
    static final int MAX_DEAD_LETTER_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final Topic<String, SalesEvent> topic;
    private final Topic<byte[], byte[]> deadLetters;
    private final Producer<byte[], byte[]> producer;
    private final IngestMeters meters;
    private final BearerToken token;
    private final Duration ackTimeout;

    /** What became of one event. */
    enum Status {
        ACCEPTED, REJECTED, FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    EventsEndpoint(final Topic<String, SalesEvent> topic, final Topic<byte[], byte[]> deadLetters,
                   final Producer<byte[], byte[]> producer, final IngestMeters meters, final BearerToken token,
                   final Duration ackTimeout) {
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.producer = producer;
        this.meters = meters;
        this.token = token;
        this.ackTimeout = ackTimeout;
    }

    void receive(final Context ctx) {
        try {
            handle(ctx);
        } catch (final IOException | RuntimeException e) {
            LOG.error("POST {}: failed ({})", PATH, e.getClass().getSimpleName());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            Answers.problem(ctx, 500, "the server failed to take the events; send them again");
        }
    }

    private void handle(final Context ctx) throws IOException {
        if (!token.permits(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            refuse(ctx, 401, IngestMeters.UNAUTHORIZED,
                    "this endpoint needs the bearer token set in " + IngestSettings.TOKEN);
            return;
        }
        if (FormInput.Format.of(ctx.contentType()) != FormInput.Format.JSON) {
            refuse(ctx, 415, IngestMeters.UNSUPPORTED_MEDIA_TYPE, "post events as " + FormInput.JSON);
            return;
        }
        final byte[] body;
        try {
            body = RequestBodies.read(ctx.req().getContentLengthLong(), ctx.bodyInputStream(), MAX_BODY_BYTES);
        } catch (final RequestBodies.TooLarge e) {
            refuse(ctx, 413, IngestMeters.TOO_LARGE, e.getMessage());
            return;
        }
        final EventBatch batch;
        try {
            batch = EventBatch.parse(body, MAX_EVENTS);
        } catch (final EventBatch.TooManyEvents e) {
            refuse(ctx, 413, IngestMeters.TOO_LARGE, e.getMessage());
            return;
        } catch (final InvalidRecordException e) {
            rejectBody(ctx, body, e);
            return;
        }
        answer(ctx, deliver(batch));
    }

    /** One event's outcome; {@code failure} is the kind of Kafka failure of a failed one. */
    private record Outcome(EventBatch.Item item, Status status, String failure) {
    }

    /** Sends every event (or its dead letter), then waits for all acknowledgements. */
    private List<Outcome> deliver(final EventBatch batch) {
        final List<EventBatch.Item> items = new ArrayList<>();
        final List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        for (final EventBatch.Item parsed : batch.items()) {
            EventBatch.Item item = parsed;
            ProducerRecord<byte[], byte[]> record;
            try {
                record = item.valid() ? eventRecord(item.event()) : null;
            } catch (final InvalidRecordException e) {
                item = item.refused(e.reason(), e.getMessage());
                record = null;
            } catch (final RuntimeException e) {
                // The schema registry did not answer: the event is good, and is to be sent again.
                items.add(item);
                sent.add(CompletableFuture.failedFuture(e));
                continue;
            }
            if (record == null) {
                meters.rejected(IngestMeters.EVENTS, item.reason().tag());
                record = deadLetter(item.raw(), item.reason(), item.detail(), EventBatch.MAX_EVENT_BYTES);
            }
            items.add(item);
            sent.add(Acks.send(producer, record));
        }
        final long deadline = Acks.deadline(ackTimeout);
        final List<Outcome> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            final EventBatch.Item item = items.get(i);
            final Acks.Ack ack = Acks.await(sent.get(i), deadline);
            if (!ack.acknowledged()) {
                outcomes.add(new Outcome(item, Status.FAILED, ack.failureKind()));
            } else {
                LOG.debug("POST {}: event {} {} -> {}", PATH, item.index(), item.valid() ? "accepted" : "rejected ("
                        + item.reason().tag() + ")", ack.position());
                outcomes.add(new Outcome(item, item.valid() ? Status.ACCEPTED : Status.REJECTED, null));
            }
        }
        return outcomes;
    }

    private ProducerRecord<byte[], byte[]> eventRecord(final SalesEvent event) {
        final byte[] value = RecordBytes.value(topic, event);
        return new ProducerRecord<>(topic.name(), RecordBytes.key(topic, EventKeys.keyOf(event)), value);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(final byte[] raw, final RejectReason reason, final String detail,
                                                     final int maxBytes) {
        final byte[] value = raw.length > maxBytes ? Arrays.copyOf(raw, maxBytes) : raw;
        final String because = raw.length > maxBytes ? detail + "; the value holds its first " + maxBytes + " bytes" : detail;
        return DeadLetter.record(deadLetters.name(), null, RecordBytes.value(deadLetters, value),
                DeadLetter.fromEndpoint(reason, because, PATH, FormInput.JSON));
    }

    private void answer(final Context ctx, final List<Outcome> outcomes) {
        final ObjectNode body = Answers.MAPPER.createObjectNode();
        final long accepted = outcomes.stream().filter(outcome -> outcome.status() == Status.ACCEPTED).count();
        final long rejected = outcomes.stream().filter(outcome -> outcome.status() == Status.REJECTED).count();
        final long failed = outcomes.size() - accepted - rejected;
        body.put("accepted", accepted);
        body.put("rejected", rejected);
        body.put("failed", failed);
        final ArrayNode results = body.putArray("results");
        for (final Outcome outcome : outcomes) {
            final ObjectNode result = results.addObject();
            result.put("index", outcome.item().index());
            if (outcome.item().eventId() != null) {
                result.put("eventId", outcome.item().eventId());
            }
            result.put("status", outcome.status().label());
            if (outcome.status() == Status.REJECTED) {
                result.put("reason", outcome.item().reason().tag());
                result.put("detail", outcome.item().detail());
            } else if (outcome.status() == Status.FAILED) {
                result.put("detail", "Kafka did not acknowledge it; send it again");
            }
        }
        meters.accepted(IngestMeters.EVENTS, accepted);
        if (failed > 0) {
            meters.failed(IngestMeters.EVENTS, failed);
            LOG.warn("POST {}: {} accepted, {} rejected, {} not acknowledged by Kafka ({})", PATH, accepted, rejected,
                    failed, outcomes.stream().filter(outcome -> outcome.status() == Status.FAILED).map(Outcome::failure)
                            .distinct().toList());
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        } else {
            LOG.debug("POST {}: {} accepted, {} rejected", PATH, accepted, rejected);
        }
        Answers.json(ctx, status(accepted, rejected, failed), body);
    }

    /** 503 when any record is to be sent again, else 200 all accepted, 400 none, 207 some. */
    static int status(final long accepted, final long rejected, final long failed) {
        if (failed > 0) {
            return 503;
        }
        if (rejected == 0) {
            return 200;
        }
        return accepted == 0 ? 400 : 207;
    }

    /** A body that is not one JSON value: dead-lettered whole, answered with a problem document. */
    private void rejectBody(final Context ctx, final byte[] body, final InvalidRecordException e) {
        meters.rejected(IngestMeters.EVENTS, e.reason().tag());
        final Acks.Ack ack = Acks.await(Acks.send(producer, deadLetter(body, e.reason(), e.getMessage(),
                MAX_DEAD_LETTER_BYTES)), Acks.deadline(ackTimeout));
        if (ack.acknowledged()) {
            LOG.debug("POST {}: body rejected ({}) -> {}", PATH, e.reason().tag(), ack.position());
        } else {
            meters.failed(IngestMeters.EVENTS, 1);
            LOG.warn("POST {}: body rejected ({}); its dead letter was not acknowledged by Kafka ({})", PATH,
                    e.reason().tag(), ack.failureKind());
        }
        Answers.problem(ctx, 400, e.getMessage());
    }

    private void refuse(final Context ctx, final int status, final String reason, final String detail) {
        meters.rejected(IngestMeters.EVENTS, reason);
        LOG.debug("POST {}: refused ({})", PATH, reason);
        Answers.problem(ctx, status, detail);
    }
}
