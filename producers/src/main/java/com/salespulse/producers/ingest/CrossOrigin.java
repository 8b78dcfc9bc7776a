package com.salespulse.producers.ingest;

import io.javalin.http.Context;
import java.util.List;

/**
 * CORS for the web-form endpoint, so that a page on another origin can post a form with
 * {@code fetch} and read the answer. Only configured origins get CORS headers (or every origin
 * when {@code *} is configured); with none configured, no CORS header is ever sent and browsers
 * keep their same-origin rule. No credentials are allowed: forms need no cookies.
 */
final class CrossOrigin {
    static final String ALLOWED_METHODS = "POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Idempotency-Key";
    static final String MAX_AGE_SECONDS = "600";

    private final List<String> allowed;

    CrossOrigin(final List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The {@code Access-Control-Allow-Origin} value for a request from {@code origin}; null for none. */
    String allowOrigin(final String origin) {
        if (origin == null || origin.isBlank()) {
            return null;
        }
        if (allowed.contains(IngestSettings.ANY_ORIGIN)) {
            return IngestSettings.ANY_ORIGIN;
        }
        return allowed.contains(IngestSettings.normalisedOrigin(origin)) ? origin.trim() : null;
    }

    /** The CORS headers of an actual request's answer, whatever its status (so the page can read a 400). */
    void onRequest(final Context ctx) {
        final String allowOrigin = allowOrigin(ctx.header("Origin"));
        if (allowOrigin != null) {
            ctx.header("Access-Control-Allow-Origin", allowOrigin);
            ctx.header("Access-Control-Expose-Headers", "Retry-After");
            ctx.header("Vary", "Origin");
        }
    }

    /** Answers a preflight {@code OPTIONS} request: 204, with the CORS headers only for an allowed origin. */
    void preflight(final Context ctx) {
        final String allowOrigin = allowOrigin(ctx.header("Origin"));
        ctx.header("Allow", ALLOWED_METHODS);
        if (allowOrigin != null) {
            ctx.header("Access-Control-Allow-Origin", allowOrigin);
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.header("Vary", "Origin");
        }
        ctx.status(204);
    }
}
