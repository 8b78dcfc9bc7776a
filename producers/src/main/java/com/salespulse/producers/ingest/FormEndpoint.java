package com.salespulse.producers.ingest;

import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.producers.RecordBytes;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ingest/forms/{formId}}: a web-form submission, form-urlencoded or JSON, checked by
 * {@link FormValidator}. A valid one goes to {@code sales.webform-submissions} as a
 * {@link WebFormSubmission} keyed by its submissionId (the {@code Idempotency-Key} header, else a
 * new UUID), submitted at the time the request arrived, and is answered {@code 202} once Kafka has
 * acknowledged it. An invalid one is answered {@code 400} with the broken rules and goes to the
 * dead-letter topic as the body it was posted with.
 *
 * <p>Logs name the endpoint, the outcome, the reason and the record's topic-partition@offset; never
 * the form id (it is part of the path a caller chooses), a field or the body.
 */
final class FormEndpoint {
    static final String PATH = "/ingest/forms/{formId}";
    static final String PATH_PREFIX = "/ingest/forms/";
    /** A form is a few hundred bytes; 64 KiB leaves room for long UTM values and URLs. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FormEndpoint.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final Topic<String, WebFormSubmission> topic;
    private final Topic<byte[], byte[]> deadLetters;
    private final Producer<byte[], byte[]> producer;
    private final IngestMeters meters;
    private final CrossOrigin cors;
    private final Clock clock;
    private final Duration ackTimeout;

    FormEndpoint(final Topic<String, WebFormSubmission> topic, final Topic<byte[], byte[]> deadLetters,
                 final Producer<byte[], byte[]> producer, final IngestMeters meters, final CrossOrigin cors,
                 final Clock clock, final Duration ackTimeout) {
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.producer = producer;
        this.meters = meters;
        this.cors = cors;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    void submit(final Context ctx) {
        final Instant receivedAt = clock.instant();
        cors.onRequest(ctx);
        try {
            handle(ctx, receivedAt);
        } catch (final IOException | RuntimeException e) {
            // Caught here, not by the server: its handler would log the path, which holds the caller's form id.
            LOG.error("POST {}: failed ({})", PATH, e.getClass().getSimpleName());
            Answers.problem(ctx, 500, "the server failed to take the submission; send it again");
        }
    }

    void preflight(final Context ctx) {
        cors.preflight(ctx);
    }

    private void handle(final Context ctx, final Instant receivedAt) throws IOException {
        final FormInput.Format format = FormInput.Format.of(ctx.contentType());
        if (format == null) {
            refuse(ctx, 415, IngestMeters.UNSUPPORTED_MEDIA_TYPE,
                    "post the form as " + FormInput.FORM_URLENCODED + " or " + FormInput.JSON);
            return;
        }
        final byte[] body;
        try {
            body = RequestBodies.read(ctx.req().getContentLengthLong(), ctx.bodyInputStream(), MAX_BODY_BYTES);
        } catch (final RequestBodies.TooLarge e) {
            refuse(ctx, 413, IngestMeters.TOO_LARGE, e.getMessage());
            return;
        }
        final String formId = ctx.pathParam("formId");
        final String idempotencyKey = ctx.header(FormValidator.IDEMPOTENCY_KEY);
        final FormValidator.Checked checked;
        try {
            checked = FormValidator.check(formId, idempotencyKey, FormInput.parse(format, body));
        } catch (final InvalidRecordException e) {
            reject(ctx, formId, body, e.reason(), e.getMessage(), List.of());
            return;
        }
        if (!checked.valid()) {
            reject(ctx, formId, body, checked.reason(), checked.detail(), checked.errors());
            return;
        }
        final String submissionId = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        final byte[] value;
        try {
            value = RecordBytes.value(topic, checked.submission(submissionId, formId, receivedAt));
        } catch (final InvalidRecordException e) {
            reject(ctx, formId, body, e.reason(), e.getMessage(), List.of());
            return;
        } catch (final RuntimeException e) {
            // The schema registry did not answer: nothing wrong with the submission, so it is to be sent again.
            fail(ctx, e.getClass().getSimpleName());
            return;
        }
        final Acks.Ack ack = Acks.await(Acks.send(producer, new ProducerRecord<>(topic.name(), null,
                receivedAt.toEpochMilli(), RecordBytes.key(topic, submissionId), value)), Acks.deadline(ackTimeout));
        if (!ack.acknowledged()) {
            fail(ctx, ack.failureKind());
            return;
        }
        meters.accepted(IngestMeters.FORMS, 1);
        LOG.debug("POST {}: accepted -> {}", PATH, ack.position());
        Answers.json(ctx, 202, Answers.MAPPER.createObjectNode().put("submissionId", submissionId));
    }

    /** Refuses the request before its body is read: nothing to dead-letter. */
    private void refuse(final Context ctx, final int status, final String reason, final String detail) {
        meters.rejected(IngestMeters.FORMS, reason);
        LOG.debug("POST {}: refused ({})", PATH, reason);
        Answers.problem(ctx, status, detail);
    }

    /** Answers 400 once the body is on the dead-letter topic (or Kafka refused it, which the log says). */
    private void reject(final Context ctx, final String formId, final byte[] body, final RejectReason reason,
                        final String detail, final List<FieldError> errors) {
        meters.rejected(IngestMeters.FORMS, reason.tag());
        final String endpoint = FormValidator.isFormId(formId) ? PATH_PREFIX + formId : PATH;
        final Acks.Ack ack = Acks.await(Acks.send(producer, DeadLetter.record(deadLetters.name(), null,
                        RecordBytes.value(deadLetters, body),
                        DeadLetter.fromEndpoint(reason, detail, endpoint, FormInput.mediaType(ctx.contentType())))),
                Acks.deadline(ackTimeout));
        if (ack.acknowledged()) {
            LOG.debug("POST {}: rejected ({}) -> {}", PATH, reason.tag(), ack.position());
        } else {
            meters.failed(IngestMeters.FORMS, 1);
            LOG.warn("POST {}: rejected ({}); its dead letter was not acknowledged by Kafka ({})", PATH, reason.tag(),
                    ack.failureKind());
        }
        Answers.problem(ctx, 400, detail, errors);
    }

    private void fail(final Context ctx, final String failureKind) {
        meters.failed(IngestMeters.FORMS, 1);
        LOG.warn("POST {}: not acknowledged by Kafka ({})", PATH, failureKind);
        ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        Answers.problem(ctx, 503, "the submission could not be stored; send it again (with the same Idempotency-Key)");
    }
}
