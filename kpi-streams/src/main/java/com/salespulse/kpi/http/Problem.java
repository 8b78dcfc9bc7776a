package com.salespulse.kpi.http;

/**
 * An answer other than success, sent as an RFC 9457 problem document: a status and a detail
 * written for the person who sent the request. Never carries a stack trace or request data.
 */
public final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public Problem(final int status, final String detail) {
        super(detail);
        this.status = status;
    }

    public static Problem badRequest(final String detail) {
        return new Problem(400, detail);
    }

    public static Problem notFound(final String detail) {
        return new Problem(404, detail);
    }

    public int status() {
        return status;
    }
}
