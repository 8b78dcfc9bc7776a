package com.salespulse.kpi.query;

/** A query that cannot be answered as asked (a KPI not published for that dimension, too many windows). */
public final class InvalidQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(final String message) {
        super(message);
    }
}
