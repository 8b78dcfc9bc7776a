package com.salespulse.producers.ingest;

import com.salespulse.events.validation.RejectReason;

/**
 * One reason a submission was refused, for the {@code errors} of a 400 answer. The message says
 * what the field must be, never what was sent: a refused value may be someone's e-mail address.
 *
 * @param field   the field (as answers name it), the {@code formId} path parameter or the
 *                {@code Idempotency-Key} header
 * @param message what the field must be
 * @param reason  the dead-letter reason this error stands for
 */
record FieldError(String field, String message, RejectReason reason) {

    static FieldError missing(final String field) {
        return new FieldError(field, "is required", RejectReason.MISSING_FIELD);
    }

    static FieldError bad(final String field, final String message) {
        return new FieldError(field, message, RejectReason.BAD_VALUE);
    }
}
