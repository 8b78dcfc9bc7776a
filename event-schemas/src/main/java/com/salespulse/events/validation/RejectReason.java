package com.salespulse.events.validation;

import java.util.Locale;

/** Why a record went to the dead-letter topic. The tag value is used in headers and metrics. */
public enum RejectReason {
    /** Not parsable as JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** Not a valid Confluent-wire-format Avro record of the expected type. */
    MALFORMED_AVRO,
    /** A field required for the event's type is missing or empty. */
    MISSING_FIELD,
    /** A value outside its enum (type, activity, sentiment, stage, ...). */
    UNKNOWN_ENUM,
    /** occurredAt is not an ISO-8601 instant. */
    BAD_TIMESTAMP,
    /** An amount or cost below zero. */
    NEGATIVE_AMOUNT,
    /** Any other value that breaks the contract (a score outside 0-10, an unparsable number, ...). */
    BAD_VALUE,
    /** The record key is not the event's leadId, so per-lead order could not hold. */
    KEY_MISMATCH,
    /** Later than the grace period of its window. */
    LATE,
    /**
     * A web-form submission without a leadId arrived while no key for deriving lead ids from e-mail addresses
     * ({@code salespulse.pii.hmac.key}) is configured; it can be sent again once one is.
     */
    NO_PII_KEY,
    /** Processing failed in a way no rule above describes; the log names the record's topic, partition and offset. */
    PROCESSING_ERROR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
