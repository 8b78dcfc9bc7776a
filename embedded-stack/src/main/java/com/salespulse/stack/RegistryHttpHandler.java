package com.salespulse.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST subset, routed by hand (a dozen routes do not need a web
 * framework):
 *
 * <pre>
 * GET  /                                              {}
 * GET  /config, /config/{subject}                     {"compatibilityLevel":"BACKWARD"}
 * GET  /schemas/types                                 ["AVRO"]
 * GET  /schemas/ids/{id}                              {"schema":"..."}
 * GET  /schemas/ids/{id}/versions                     [{"subject":"s","version":1}]
 * GET  /subjects                                      ["s"]
 * POST /subjects/{subject}                            lookup: {"subject","version","id","schema"}
 * GET  /subjects/{subject}/versions                   [1,2]
 * POST /subjects/{subject}/versions                   register: {"id":n}
 * GET  /subjects/{subject}/versions/{n|latest}        {"subject","version","id","schema"}
 * GET  /subjects/{subject}/versions/{n|latest}/schema the schema itself
 * POST /compatibility/subjects/{subject}/versions/{n|latest}  {"is_compatible":bool}
 * </pre>
 *
 * Every answer, errors included, is {@code application/vnd.schemaregistry.v1+json}; errors are
 * {@code {"error_code": n, "message": "..."}} with Confluent's codes.
 */
final class RegistryHttpHandler implements HttpHandler {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final SchemaStore store;
    private final Consumer<SchemaVersion> persist;

