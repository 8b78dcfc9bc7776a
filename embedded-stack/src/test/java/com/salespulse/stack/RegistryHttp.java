package com.salespulse.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.avro.Schema;

/** Raw HTTP calls to a schema registry, so that tests see status codes, media types and bodies as sent. */
final class RegistryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RegistryHttp(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: HTTP status, Content-Type and the body as a JSON tree. */
    record Answer(int status, String contentType, JsonNode body) {
    }

    Answer get(final String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Answer post(final String path, final String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", EmbeddedSchemaRegistry.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code POST path} with {@code {"schema": "<schema>"}}. */
    Answer postSchema(final String path, final Schema schema) throws IOException, InterruptedException {
        return post(path, JSON.createObjectNode().put("schema", schema.toString()).toString());
    }

    private Answer send(final HttpRequest.Builder request) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }
}
