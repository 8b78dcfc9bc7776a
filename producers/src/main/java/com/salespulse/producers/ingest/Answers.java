package com.salespulse.producers.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * The bodies the ingestion endpoints answer with: JSON documents, and RFC 9457 problem documents
 * (as the query API sends them, with the field errors of a refused form). No answer repeats a
 * submitted value.
 */
final class Answers {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Answers() {
    }

    static void json(final Context ctx, final int status, final ObjectNode body) {
        ctx.status(status).contentType(JSON).result(body.toString());
    }

    static void problem(final Context ctx, final int status, final String detail) {
        problem(ctx, status, detail, List.of());
    }

    /** A problem document; {@code errors} (field and message) only when there are any. */
    static void problem(final Context ctx, final int status, final String detail, final List<FieldError> errors) {
        ctx.status(status).contentType(PROBLEM_JSON).result(problemBody(status, detail, errors).toString());
    }

    static ObjectNode problemBody(final int status, final String detail, final List<FieldError> errors) {
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.forStatus(status).getMessage());
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            final ArrayNode list = body.putArray("errors");
            errors.forEach(error -> list.addObject().put("field", error.field()).put("message", error.message()));
        }
        return body;
    }
}
