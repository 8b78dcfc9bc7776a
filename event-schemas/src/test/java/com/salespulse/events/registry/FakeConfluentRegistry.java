package com.salespulse.events.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry on 127.0.0.1 that answers the REST subset like Confluent's (same paths, bodies and
 * error shape) and records every request, so that tests can assert what the client sent and how
 * often it asked. It stores schema strings as given, ids global and shared across subjects.
 */
final class FakeConfluentRegistry implements AutoCloseable {
    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");

    /** One request as the server saw it; the path is raw, as sent on the wire. */
    record Request(String method, String rawPath, String contentType, String body) {
    }

    /** A canned answer that replaces the next normal one. */
    private record Refusal(int status, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> idBySchema = new LinkedHashMap<>();
    private final List<String> schemas = new ArrayList<>();
    private final Set<String> subjects = new LinkedHashSet<>();
    private final List<Refusal> refusals = new ArrayList<>();

    FakeConfluentRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    /** The next request is answered with this status and body instead. */
    synchronized void refuseNext(final int status, final String body) {
        refusals.add(new Refusal(status, body));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final String rawPath = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), rawPath,
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            final Refusal refusal = nextRefusal();
            if (refusal != null) {
                answer(exchange, refusal.status(), refusal.body());
                return;
            }
            answer(exchange, route(exchange.getRequestMethod(), rawPath, body));
        }
    }

    private synchronized Refusal nextRefusal() {
        return refusals.isEmpty() ? null : refusals.remove(0);
    }

    private synchronized Answer route(final String method, final String rawPath, final String body) throws IOException {
        final Matcher register = REGISTER.matcher(rawPath);
        if ("POST".equals(method) && register.matches()) {
            final JsonNode request = MAPPER.readTree(body);
            final String schema = request.get("schema").asText();
            final int id = idBySchema.computeIfAbsent(schema, s -> {
                schemas.add(s);
                return schemas.size();
            });
            subjects.add(URLDecoder.decode(register.group(1), StandardCharsets.UTF_8));
            return new Answer(200, MAPPER.createObjectNode().put("id", id).toString());
        }
        final Matcher byId = BY_ID.matcher(rawPath);
        if ("GET".equals(method) && byId.matches()) {
            final int id = Integer.parseInt(byId.group(1));
            if (id < 1 || id > schemas.size()) {
                return new Answer(404, "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
            }
            return new Answer(200, MAPPER.createObjectNode().put("schema", schemas.get(id - 1)).toString());
        }
        if ("GET".equals(method) && "/subjects".equals(rawPath)) {
            final ArrayNode list = MAPPER.createArrayNode();
            subjects.forEach(list::add);
            return new Answer(200, list.toString());
        }
        final ObjectNode notFound = MAPPER.createObjectNode().put("error_code", 404).put("message", "HTTP 404 Not Found");
        return new Answer(404, notFound.toString());
    }

    private static void answer(final HttpExchange exchange, final Answer answer) throws IOException {
        answer(exchange, answer.status(), answer.body());
    }

    private static void answer(final HttpExchange exchange, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
