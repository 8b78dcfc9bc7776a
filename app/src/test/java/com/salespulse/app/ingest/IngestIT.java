package com.salespulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.app.Cluster;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.metrics.PrometheusMeters;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.EventKeys;
import com.salespulse.producers.ingest.IngestEndpoints;
import com.salespulse.producers.ingest.IngestSettings;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * HTTP ingestion on a running pipeline process on the embedded broker: a thousand web-form posts
 * and CRM webhook batches over real HTTP, checked against what lands on the topics, the dead-letter
 * topic, the meters, the KPIs and the log.
 *
 * <p>Two tests hold the pipeline's side of the contract and pass only once the Kafka Streams work
 * of issue 6 is merged: {@link #shouldCountOneLeadPerPersonWhenPeopleSubmitFormsAgainAndAgain}
 * (web-form submissions become LEAD_CREATED under an HMAC of the e-mail, deduplicated) and
 * {@link #shouldAddNoKpiCountsWhenTheCrmSendsTheSameBatchAgain} (events deduplicated by eventId).
 * The tests run in order: the KPIs of the form posts are counted before the webhook adds leads.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration KPI_DEADLINE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "crm-" + UUID.randomUUID();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";
    private static final List<String> FORM_IDS = List.of("contact", "demo-request", "newsletter", "pricing_page");
    /** People who submit valid forms: each one lead, however often and on whichever form they submit. */
    private static final int PEOPLE = 300;
    private static final int FIRST_SUBMISSIONS = 600;
    private static final int KEY_REPEATS = 100;
    private static final int SAME_MINUTE_RESUBMISSIONS = 100;
    private static final int INVALID_PER_KIND = 25;
    private static final int HTTP_CLIENTS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> personalInput = new HashSet<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final String run = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
    private Level salesPulseLevel;
    private Cluster cluster;
    private PrometheusMeterRegistry meters;
    private IngestEndpoints ingest;
    private ServingPipeline serving;

    /** The kinds of invalid form post, with the dead-letter reason and the field each is refused for. */
    private enum Invalid {
        MISSING_EMAIL("missing_field", "email"),
        MALFORMED_EMAIL("bad_value", "email"),
        BAD_PHONE("bad_value", "phone"),
        LONG_NAME("bad_value", "name"),
        BAD_PAGE_URL("bad_value", "page_url"),
        BAD_FORM_ID("bad_value", "formId"),
        BAD_IDEMPOTENCY_KEY("bad_value", "Idempotency-Key"),
        MALFORMED_JSON("malformed_json", null);

        private final String reason;
        private final String field;

        Invalid(final String reason, final String field) {
            this.reason = reason;
            this.field = field;
        }
    }

    /** One form post: what is sent, and what it must come to. */
    private record FormPost(String formId, String contentType, String body, String idempotencyKey, String email,
                            Invalid invalid) {

        String path() {
            return "/ingest/forms/" + formId;
        }
    }

    private record Answer(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    void start(final KafkaStack stack, @TempDir final Path work) {
        captureLogs();
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toString(),
                SalesPulseConfig.HTTP_PORT, "0",
                SalesPulseConfig.HTTP_BIND, "127.0.0.1",
                IngestSettings.TOKEN, TOKEN,
                SalesPulseConfig.PII_HMAC_KEY, "ingest-it-key-of-at-least-32-characters"));
        cluster = Cluster.connect(config).ensureTopics();
        meters = PrometheusMeters.create();
        // As the run and demo commands wire it.
        ingest = new IngestEndpoints(cluster.topics(), cluster.clientConfig(), meters, IngestSettings.from(config::get));
        serving = ServingPipeline.create(config, cluster.topics(), cluster.clientConfig(), meters, List.of(ingest::register));
        serving.start(TIMEOUT);
    }

    @AfterAll
    void stop() {
        if (serving != null) {
            serving.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        releaseLogs();
    }

    @Test
    @Order(1)
    void shouldAcceptEveryValidPostAndDeadLetterEveryInvalidOneWhenAThousandFormsArePosted() throws Exception {
        // Given a thousand posts: first submissions of 300 people on four forms, then repeats with the same
        // Idempotency-Key, resubmissions of the same form and e-mail at once, and 200 invalid posts of 8 kinds
        final Random random = new Random(6);
        final List<FormPost> first = new ArrayList<>();
        for (int i = 0; i < FIRST_SUBMISSIONS; i++) {
            final int person = i < PEOPLE ? i : random.nextInt(PEOPLE);
            final String formId = FORM_IDS.get(random.nextInt(FORM_IDS.size()));
            first.add(valid(person, formId, i % 2 == 0 ? UUID.randomUUID().toString() : null, i % 3 == 0, i));
        }
        final List<FormPost> invalid = new ArrayList<>();
        for (final Invalid kind : Invalid.values()) {
            for (int i = 0; i < INVALID_PER_KIND; i++) {
                invalid.add(invalid(kind, i));
            }
        }
        final List<FormPost> firstWave = new ArrayList<>(first);
        firstWave.addAll(invalid);
        final List<FormPost> secondWave = new ArrayList<>();
        final List<FormPost> keyed = first.stream().filter(post -> post.idempotencyKey() != null).toList();
        for (int i = 0; i < KEY_REPEATS; i++) {
            secondWave.add(keyed.get(random.nextInt(keyed.size())));
        }
        for (int i = 0; i < SAME_MINUTE_RESUBMISSIONS; i++) {
            final FormPost again = first.get(random.nextInt(first.size()));
            secondWave.add(resubmission(again, i));
        }
        assertThat(firstWave.size() + secondWave.size()).isEqualTo(1_000);

        // When they are posted over HTTP, the repeats after the first wave
        final Map<FormPost, List<Answer>> answers = new LinkedHashMap<>();
        postAll(firstWave, answers);
        postAll(secondWave, answers);

        // Then every invalid post is answered 400 with a problem naming its field, never its values
        final Map<String, Long> rejectedByReason = new HashMap<>();
        for (final FormPost post : invalid) {
            final Answer answer = answers.get(post).get(0);
            assertThat(answer.status()).as(post.invalid() + " " + answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            if (post.invalid().field != null) {
                assertThat(answer.json().get("errors").findValuesAsText("field")).contains(post.invalid().field);
            }
            assertThat(answer.body()).doesNotContain(post.email() == null ? "\u0000" : post.email());
            rejectedByReason.merge(post.invalid().reason, 1L, Long::sum);
        }
        // And every valid one 202, with its Idempotency-Key as submissionId when it had one
        final List<String> submissionIds = new ArrayList<>();
        final Map<String, FormPost> postOfSubmission = new HashMap<>();
        answers.forEach((post, answered) -> {
            if (post.invalid() == null) {
                for (final Answer answer : answered) {
                    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                    final String submissionId = answer.json().get("submissionId").asText();
                    if (post.idempotencyKey() != null) {
                        assertThat(submissionId).isEqualTo(post.idempotencyKey());
                    }
                    submissionIds.add(submissionId);
                    postOfSubmission.put(submissionId, post);
                }
            }
        });
        assertThat(submissionIds).hasSize(1_000 - invalid.size());

        // And each accepted one is on sales.webform-submissions under its submissionId, with its form and e-mail
        final List<WebFormSubmission> submitted = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final Topic<String, WebFormSubmission> topic = cluster.topics().webformSubmissions();
        TopicReader.readAll(cluster.config().bootstrapServers(), topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), TIMEOUT, record -> {
                    keys.add(record.key());
                    submitted.add(record.value());
                });
        assertThat(keys).containsExactlyInAnyOrderElementsOf(submissionIds);
        assertThat(submitted).allSatisfy(submission -> {
            final FormPost post = postOfSubmission.get(submission.getSubmissionId());
            assertThat(submission.getFormId()).isEqualTo(post.formId());
            assertThat(submission.getEmail()).isEqualTo(post.email());
        });

        // And each invalid one is on the dead-letter topic as posted, with its reason and endpoint
        final List<String> deadBodies = new ArrayList<>();
        final Map<String, Long> deadByReason = new HashMap<>();
        TopicReader.readAll(cluster.config().bootstrapServers(), cluster.topics().dlq().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), TIMEOUT, record -> {
                    final String endpoint = DeadLetter.header(record.headers(), DeadLetter.SOURCE_ENDPOINT);
                    if (endpoint != null && endpoint.startsWith("/ingest/forms/")) {
                        deadBodies.add(new String(record.value(), StandardCharsets.UTF_8));
                        deadByReason.merge(DeadLetter.header(record.headers(), DeadLetter.REASON), 1L, Long::sum);
                    }
                });
        assertThat(deadBodies).containsExactlyInAnyOrderElementsOf(invalid.stream().map(FormPost::body).toList());
        assertThat(deadByReason).isEqualTo(rejectedByReason)
                .isEqualTo(Map.of("missing_field", 25L, "malformed_json", 25L, "bad_value", 150L));

        // And the meters count them, by reason, on /metrics too
        rejectedByReason.forEach((reason, count) -> assertThat(counter("salespulse.ingest.rejected", "endpoint", "forms",
                "reason", reason)).as(reason).isEqualTo(count.doubleValue()));
        assertThat(counter("salespulse.ingest.accepted", "endpoint", "forms")).isEqualTo(800.0);
        assertThat(get("/metrics").body()).contains(
                "salespulse_ingest_rejected_total{endpoint=\"forms\",reason=\"malformed_json\"} 25.0",
                "salespulse_ingest_accepted_total{endpoint=\"forms\"} 800.0");
    }

    /** Passes once the pipeline turns web-form submissions into leads (Kafka Streams side of issue 6). */
    @Test
    @Order(2)
    void shouldCountOneLeadPerPersonWhenPeopleSubmitFormsAgainAndAgain() {
        // Given the thousand posts of the first test: 800 accepted, from 300 people (repeats with the same
        // Idempotency-Key, the same form and e-mail within a minute, and the same e-mail on other forms)

        // When the pipeline has turned them into LEAD_CREATED under an HMAC of the e-mail
        final Instant deadline = Instant.now().plus(KPI_DEADLINE);
        double leads = orgTotal("leads_created");
        while (leads < PEOPLE && Instant.now().isBefore(deadline)) {
            leads = orgTotal("leads_created");
        }
        awaitCaughtUp();

        // Then the org's leads_created, summed over its P1D windows, is one lead per person
        assertThat(orgTotal("leads_created")).as("leads created from 800 accepted forms of %d people", PEOPLE)
                .isEqualTo(PEOPLE);
    }

    @Test
    @Order(3)
    void shouldAnswerPerEventAndWriteEachWhereItBelongsWhenTheCrmPostsABatch() throws Exception {
        // Given the KPIs so far, and a batch of 8 good and 6 bad events
        awaitCaughtUp();
        final double leadsBefore = orgTotal("leads_created");
        final double callsBefore = orgTotal("activity_count.call");
        final List<String> batch = webhookBatch();

        // When the CRM posts it without the token, Then it is refused
        assertThat(post("/ingest/events", JSON_TYPE, "[" + String.join(",", batch) + "]", null, null).status())
                .isEqualTo(401);

        // When it posts it with the token
        final Answer answer = post("/ingest/events", JSON_TYPE, "[" + String.join(",", batch) + "]", null, TOKEN);

        // Then the answer is 207 and says per event what became of it
        assertThat(answer.status()).as(answer.body()).isEqualTo(207);
        assertThat(answer.json()).isEqualTo(JSON.readTree(expectedWebhookAnswer()));
        // And the good events are on sales.crm-events, keyed like an import
        final List<SalesEvent> good = new ArrayList<>();
        final Topic<String, SalesEvent> events = cluster.topics().crmEvents();
        TopicReader.readAll(cluster.config().bootstrapServers(), events.name(), events.keySerde().deserializer(),
                events.valueSerde().deserializer(), TIMEOUT, record -> {
                    if (record.value().getEventId().startsWith(run)) {
                        assertThat(record.key()).isEqualTo(EventKeys.keyOf(record.value()));
                        good.add(record.value());
                    }
                });
        assertThat(good).extracting(SalesEvent::getEventId).containsExactlyInAnyOrder(id("E1"), id("E2"), id("E3"),
                id("E4"), id("E5"), id("E6"), id("E7"), id("E8"));
        // And the bad ones on the dead-letter topic, each as its own JSON, with its reason
        assertThat(webhookDeadLetters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                batch.get(1), "missing_field", batch.get(3), "unknown_enum", batch.get(5), "bad_timestamp",
                batch.get(8), "negative_amount", batch.get(11), "bad_value", batch.get(13), "malformed_json"));
        assertThat(counter("salespulse.ingest.accepted", "endpoint", "events")).isEqualTo(8.0);
        assertThat(counter("salespulse.ingest.rejected", "endpoint", "events", "reason", "unauthorized")).isEqualTo(1.0);

        // And once processed, the KPIs count the 3 leads and 4 calls: 1 + 1 + 1 + 1 calls of leads A, A, B, C
        awaitCaughtUp();
        assertThat(orgTotal("leads_created") - leadsBefore).isEqualTo(3.0);
        assertThat(orgTotal("activity_count.call") - callsBefore).isEqualTo(4.0);
    }

    /** Passes once the pipeline drops events whose eventId it has seen (Kafka Streams side of issue 6). */
    @Test
    @Order(4)
    void shouldAddNoKpiCountsWhenTheCrmSendsTheSameBatchAgain() throws Exception {
        // Given the batch of the previous test, processed
        awaitCaughtUp();
        final double leadsBefore = orgTotal("leads_created");
        final double callsBefore = orgTotal("activity_count.call");
        assertThat(callsBefore).as("the calls of the previous test").isGreaterThanOrEqualTo(4.0);

        // When the CRM sends it again (as it does when it did not get the answer)
        final Answer answer = post("/ingest/events", JSON_TYPE, "[" + String.join(",", webhookBatch()) + "]", null, TOKEN);

        // Then the answer is the same, and the events went to Kafka again
        assertThat(answer.status()).isEqualTo(207);
        assertThat(answer.json()).isEqualTo(JSON.readTree(expectedWebhookAnswer()));
        assertThat(counter("salespulse.ingest.accepted", "endpoint", "events")).isEqualTo(16.0);
        // And once processed, no KPI count moved: the pipeline knew every eventId
        awaitCaughtUp();
        assertThat(orgTotal("activity_count.call")).isEqualTo(callsBefore);
        assertThat(orgTotal("leads_created")).isEqualTo(leadsBefore);
    }

    @Test
    @Order(5)
    void shouldLogNoAddressOrPhoneOfTheInputWhenIngesting() {
        // Given the log of every test above, with SalesPulse's own loggers at DEBUG
        final List<String> lines = logs.list.stream().map(IngestIT::render).toList();
        assertThat(lines).as("the ingestion endpoints' own log lines were captured")
                .anyMatch(line -> line.contains("POST /ingest/forms/{formId}: rejected (bad_value) -> "))
                .anyMatch(line -> line.contains("POST /ingest/events: event 0 accepted -> "));
        assertThat(personalInput).hasSizeGreaterThan(PEOPLE);

        // Then no line holds an e-mail address or a phone number that was posted
        for (final String line : lines) {
            for (final String personal : personalInput) {
                assertThat(line).as("a log line").doesNotContain(personal);
            }
        }
    }

    private FormPost valid(final int person, final String formId, final String idempotencyKey, final boolean json,
                           final int variant) {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Person " + person);
        fields.put("email", email(person));
        if (variant % 4 == 0) {
            fields.put("phone", phone(person));
        }
        fields.put(json ? "utmSource" : "utm_source", variant % 5 == 0 ? "newsletter" : "google");
        fields.put(json ? "utmMedium" : "utm_medium", variant % 2 == 0 ? "cpc" : "organic");
        fields.put(json ? "pageUrl" : "page_url", "https://www.example.com/" + formId);
        if (variant % 3 == 1) {
            fields.put("region", "EMEA");
        }
        return new FormPost(formId, json ? JSON_TYPE : FORM, json ? json(fields) : form(fields), idempotencyKey,
                email(person), null);
    }

    /** The same person on the same form at once, as a new submission (no Idempotency-Key). */
    private FormPost resubmission(final FormPost earlier, final int variant) {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", earlier.email());
        fields.put("name", "Resubmitted " + variant);
        fields.put("utm_medium", "cpc");
        return new FormPost(earlier.formId(), FORM, form(fields), null, earlier.email(), null);
    }

    private FormPost invalid(final Invalid kind, final int i) {
        final String email = "invalid-" + kind.name().toLowerCase(Locale.ROOT) + "-" + i + "@ingest-it.example";
        personalInput.add(email);
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Invalid " + i);
        fields.put("email", email);
        fields.put("phone", phone(10_000 + kind.ordinal() * 100 + i));
        String formId = "contact";
        String key = null;
        switch (kind) {
            case MISSING_EMAIL -> fields.remove("email");
            case MALFORMED_EMAIL -> fields.put("email", remember(email.replace("@", "@@")));
            case BAD_PHONE -> fields.put("phone", remember(phone(20_000 + i) + " ext. 7"));
            case LONG_NAME -> fields.put("name", "N".repeat(201));
            case BAD_PAGE_URL -> fields.put("page_url", "ftp://www.example.com/" + i);
            case BAD_FORM_ID -> formId = "contact.us";
            case BAD_IDEMPOTENCY_KEY -> key = "k" + i;
            case MALFORMED_JSON -> {
                // Cut off in the middle, so that the body is not JSON at all.
                final String whole = json(fields);
                return new FormPost(formId, JSON_TYPE, whole.substring(0, whole.length() - 3), null, email, kind);
            }
            default -> throw new IllegalStateException("no such kind " + kind);
        }
        return new FormPost(formId, FORM, form(fields), key, fields.get("email"), kind);
    }

    /** Notes a posted value that no log line may hold. */
    private String remember(final String personal) {
        personalInput.add(personal);
        return personal;
    }

    private String email(final int person) {
        final String email = "person" + person + "@ingest-it.example";
        personalInput.add(email);
        return email;
    }

    private String phone(final int n) {
        final String phone = String.format("+44 20 7%03d %04d", n / 10_000, n % 10_000);
        personalInput.add(phone);
        return phone;
    }

    private static String form(final Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String json(final Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts with {@value #HTTP_CLIENTS} clients at a time; each post's answers are kept in the order they came. */
    private void postAll(final List<FormPost> posts, final Map<FormPost, List<Answer>> answers) {
        final ExecutorService clients = Executors.newFixedThreadPool(HTTP_CLIENTS);
        try {
            final List<CompletableFuture<Answer>> sent = posts.stream()
                    .map(post -> CompletableFuture.supplyAsync(() -> post(post.path(), post.contentType(), post.body(),
                            post.idempotencyKey(), null), clients))
                    .toList();
            for (int i = 0; i < posts.size(); i++) {
                answers.computeIfAbsent(posts.get(i), post -> new ArrayList<>()).add(sent.get(i).join());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The CRM's batch, good and bad events interleaved: three leads created, four calls, a day's spend;
     * a contact without a lead, an unknown type, an unparsable time, a negative spend, an NPS score of 11
     * and a number where an event should be.
     */
    private List<String> webhookBatch() {
        final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        final Function<Integer, String> at = seconds -> "\"" + t0.plusSeconds(seconds) + "\"";
        return List.of(
                "{\"eventId\":\"" + id("E1") + "\",\"type\":\"LEAD_CREATED\",\"occurredAt\":" + at.apply(0)
                        + ",\"leadId\":\"" + id("A") + "\",\"repId\":\"R1\",\"channel\":\"paid\",\"region\":\"EMEA\"}",
                "{\"eventId\":\"" + id("X1") + "\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":" + at.apply(1)
                        + ",\"repId\":\"R1\",\"activity\":\"CALL\"}",
                "{\"eventId\":\"" + id("E2") + "\",\"type\":\"LEAD_CREATED\",\"occurredAt\":" + at.apply(2)
                        + ",\"leadId\":\"" + id("B") + "\",\"channel\":\"organic\",\"region\":\"AMER\"}",
                "{\"eventId\":\"" + id("X2") + "\",\"type\":\"LEAD_TELEPORTED\",\"occurredAt\":" + at.apply(3)
                        + ",\"leadId\":\"" + id("A") + "\"}",
                "{\"eventId\":\"" + id("E3") + "\",\"type\":\"LEAD_CREATED\",\"occurredAt\":" + at.apply(4)
                        + ",\"leadId\":\"" + id("C") + "\",\"channel\":\"paid\",\"region\":\"EMEA\",\"stage\":\"MQL\"}",
                "{\"eventId\":\"" + id("X3") + "\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":\"last tuesday\",\"leadId\":\""
                        + id("A") + "\",\"repId\":\"R1\",\"activity\":\"CALL\"}",
                "{\"eventId\":\"" + id("E4") + "\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":" + at.apply(60)
                        + ",\"leadId\":\"" + id("A") + "\",\"repId\":\"R1\",\"activity\":\"CALL\"}",
                "{\"eventId\":\"" + id("E5") + "\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":" + at.apply(120)
                        + ",\"leadId\":\"" + id("A") + "\",\"repId\":\"R1\",\"activity\":\"CALL\"}",
                "{\"eventId\":\"" + id("X4") + "\",\"type\":\"CAMPAIGN_SPEND\",\"occurredAt\":" + at.apply(5)
                        + ",\"channel\":\"paid\",\"amount\":-25}",
                "{\"eventId\":\"" + id("E6") + "\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":" + at.apply(180)
                        + ",\"leadId\":\"" + id("B") + "\",\"repId\":\"R2\",\"activity\":\"CALL\"}",
                "{\"eventId\":\"" + id("E7") + "\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":" + at.apply(240)
                        + ",\"leadId\":\"" + id("C") + "\",\"repId\":\"R2\",\"activity\":\"CALL\",\"automated\":false}",
                "{\"eventId\":\"" + id("X5") + "\",\"type\":\"NPS_RESPONSE\",\"occurredAt\":" + at.apply(6)
                        + ",\"leadId\":\"" + id("B") + "\",\"score\":11}",
                "{\"eventId\":\"" + id("E8") + "\",\"type\":\"CAMPAIGN_SPEND\",\"occurredAt\":" + at.apply(7)
                        + ",\"channel\":\"paid\",\"amount\":\"250.00\"}",
                "42");
    }

    private String expectedWebhookAnswer() {
        return "{\"accepted\":8,\"rejected\":6,\"failed\":0,\"results\":["
                + accepted(0, "E1")
                + ",{\"index\":1,\"eventId\":\"" + id("X1") + "\",\"status\":\"rejected\",\"reason\":\"missing_field\","
                + "\"detail\":\"LEAD_CONTACTED event lacks required field leadId\"}," + accepted(2, "E2")
                + ",{\"index\":3,\"eventId\":\"" + id("X2") + "\",\"status\":\"rejected\",\"reason\":\"unknown_enum\","
                + "\"detail\":\"event field type is not one of LEAD_CREATED, LEAD_ASSIGNED, LEAD_CONTACTED, LEAD_REPLIED, "
                + "LEAD_STAGE_CHANGED, OPPORTUNITY_CREATED, PROPOSAL_SENT, DEAL_WON, DEAL_LOST, EMAIL_OPENED, NPS_RESPONSE, "
                + "CUSTOMER_CHURNED, CAMPAIGN_SPEND\"}," + accepted(4, "E3")
                + ",{\"index\":5,\"eventId\":\"" + id("X3") + "\",\"status\":\"rejected\",\"reason\":\"bad_timestamp\","
                + "\"detail\":\"LEAD_CONTACTED event field occurredAt is not an ISO-8601 instant (e.g. 2026-11-02T10:00:00Z)\"},"
                + accepted(6, "E4") + "," + accepted(7, "E5")
                + ",{\"index\":8,\"eventId\":\"" + id("X4") + "\",\"status\":\"rejected\",\"reason\":\"negative_amount\","
                + "\"detail\":\"CAMPAIGN_SPEND event has a negative amount\"}," + accepted(9, "E6") + "," + accepted(10, "E7")
                + ",{\"index\":11,\"eventId\":\"" + id("X5") + "\",\"status\":\"rejected\",\"reason\":\"bad_value\","
                + "\"detail\":\"NPS_RESPONSE event has a score outside 0-10\"}," + accepted(12, "E8")
                + ",{\"index\":13,\"status\":\"rejected\",\"reason\":\"malformed_json\",\"detail\":\"event is not a JSON object\"}]}";
    }

    private String accepted(final int index, final String eventId) {
        return "{\"index\":" + index + ",\"eventId\":\"" + id(eventId) + "\",\"status\":\"accepted\"}";
    }

    /** An id of this run, so that its events are told apart from any other test's. */
    private String id(final String name) {
        return run + "-" + name;
    }

    /** The webhook's dead letters: each value (an event's JSON) with its reason. */
    private Map<String, String> webhookDeadLetters() {
        final Map<String, String> reasons = new HashMap<>();
        TopicReader.readAll(cluster.config().bootstrapServers(), cluster.topics().dlq().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), TIMEOUT, record -> {
                    if ("/ingest/events".equals(DeadLetter.header(record.headers(), DeadLetter.SOURCE_ENDPOINT))) {
                        reasons.put(new String(record.value(), StandardCharsets.UTF_8),
                                DeadLetter.header(record.headers(), DeadLetter.REASON));
                    }
                });
        return reasons;
    }

    /** The sum over the P1D windows of the org's latest published value of {@code kpi}. */
    private double orgTotal(final String kpi) {
        final Map<String, KpiChange> latest = KpiSnapshot.read(cluster.config().bootstrapServers(),
                cluster.topics().kpiChanges(), TIMEOUT);
        return latest.values().stream()
                .filter(change -> change.getKpi().equals(kpi) && change.getDimension().equals("org")
                        && change.getWindow().equals("P1D"))
                .mapToDouble(KpiChange::getNumerator).sum();
    }

    private void awaitCaughtUp() {
        new ConsumerGroupProgress(cluster.admin(), serving.pipeline().applicationId(), serving.pipeline().consumedTopics())
                .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> serving.pipeline().state() == KafkaStreams.State.RUNNING
                        || serving.pipeline().state() == KafkaStreams.State.REBALANCING);
    }

    private double counter(final String name, final String... tags) {
        final Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private Answer get(final String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Answer post(final String path, final String contentType, final String body, final String idempotencyKey,
                        final String token) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + serving.server().port() + path);
    }

    private Answer send(final HttpRequest.Builder request) {
        try {
            final HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every log event of the test run, SalesPulse's own at DEBUG, into {@link #logs}. */
    private void captureLogs() {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final Logger salesPulse = context.getLogger("com.salespulse");
        salesPulseLevel = salesPulse.getLevel();
        salesPulse.setLevel(Level.DEBUG);
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    private void releaseLogs() {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        context.getLogger("com.salespulse").setLevel(salesPulseLevel);
        logs.stop();
    }

    /** A log event as it would be written: its message and every message of its exception chain. */
    private static String render(final ILoggingEvent event) {
        final StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        return line.toString();
    }
}
