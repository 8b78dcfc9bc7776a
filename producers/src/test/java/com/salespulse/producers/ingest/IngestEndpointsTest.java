package com.salespulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both endpoints over real HTTP on a Javalin server, sending through a {@link MockProducer}: the
 * statuses, the bodies, the records and their headers, the meters.
 */
class IngestEndpointsTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String KEY = "3f2b9c1e-0d4a-4f7e-9a57-1c2d3e4f5a6b";
    private static final String TOKEN = "crm-s3cret";

    private final Topics topics = new Topics("", new InMemorySchemaRegistryClient());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> failingKeys = Collections.synchronizedList(new ArrayList<>());
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(final ProducerRecord<byte[], byte[]> record, final Callback callback) {
            final String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (key != null && failingKeys.contains(key)) {
                final TimeoutException expired = new TimeoutException("Expiring 1 record(s)");
                callback.onCompletion(null, expired);
                return CompletableFuture.failedFuture(expired);
            }
            return super.send(record, callback);
        }
    };
    private IngestEndpoints ingest;
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void shouldAnswer202AndSendTheSubmissionUnderTheIdempotencyKeyWhenAFormIsValid() {
        // Given the endpoints
        start(IngestSettings.defaults());

        // When a valid form is posted with an idempotency key
        final Answer answer = post("/ingest/forms/contact", FORM, "name=Ada+Lovelace&email=ada%40example.com"
                + "&utm_medium=cpc&page_url=https%3A%2F%2Fexample.com%2Fpricing", Map.of("Idempotency-Key", KEY));

        // Then it is answered 202 with the key as submissionId
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).isEqualTo("{\"submissionId\":\"" + KEY + "\"}");
        // And the submission is on the topic under that key, at the time the request arrived
        assertThat(producer.history()).hasSize(1);
        final ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(topics.webformSubmissions().name());
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(KEY);
        assertThat(record.timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(submission(record)).isEqualTo(WebFormSubmission.newBuilder().setSubmissionId(KEY).setFormId("contact")
                .setSubmittedAt(T0).setName("Ada Lovelace").setEmail("ada@example.com").setUtmMedium("cpc")
                .setPageUrl("https://example.com/pricing").build());
        assertThat(counter(IngestMeters.ACCEPTED, "endpoint", "forms")).isEqualTo(1.0);
    }

    @Test
    void shouldAnswer202WithANewSubmissionIdWhenAJsonFormHasNoIdempotencyKey() {
        start(IngestSettings.defaults());

        final Answer answer = post("/ingest/forms/newsletter", "application/json",
                "{\"email\":\"grace@example.com\",\"utmSource\":\"newsletter\",\"pageUrl\":\"https://example.com/\"}", Map.of());

        assertThat(answer.status()).isEqualTo(202);
        final String submissionId = answer.json().get("submissionId").asText();
        assertThat(submissionId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        final WebFormSubmission sent = submission(producer.history().get(0));
        assertThat(sent.getSubmissionId()).isEqualTo(submissionId);
        assertThat(sent.getUtmSource()).isEqualTo("newsletter");
        assertThat(sent.getPageUrl()).isEqualTo("https://example.com/");
    }

    @Test
    void shouldAnswer400WithTheBrokenRulesAndDeadLetterTheBodyWhenAFormIsInvalid() throws IOException {
        // Given the endpoints
        start(IngestSettings.defaults());

        // When a form with a malformed e-mail and phone is posted
        final String body = "name=Ada&email=ada.example.com&phone=call+me+maybe";
        final Answer answer = post("/ingest/forms/contact", FORM, body, Map.of());

        // Then it is answered 400 with a problem document naming the fields, not repeating the values
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"the submission has 2 invalid fields: email, phone\",\"errors\":["
                + "{\"field\":\"email\",\"message\":\"must be an e-mail address such as name@example.com\"},"
                + "{\"field\":\"phone\",\"message\":\"may hold only digits, spaces and + - ( ) ., with at least one digit\"}]}"));
        assertThat(answer.body()).doesNotContain("ada.example.com", "call me");
        // And the body as posted is on the dead-letter topic with the reason and the endpoint
        assertThat(producer.history()).hasSize(1);
        final ProducerRecord<byte[], byte[]> deadLetter = producer.history().get(0);
        assertThat(deadLetter.topic()).isEqualTo(topics.dlq().name());
        assertThat(deadLetter.key()).isNull();
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.REASON)).isEqualTo("bad_value");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.DETAIL))
                .isEqualTo("the submission has 2 invalid fields: email, phone");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.SOURCE_ENDPOINT)).isEqualTo("/ingest/forms/contact");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.SOURCE_CONTENT_TYPE)).isEqualTo(FORM);
        // And the meter counts it by reason
        assertThat(counter(IngestMeters.REJECTED, "endpoint", "forms", "reason", "bad_value")).isEqualTo(1.0);
    }

    @Test
    void shouldNameTheFormIdPatternNotTheIdWhenTheFormIdIsInvalid() {
        start(IngestSettings.defaults());

        final Answer answer = post("/ingest/forms/ada@example.com", FORM, "email=a%40b.c", Map.of());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("formId");
        assertThat(answer.body()).doesNotContain("ada@example.com");
        assertThat(DeadLetter.header(producer.history().get(0).headers(), DeadLetter.SOURCE_ENDPOINT))
                .isEqualTo("/ingest/forms/{formId}");
    }

    @Test
    void shouldRefuseWithoutDeadLetteringWhenTheBodyIsNeitherFormNorJsonOrTooLarge() {
        // Given the endpoints
        start(IngestSettings.defaults());

        // When a form is posted as plain text, and one with a body over the limit
        final Answer text = post("/ingest/forms/contact", "text/plain", "email=a@b.c", Map.of());
        final Answer large = post("/ingest/forms/contact", FORM,
                "email=a%40b.c&name=" + "x".repeat(FormEndpoint.MAX_BODY_BYTES), Map.of());

        // Then they are answered 415 and 413, counted, and nothing is sent
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("detail").asText())
                .isEqualTo("post the form as application/x-www-form-urlencoded or application/json");
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.json().get("detail").asText()).isEqualTo("the body is larger than 65536 bytes");
        assertThat(producer.history()).isEmpty();
        assertThat(counter(IngestMeters.REJECTED, "endpoint", "forms", "reason", "unsupported_media_type")).isEqualTo(1.0);
        assertThat(counter(IngestMeters.REJECTED, "endpoint", "forms", "reason", "too_large")).isEqualTo(1.0);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAcknowledgeTheSubmission() {
        // Given endpoints whose producer cannot reach Kafka
        start(IngestSettings.defaults());
        failingKeys.add(KEY);

        // When a valid form is posted
        final Answer answer = post("/ingest/forms/contact", FORM, "email=a%40b.c", Map.of("Idempotency-Key", KEY));

        // Then the sender is asked to send it again
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(answer.json().get("detail").asText()).contains("send it again");
        assertThat(counter(IngestMeters.FAILED, "endpoint", "forms")).isEqualTo(1.0);
        assertThat(counter(IngestMeters.ACCEPTED, "endpoint", "forms")).isZero();
    }

    @Test
    void shouldSendCorsHeadersOnlyToAllowedOriginsWhenOriginsAreConfigured() {
        // Given endpoints that allow one origin
        start(new IngestSettings("", List.of("https://www.example.com/")));

        // When a browser on that origin and one on another send a preflight, then post
        final Answer allowedPreflight = send("OPTIONS", "/ingest/forms/contact", null, null,
                Map.of("Origin", "https://www.example.com", "Access-Control-Request-Method", "POST"));
        final Answer otherPreflight = send("OPTIONS", "/ingest/forms/contact", null, null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        final Answer allowedPost = post("/ingest/forms/contact", FORM, "email=bad", Map.of("Origin", "https://www.example.com"));
        final Answer otherPost = post("/ingest/forms/contact", FORM, "email=a%40b.c", Map.of("Origin", "https://evil.example"));

        // Then only the allowed origin gets CORS headers, on the preflight and on every answer (a 400 too)
        assertThat(allowedPreflight.status()).isEqualTo(204);
        assertThat(allowedPreflight.headers()).containsEntry("access-control-allow-origin", List.of("https://www.example.com"))
                .containsEntry("access-control-allow-methods", List.of("POST, OPTIONS"))
                .containsEntry("access-control-allow-headers", List.of("Content-Type, Idempotency-Key"));
        assertThat(otherPreflight.status()).isEqualTo(204);
        assertThat(otherPreflight.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(allowedPost.status()).isEqualTo(400);
        assertThat(allowedPost.headers()).containsEntry("access-control-allow-origin", List.of("https://www.example.com"));
        assertThat(otherPost.status()).isEqualTo(202);
        assertThat(otherPost.headers()).doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void shouldSendNoCorsHeadersWhenNoOriginIsConfigured() {
        start(IngestSettings.defaults());

        final Answer answer = post("/ingest/forms/contact", FORM, "email=a%40b.c", Map.of("Origin", "https://www.example.com"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.headers()).doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void shouldAnswer200AndKeyEventsLikeTheImporterWhenEveryEventIsAccepted() throws IOException {
        // Given the endpoints
        start(IngestSettings.defaults());

        // When a batch of good events is posted
        final Answer answer = post("/ingest/events", "application/json", "[" + created("E1", "L1") + ","
                + "{\"eventId\":\"E2\",\"type\":\"CAMPAIGN_SPEND\",\"occurredAt\":\"2026-11-02T00:00:00Z\",\"channel\":\"paid\","
                + "\"amount\":\"120.50\"}]", Map.of());

        // Then both are accepted, keyed by lead and (for spend) by channel
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"accepted\":2,\"rejected\":0,\"failed\":0,\"results\":["
                + "{\"index\":0,\"eventId\":\"E1\",\"status\":\"accepted\"},{\"index\":1,\"eventId\":\"E2\",\"status\":\"accepted\"}]}"));
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly(topics.crmEvents().name());
        assertThat(producer.history()).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactly("L1", "paid");
        final SalesEvent spend = topics.crmEvents().valueSerde().deserializer().deserialize(topics.crmEvents().name(),
                producer.history().get(1).value());
        assertThat(spend.getAmount()).isEqualByComparingTo("120.5");
        assertThat(counter(IngestMeters.ACCEPTED, "endpoint", "events")).isEqualTo(2.0);
    }

    @Test
    void shouldAnswer207WithPerEventResultsAndDeadLetterTheBadOnesWhenABatchIsMixed() throws IOException {
        // Given the endpoints
        start(IngestSettings.defaults());
        final String bad = "{\"eventId\":\"E2\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L1\"}";

        // When a batch with a good and a bad event is posted
        final Answer answer = post("/ingest/events", "application/json", "[" + created("E1", "L1") + ", " + bad + "]", Map.of());

        // Then the answer says which was taken and why the other was not
        assertThat(answer.status()).isEqualTo(207);
        assertThat(answer.json()).isEqualTo(JSON.readTree("{\"accepted\":1,\"rejected\":1,\"failed\":0,\"results\":["
                + "{\"index\":0,\"eventId\":\"E1\",\"status\":\"accepted\"},"
                + "{\"index\":1,\"eventId\":\"E2\",\"status\":\"rejected\",\"reason\":\"missing_field\","
                + "\"detail\":\"LEAD_CONTACTED event lacks required field repId\"}]}"));
        // And the bad event's own JSON is on the dead-letter topic with the reason
        final ProducerRecord<byte[], byte[]> deadLetter = producer.history().stream()
                .filter(record -> record.topic().equals(topics.dlq().name())).findFirst().orElseThrow();
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo(bad);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.REASON)).isEqualTo("missing_field");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.SOURCE_ENDPOINT)).isEqualTo("/ingest/events");
        assertThat(counter(IngestMeters.REJECTED, "endpoint", "events", "reason", "missing_field")).isEqualTo(1.0);
    }

    @Test
    void shouldAnswer400WhenNoEventIsAcceptedOrTheBodyIsNotJson() {
        // Given the endpoints
        start(IngestSettings.defaults());

        // When a batch of bad events is posted, and a body that is not JSON
        final Answer none = post("/ingest/events", "application/json", "[{\"type\":\"LEAD_CREATED\"}]", Map.of());
        final Answer garbage = post("/ingest/events", "application/json", "eventId=E1&email=ada@example.com", Map.of());

        // Then both are 400: the first with its results, the second as a problem, dead-lettered whole
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
        assertThat(garbage.json().get("detail").asText()).startsWith("the body is not valid JSON").doesNotContain("ada@");
        final ProducerRecord<byte[], byte[]> deadLetter = producer.history().get(1);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("eventId=E1&email=ada@example.com");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.REASON)).isEqualTo("malformed_json");
    }

    @Test
    void shouldAnswer401UnlessTheBearerTokenIsPresentedWhenATokenIsSet() {
        // Given endpoints that require a token
        start(new IngestSettings(TOKEN, List.of()));
        final String event = created("E1", "L1");

        // When events are posted without the token, with another one, and with it
        final Answer anonymous = post("/ingest/events", "application/json", event, Map.of());
        final Answer wrong = post("/ingest/events", "application/json", event, Map.of("Authorization", "Bearer crm-s3cre"));
        final Answer basic = post("/ingest/events", "application/json", event, Map.of("Authorization", "Basic " + TOKEN));
        final Answer authorised = post("/ingest/events", "application/json", event,
                Map.of("Authorization", "Bearer " + TOKEN));

        // Then only the last is taken; the others are 401 and send nothing
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers()).containsEntry("www-authenticate", List.of("Bearer"));
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("this endpoint needs the bearer token set in "
                + IngestSettings.TOKEN);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(authorised.status()).isEqualTo(200);
        assertThat(producer.history()).hasSize(1);
        assertThat(counter(IngestMeters.REJECTED, "endpoint", "events", "reason", "unauthorized")).isEqualTo(3.0);
        // And forms never need it
        assertThat(post("/ingest/forms/contact", FORM, "email=a%40b.c", Map.of()).status()).isEqualTo(202);
    }

    @Test
    void shouldRefuseTheRequestWhenItCarriesMoreThanTheLimitOfEventsOrIsNotJson() {
        start(IngestSettings.defaults());
        final List<String> events = new ArrayList<>();
        for (int i = 0; i <= EventsEndpoint.MAX_EVENTS; i++) {
            events.add(created("E" + i, "L" + i));
        }

        final Answer tooMany = post("/ingest/events", "application/json", "[" + String.join(",", events) + "]", Map.of());
        final Answer text = post("/ingest/events", "text/plain", created("E1", "L1"), Map.of());

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("detail").asText())
                .isEqualTo("a request carries at most 1000 events; send the rest in further requests");
        assertThat(text.status()).isEqualTo(415);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldAnswer503AndMarkTheUnacknowledgedEventsFailedWhenKafkaRefusesSome() {
        // Given a producer that cannot write lead L2's partition
        start(IngestSettings.defaults());
        failingKeys.add("L2");

        // When a batch with events of L1 and L2 is posted
        final Answer answer = post("/ingest/events", "application/json",
                "[" + created("E1", "L1") + "," + created("E2", "L2") + "]", Map.of());

        // Then the CRM is asked to retry, and told which event failed
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.json().get("failed").asInt()).isEqualTo(1);
        assertThat(answer.json().get("results").get(1).get("status").asText()).isEqualTo("failed");
        assertThat(counter(IngestMeters.FAILED, "endpoint", "events")).isEqualTo(1.0);
    }

    @Test
    void shouldStatusBeDecidedByTheCountsWhenOutcomesMix() {
        assertThat(EventsEndpoint.status(3, 0, 0)).isEqualTo(200);
        assertThat(EventsEndpoint.status(2, 1, 0)).isEqualTo(207);
        assertThat(EventsEndpoint.status(0, 3, 0)).isEqualTo(400);
        assertThat(EventsEndpoint.status(2, 0, 1)).isEqualTo(503);
        assertThat(EventsEndpoint.status(0, 2, 1)).isEqualTo(503);
    }

    private void start(final IngestSettings settings) {
        ingest = new IngestEndpoints(topics.webformSubmissions(), topics.crmEvents(), topics.dlq(), producer, meters,
                settings, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(5));
        server = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            ingest.register(config.routes);
        }).start();
    }

    private static String created(final String eventId, final String leadId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"LEAD_CREATED\",\"occurredAt\":\"2026-11-02T10:00:00Z\","
                + "\"leadId\":\"" + leadId + "\",\"channel\":\"paid\",\"region\":\"EMEA\"}";
    }

    private WebFormSubmission submission(final ProducerRecord<byte[], byte[]> record) {
        return topics.webformSubmissions().valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private double counter(final String name, final String... tags) {
        final var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** An answer: status, headers (names in lower case), body. */
    private record Answer(int status, Map<String, List<String>> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", List.of("")).get(0);
        }

        String retryAfter() {
            return headers.getOrDefault("retry-after", List.of()).stream().findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private Answer post(final String path, final String contentType, final String body, final Map<String, String> headers) {
        return send("POST", path, contentType, body, headers);
    }

    private Answer send(final String method, final String path, final String contentType, final String body,
                        final Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            final Map<String, List<String>> lowerCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach(lowerCase::put);
            return new Answer(response.statusCode(), lowerCase, response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
