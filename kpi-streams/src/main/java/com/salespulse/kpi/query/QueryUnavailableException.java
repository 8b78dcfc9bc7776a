package com.salespulse.kpi.query;

import java.util.Set;

/** No replica could answer for some partitions (the pipeline is starting or rebalancing): retry soon. */
public final class QueryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryUnavailableException(final String message) {
        super(message);
    }

    static QueryUnavailableException partitions(final String store, final Set<Integer> partitions) {
        return new QueryUnavailableException("no replica of " + store + " can answer for partitions " + partitions
                + " right now (the pipeline is starting or rebalancing)");
    }
}
