package com.salespulse.events.validation;

/**
 * A record that breaks the event contract (DESIGN.md section 5). The reason is a bounded code,
 * fit for a metric tag; the detail names fields and types but never carries payload values.
 */
public class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public InvalidRecordException(final RejectReason reason, final String detail) {
        super(detail);
        this.reason = reason;
    }

    public InvalidRecordException(final RejectReason reason, final String detail, final Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
