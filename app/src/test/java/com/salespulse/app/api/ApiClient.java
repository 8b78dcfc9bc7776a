package com.salespulse.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain HTTP calls to one instance's API, as curl would make them. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    ApiClient(final int port) {
        this(port, null);
    }

    ApiClient(final int port, final String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    /** An answer: its status, its Content-Type and Retry-After headers, its body. */
    record Answer(int status, String contentType, String retryAfter, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Answer get(final String path) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            final HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The series path for one KPI key's window: from its start to its end. */
    static String seriesPath(final String kpi, final String dimension, final String value, final String window,
                             final Instant from, final Instant to) {
        return "/api/kpis/" + kpi + query(Map.of("dimension", dimension, "value", value, "window", window,
                "from", from.toString(), "to", to.toString()));
    }

    static String query(final Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .sorted()
                .collect(Collectors.joining("&", "?", ""));
    }
}