    RegistryHttpHandler(final SchemaStore store, final Consumer<SchemaVersion> persist) {
        this.store = store;
        this.persist = persist;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            String body;
            try {
                body = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                        exchange.getRequestBody());
            } catch (final RegistryError e) {
                status = e.httpStatus();
                body = error(e.errorCode(), e.getMessage());
            } catch (final RuntimeException e) {
                LOG.warn("Schema registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                status = 500;
                body = error(500, "Internal Server Error");
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String route(final String method, final List<String> path, final InputStream requestBody) {
        final boolean get = "GET".equals(method);
        final boolean post = "POST".equals(method);
        final int size = path.size();
        if (size == 0) {
            return require(get, "{}");
        }
        switch (path.get(0)) {
            case "config":
                if (size <= 2) {
                    return require(get, json(JSON.createObjectNode().put("compatibilityLevel", SchemaStore.COMPATIBILITY)));
                }
                break;
            case "schemas":
                if (size == 2 && "types".equals(path.get(1))) {
                    return require(get, json(JSON.createArrayNode().add("AVRO")));
                }
                if (size >= 3 && size <= 4 && "ids".equals(path.get(1))) {
                    requireMethod(get);
                    final int id = schemaId(path.get(2));
                    return size == 3 ? schemaById(id) : usages(id);
                }
                break;
            case "subjects":
                if (size == 1) {
                    return require(get, json(strings(store.subjects())));
                }
                final String subject = path.get(1);
                if (size == 2) {
                    requireMethod(post);
                    return json(versionNode(store.lookup(subject, schemaOf(requestBody))));
                }
                if ("versions".equals(path.get(2))) {
                    if (size == 3) {
                        requireMethod(get || post);
                        return get ? json(integers(store.versions(subject))) : register(subject, requestBody);
                    }
                    if (size == 4 || size == 5 && "schema".equals(path.get(4))) {
                        requireMethod(get);
                        final SchemaVersion version = store.version(subject, versionRef(path.get(3)));
                        return size == 4 ? json(versionNode(version)) : version.schema();
                    }
                }
                break;
            case "compatibility":
                if (size == 5 && "subjects".equals(path.get(1)) && "versions".equals(path.get(3))) {
                    requireMethod(post);
                    return compatibility(path.get(2), versionRef(path.get(4)), requestBody);
                }
                break;
            default:
                break;
        }
        throw RegistryError.notFound();
    }

    private String register(final String subject, final InputStream requestBody) {
        final int id = store.register(subject, schemaOf(requestBody), persist);
        return json(JSON.createObjectNode().put("id", id));
    }

    private String schemaById(final int id) {
        final String schema = store.schemaById(id)
                .orElseThrow(() -> RegistryError.schemaNotFound("Schema " + id + " not found"));
        return json(JSON.createObjectNode().put("schema", schema));
    }

    private String usages(final int id) {
        if (store.schemaById(id).isEmpty()) {
            throw RegistryError.schemaNotFound("Schema " + id + " not found");
        }
        final ArrayNode usages = JSON.createArrayNode();
        store.usages(id).forEach(usage -> usages.addObject()
                .put("subject", usage.subject())
                .put("version", usage.version()));
        return json(usages);
    }

    private String compatibility(final String subject, final int version, final InputStream requestBody) {
        final Schema schema = schemaOf(requestBody);
        final List<String> incompatibilities = store.incompatibilities(subject, version, schema);
        final ObjectNode answer = JSON.createObjectNode().put("is_compatible", incompatibilities.isEmpty());
        if (!incompatibilities.isEmpty()) {
            answer.set("messages", strings(incompatibilities));
        }
        return json(answer);
    }

    /** The Avro schema of a {@code {"schema": "...", "schemaType": "AVRO"}} request body. */
    private static Schema schemaOf(final InputStream requestBody) {
        final JsonNode request;
        try {
            request = JSON.readTree(requestBody.readAllBytes());
        } catch (final JsonProcessingException e) {
            throw RegistryError.badRequest("Invalid JSON in the request body: " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw RegistryError.badRequest("Cannot read the request body: " + e.getMessage());
        }
        if (request == null || !request.isObject()) {
            throw RegistryError.invalidSchema("Invalid schema: the request body must be {\"schema\": \"...\"}");
        }
        final JsonNode type = request.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw RegistryError.invalidSchema("Invalid schema: schema type " + type.asText()
                    + " is not supported; this registry holds Avro schemas only");
        }
        final JsonNode references = request.get("references");
        if (references != null && references.isArray() && references.size() > 0) {
            throw RegistryError.invalidSchema("Invalid schema: schema references are not supported");
        }
        final JsonNode schema = request.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryError.invalidSchema("Invalid schema: the request has no \"schema\" string");
        }
        return SchemaStore.parse(schema.textValue());
    }

    private static ObjectNode versionNode(final SchemaVersion version) {
        return JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private static int schemaId(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw RegistryError.schemaNotFound("Schema " + text + " not found");
        }
    }

    /** "latest" or -1 for the latest version, else a positive version number. */
    private static int versionRef(final String text) {
        if ("latest".equals(text)) {
            return SchemaStore.LATEST;
        }
        try {
            final int version = Integer.parseInt(text);
            if (version == SchemaStore.LATEST || version > 0) {
                return version;
            }
        } catch (final NumberFormatException e) {
            // Falls through to Confluent's "invalid version" answer.
        }
        throw RegistryError.invalidVersion(text);
    }

    /** The decoded path segments; a subject may hold any character, percent-encoded. */
    private static List<String> segments(final String rawPath) {
        final List<String> segments = new ArrayList<>();
        for (final String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                // URLDecoder would read "+" as a space, which is right in a query but not in a path.
                try {
                    segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (final IllegalArgumentException e) {
                    throw RegistryError.notFound();
                }
            }
        }
        return segments;
    }

    private static String require(final boolean allowed, final String body) {
        requireMethod(allowed);
        return body;
    }

    private static void requireMethod(final boolean allowed) {
        if (!allowed) {
            throw RegistryError.methodNotAllowed();
        }
    }

    private static ArrayNode strings(final List<String> values) {
        final ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode integers(final List<Integer> values) {
        final ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String error(final int errorCode, final String message) {
        return json(JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static String json(final JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
