package com.salespulse.events.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (the subset DESIGN.md section 3 names), so
 * that the topics interoperate with Confluent Schema Registry, Redpanda, Apicurio (ccompat),
 * Karapace and the project's embedded registry without Confluent's jars, which Maven Central does
 * not serve.
 *
 * <p>A schema id never changes its schema, and registering the same schema under the same subject
 * always yields the same id, so both answers are cached for the life of the client: each id and
 * each (subject, schema) pair costs one request. A serde calls the registry on the hot path, so
 * without the cache every record would pay a round trip.
 *
 * <p>A registry that cannot be reached is retried a few times with a short backoff, bounded by a
 * total budget of about eight seconds, because registries are often restarted next to the
 * pipeline; a refusal (any non-2xx answer) is never retried, because asking again gets the same
 * answer.
 */
public final class CachingRestSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {
    /** The media type Confluent's registry speaks. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE
            + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    /** Total time spent on one request including its retries, kept below ten seconds. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(8);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MIN_ATTEMPT_MILLIS = 500;
    private static final int MAX_ERROR_BODY_CHARS = 300;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final Duration retryBudget;
    private final HttpClient http;
    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param baseUrl the registry's root URL, e.g. {@code http://localhost:8081}; a trailing slash is ignored
     */
    public CachingRestSchemaRegistryClient(final String baseUrl) {
        this(baseUrl, RETRY_BUDGET);
    }

