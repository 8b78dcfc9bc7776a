package com.salespulse.events.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.serde.AvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against a registry that speaks Confluent's protocol: what goes on the wire, how
 * often, and how refusals and outages surface. The fake registry records every request, so that
 * "cached" is asserted as "the server saw nothing", not inferred from equal answers.
 */
class CachingRestSchemaRegistryClientTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema REP = Rep.getClassSchema();
    private static final Schema SALES_EVENT = SalesEvent.getClassSchema();

    private FakeConfluentRegistry registry;
    private CachingRestSchemaRegistryClient client;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeConfluentRegistry();
        client = new CachingRestSchemaRegistryClient(registry.url() + "/");
    }

    @AfterEach
    void stopRegistry() {
        client.close();
        registry.close();
    }

    @Test
    void shouldPostSchemaToSubjectVersionsWhenRegistering() throws IOException {
        // Given a registry that has not seen the schema

        // When
        final int id = client.register("sales.reps-value", REP);

        // Then one POST with Confluent's media type and a body holding only the schema string
        assertThat(id).isEqualTo(1);
        assertThat(registry.requests()).hasSize(1);
        final FakeConfluentRegistry.Request request = registry.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/subjects/sales.reps-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        final JsonNode body = MAPPER.readTree(request.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(REP);
    }

    @Test
    void shouldEncodeSubjectAsOnePathSegmentWhenItHoldsSlashesOrSpaces() {
        // Given a subject that is not a plain topic name
        final String subject = "team a/leads-value";

        // When
        client.register(subject, REP);

        // Then the slash and the space are escaped, and the space is not a "+"
        assertThat(registry.requests().get(0).rawPath()).isEqualTo("/subjects/team%20a%2Fleads-value/versions");
    }

    @Test
    void shouldAskRegistryOnceWhenSameSchemaIsRegisteredTwice() {
        // Given
        final int first = client.register("sales.crm-events-value", SALES_EVENT);
        registry.clearRequests();

        // When
        final int second = client.register("sales.crm-events-value", SALES_EVENT);

        // Then
        assertThat(second).isEqualTo(first);
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void shouldRegisterAgainWhenSameSchemaGoesUnderAnotherSubject() {
        // Given
        final int first = client.register("sales.reps-value", REP);

        // When
        final int second = client.register("archive.reps-value", REP);

        // Then the registry records the subject, and its global id is the same
        assertThat(second).isEqualTo(first);
        assertThat(registry.requests()).extracting(FakeConfluentRegistry.Request::rawPath)
                .containsExactly("/subjects/sales.reps-value/versions", "/subjects/archive.reps-value/versions");
    }

    @Test
    void shouldFetchSchemaByIdOnceWhenAskedTwice() {
        // Given a schema another client registered
        final int id;
        try (CachingRestSchemaRegistryClient writer = new CachingRestSchemaRegistryClient(registry.url())) {
            id = writer.register("sales.crm-events-value", SALES_EVENT);
        }
        registry.clearRequests();

        // When
        final Schema first = client.schemaById(id);
        final Schema second = client.schemaById(id);

        // Then one GET, and the schema parsed back equal to the one registered
        assertThat(first).isEqualTo(SALES_EVENT);
        assertThat(second).isSameAs(first);
        assertThat(registry.requests()).extracting(FakeConfluentRegistry.Request::method, FakeConfluentRegistry.Request::rawPath)
                .containsExactly(tuple("GET", "/schemas/ids/" + id));
    }

    @Test
    void shouldNotFetchSchemaWhenThisClientRegisteredIt() {
        // Given
        final int id = client.register("sales.reps-value", REP);
        registry.clearRequests();

        // When
        final Schema schema = client.schemaById(id);

        // Then
        assertThat(schema).isEqualTo(REP);
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void shouldCarryStatusErrorCodeAndMessageWhenRegistryRefuses() {
        // Given a registry that finds the schema incompatible
        registry.refuseNext(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an"
                + " earlier schema for subject \\\"sales.reps-value\\\"\"}");

        // When / Then
        assertThatThrownBy(() -> client.register("sales.reps-value", REP))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.isSchemaNotFound()).isFalse();
                    assertThat(e.getMessage())
                            .contains("HTTP 409")
                            .contains("error_code 409")
                            .contains("Schema being registered is incompatible with an earlier schema")
                            .contains(registry.url() + "/subjects/sales.reps-value/versions");
                });
    }

    @Test
    void shouldNotRetryNorCacheWhenRegistryRefuses() {
        // Given
        registry.refuseNext(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

        // When
        assertThatThrownBy(() -> client.register("sales.reps-value", REP))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
        final int id = client.register("sales.reps-value", REP);

        // Then one request for the refusal, one for the success that followed
        assertThat(id).isEqualTo(1);
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void shouldSaySchemaNotFoundWhenIdIsUnknown() {
        // Given an empty registry

        // When / Then
        assertThatThrownBy(() -> client.schemaById(42))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                    assertThat(e.isSchemaNotFound()).isTrue();
                    assertThat(e.getMessage()).contains("Schema 42 not found");
                });
    }

    @Test
    void shouldQuoteBodyWhenRefusalIsNotJson() {
        // Given a proxy in front of the registry
        registry.refuseNext(502, "<html>Bad Gateway</html>");

        // When / Then
        assertThatThrownBy(() -> client.subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(502);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_STATUS);
                    assertThat(e.getMessage()).contains("HTTP 502").contains("Bad Gateway");
                });
    }

    @Test
    void shouldListSubjectsWhenAsked() {
        // Given
        client.register("sales.reps-value", REP);
        client.register("sales.crm-events-value", SALES_EVENT);

        // When
        final List<String> subjects = client.subjects();

        // Then
        assertThat(subjects).containsExactly("sales.reps-value", "sales.crm-events-value");
        assertThat(registry.requests().get(2).rawPath()).isEqualTo("/subjects");
    }

    @Test
    void shouldRetryThenNameUrlWhenRegistryIsUnreachable() throws IOException {
        // Given a port nobody listens on
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final String url = "http://127.0.0.1:" + port;
        final long start = System.nanoTime();

        // When / Then
        try (CachingRestSchemaRegistryClient unreachable = new CachingRestSchemaRegistryClient(url)) {
            assertThatThrownBy(() -> unreachable.schemaById(1))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("cannot reach the schema registry")
                    .hasMessageContaining(url + "/schemas/ids/1")
                    .hasCauseInstanceOf(IOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void shouldGiveUpWithinBudgetWhenRegistryAcceptsButNeverAnswers() throws IOException {
        // Given a server that accepts connections and never answers, and a one-second budget
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            final String url = "http://127.0.0.1:" + silent.getLocalPort();
            final long start = System.nanoTime();

            // When / Then
            try (CachingRestSchemaRegistryClient hanging = new CachingRestSchemaRegistryClient(url, Duration.ofSeconds(1))) {
                assertThatThrownBy(() -> hanging.subjects())
                        .isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining(url + "/subjects")
                        .hasCauseInstanceOf(HttpTimeoutException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void shouldSucceedWhenRegistryDropsFirstConnection() throws Exception {
        // Given a server that hangs up on the first connection and answers the second
        final AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            final Thread acceptor = new Thread(() -> serveAfterHangingUpOnce(server, connections), "flaky-registry");
            acceptor.setDaemon(true);
            acceptor.start();

            // When
            final int id;
            try (CachingRestSchemaRegistryClient flaky =
                         new CachingRestSchemaRegistryClient("http://127.0.0.1:" + server.getLocalPort())) {
                id = flaky.register("sales.reps-value", REP);
            }

            // Then
            assertThat(id).isEqualTo(7);
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    @Test
    void shouldRoundTripThroughSerdeWhenRegistryIsRemote() {
        // Given a writer and a reader that share nothing but the registry
        final Rep rep = new Rep("R7", "Ada", "T1", "EMEA", "Europe/Berlin", new BigDecimal("50000.0000"));
        final byte[] bytes;
        try (CachingRestSchemaRegistryClient writerClient = new CachingRestSchemaRegistryClient(registry.url())) {
            bytes = new AvroSerde<>(writerClient, Rep.class).serialize("sales.reps", rep);
        }

        // When
        final Rep read = new AvroSerde<>(client, Rep.class).deserialize("sales.reps", bytes);

        // Then
        assertThat(read).isEqualTo(rep);
        assertThat(registry.requests()).extracting(FakeConfluentRegistry.Request::rawPath)
                .containsExactly("/subjects/sales.reps-value/versions", "/schemas/ids/1");
    }

    @Test
    void shouldRefuseCallsWhenClosed() {
        // Given
        client.close();

        // When / Then
        assertThatThrownBy(() -> client.subjects()).isInstanceOf(IllegalStateException.class);
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void shouldRefuseUrlWithoutSchemeWhenConstructed() {
        // Given / When / Then: "localhost:8081" would otherwise fail on every request, far from its cause
        assertThatThrownBy(() -> new CachingRestSchemaRegistryClient("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }

    private static void serveAfterHangingUpOnce(final ServerSocket server, final AtomicInteger connections) {
        try {
            try (Socket first = server.accept()) {
                connections.incrementAndGet();
                readRequest(first.getInputStream());
            }
            try (Socket second = server.accept()) {
                connections.incrementAndGet();
                readRequest(second.getInputStream());
                final byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
                final OutputStream out = second.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (final IOException e) {
            // The test fails on its own assertions if the server could not answer.
        }
    }

    /** Reads one HTTP/1.1 request (headers, then Content-Length bytes of body). */
    private static void readRequest(final InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            final int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
        }
        final String headers = head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        final int at = headers.indexOf("content-length:");
        if (at >= 0) {
            final int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        }
    }
}
