package com.salespulse.producers.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. The endpoints read bodies themselves rather than through
 * the server's own limit, so that each endpoint has its own (a form is small, a batch of events
 * is not) and a body over it is refused before it is held in memory.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** A body over the endpoint's limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(final int limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    /**
     * The body of at most {@code limit} bytes.
     *
     * @param declaredLength the request's {@code Content-Length}, or -1 when it has none (chunked)
     * @throws TooLarge when the body is declared or found to be longer than {@code limit}
     */
    static byte[] read(final long declaredLength, final InputStream in, final int limit) throws TooLarge, IOException {
        if (declaredLength > limit) {
            throw new TooLarge(limit);
        }
        final byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new TooLarge(limit);
        }
        return body;
    }
}