    /** With a shorter retry budget, so that tests of a hanging registry need not wait eight seconds. */
    CachingRestSchemaRegistryClient(final String baseUrl, final Duration retryBudget) {
        this.retryBudget = retryBudget;
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry URL is missing");
        }
        this.baseUrl = baseUrl.trim().replaceAll("/+$", "");
        final URI uri = URI.create(this.baseUrl);
        // "localhost:8081" parses as a URI with scheme "localhost": catch the missing scheme here, not per request.
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://: " + baseUrl);
        }
        this.http = HttpClient.newBuilder()
                // HTTP/1.1 because registries and proxies in front of them do not all accept an h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The registry's root URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * {@code POST /subjects/{subject}/versions}: registers the schema, or finds it already there,
     * and returns its global id.
     */
    @Override
    public int register(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("schema", schema.toString());
        final String url = baseUrl + "/subjects/" + encodePathSegment(subject) + "/versions";
        final JsonNode answer = send("POST", url, toJson(body));
        final JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException("schema registry answered POST " + url + " without an integer id");
        }
        final int schemaId = id.intValue();
        idBySubjectSchema.putIfAbsent(key, schemaId);
        // The writer of a schema often reads it back (a pipeline reading its own output): spare that request.
        schemaById.putIfAbsent(schemaId, schema);
        return schemaId;
    }

    /** {@code GET /schemas/ids/{id}}: the schema with this global id. */
    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        final String url = baseUrl + "/schemas/ids/" + id;
        final JsonNode answer = send("GET", url, null);
        final JsonNode type = answer.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new SchemaRegistryException("schema " + id + " at " + url + " is a " + type.asText()
                    + " schema, not Avro");
        }
        final JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("schema registry answered GET " + url + " without a schema");
        }
        final Schema schema;
        try {
            // A new parser for every schema: a parser refuses to define the same record name twice.
            schema = new Schema.Parser().parse(text.textValue());
        } catch (final SchemaParseException e) {
            throw new SchemaRegistryException("schema " + id + " at " + url + " is not valid Avro: " + e.getMessage(), e);
        }
        final Schema raced = schemaById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    /**
     * {@code GET /subjects}: every subject the registry holds. Not cached, because subjects come
     * and go while the client lives.
     */
    public List<String> subjects() {
        final String url = baseUrl + "/subjects";
        final JsonNode answer = send("GET", url, null);
        if (!answer.isArray()) {
            throw new SchemaRegistryException("schema registry answered GET " + url + " without a list of subjects");
        }
        final List<String> subjects = new ArrayList<>(answer.size());
        answer.forEach(subject -> subjects.add(subject.asText()));
        return List.copyOf(subjects);
    }

    /**
     * Forgets the caches and refuses further requests. Java 17's {@link HttpClient} has no
     * {@code close()}: its connections and selector thread go when the client is unreachable, so
     * closing this client is what makes it unreachable to callers that forget it.
     */
    @Override
    public void close() {
        closed = true;
        idBySubjectSchema.clear();
        schemaById.clear();
    }

    private JsonNode send(final String method, final String url, final String body) {
        if (closed) {
            throw new IllegalStateException("schema registry client for " + baseUrl + " is closed");
        }
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", ACCEPT);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        final HttpResponse<String> response = sendWithRetries(method, url, request.build());
        final int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw refusal(method, url, status, response.body());
        }
        try {
            return MAPPER.readTree(response.body());
        } catch (final JsonProcessingException e) {
            throw new SchemaRegistryException("schema registry answered " + method + " " + url
                    + " with HTTP " + status + " and a body that is not JSON", e);
        }
    }

    private HttpResponse<String> sendWithRetries(final String method, final String url, final HttpRequest request) {
        final long deadline = System.nanoTime() + retryBudget.toNanos();
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            final Duration left = Duration.ofNanos(deadline - System.nanoTime());
            // A hanging registry must not stretch a retry past the budget: the last attempt gets what is left.
            final HttpRequest attemptRequest = HttpRequest.newBuilder(request, (name, value) -> true)
                    .timeout(left.compareTo(REQUEST_TIMEOUT) < 0 ? left : REQUEST_TIMEOUT)
                    .build();
            try {
                return http.send(attemptRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (final IOException e) {
                last = e;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at " + url, e);
            }
            final long backoffMillis = FIRST_BACKOFF_MILLIS << (attempt - 1);
            final long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            // Stop when too little of the budget is left for another attempt to have a chance.
            if (attempt == MAX_ATTEMPTS || remainingMillis < backoffMillis + MIN_ATTEMPT_MILLIS) {
                break;
            }
            sleep(backoffMillis, url);
        }
        throw new SchemaRegistryException("cannot reach the schema registry: " + method + " " + url + " failed: "
                + describe(last), last);
    }

    private static void sleep(final long millis, final String url) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while retrying the schema registry at " + url, e);
        }
    }

    /** Maps a non-2xx answer to an exception with the registry's own error code and message. */
    private static SchemaRegistryException refusal(final String method, final String url, final int status,
                                                   final String body) {
        final RegistryError error = RegistryError.parse(body);
        final StringBuilder text = new StringBuilder("schema registry refused ")
                .append(method).append(' ').append(url).append(": HTTP ").append(status);
        if (error.code() != SchemaRegistryException.NO_STATUS) {
            text.append(", error_code ").append(error.code());
        }
        if (error.message() != null && !error.message().isBlank()) {
            text.append(": ").append(error.message());
        }
        return new SchemaRegistryException(text.toString(), status, error.code());
    }

    private static String describe(final IOException e) {
        if (e == null) {
            return "no attempt made";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String toJson(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Subjects are path segments: "/" and spaces must be escaped, and URLEncoder's "+" means a space only in queries. */
    static String encodePathSegment(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Confluent's error body, {@code {"error_code": 40403, "message": "Schema not found"}}. */
    private record RegistryError(int code, String message) {
        static RegistryError parse(final String body) {
            try {
                final JsonNode error = MAPPER.readTree(body);
                if (error == null || !error.isObject()) {
                    return new RegistryError(SchemaRegistryException.NO_STATUS, shorten(body));
                }
                final JsonNode code = error.get("error_code");
                final JsonNode message = error.get("message");
                return new RegistryError(code != null && code.canConvertToInt() ? code.intValue() : SchemaRegistryException.NO_STATUS,
                        message == null || message.isNull() ? null : message.asText());
            } catch (final JsonProcessingException e) {
                // Not Confluent's error shape (a proxy's HTML page, say): the raw body, shortened, says more.
                return new RegistryError(SchemaRegistryException.NO_STATUS, shorten(body));
            }
        }

        private static String shorten(final String body) {
            return body.length() > MAX_ERROR_BODY_CHARS ? body.substring(0, MAX_ERROR_BODY_CHARS) + "..." : body;
        }
    }

    /** The key of the id cache: the same schema under two subjects is two registrations. */
    private record SubjectSchema(String subject, Schema schema) {
    }
}
