package com.salespulse.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.KpiChange;
import com.salespulse.events.json.KpiChangeJson;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.http.ApiServer;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.metrics.PrometheusMeters;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API of one pipeline process on the embedded broker: every answer is checked against the
 * KpiChanges the pipeline published, and every bad request gets a problem document, never a trace.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiIT {
    private static final int LEADS = 400;

    private Path work;
    private ServedScenario scenario;
    private ServingPipeline instance;
    private ApiClient api;
    private TreeMap<String, KpiChange> published;

    @BeforeAll
    void serve(final KafkaStack stack, @TempDir final Path dir) throws IOException {
        work = dir;
        scenario = ServedScenario.imported(stack, work, "api", LEADS, Map.of());
        instance = scenario.startInstance("only");
        scenario.awaitCaughtUp(instance);
        published = scenario.published();
        api = new ApiClient(instance.server().port());
    }

    @AfterAll
    void stop() {
        instance.close();
        scenario.close();
    }

    @Test
    void shouldAnswerEveryOrgKeyAndASampleOfTheRestWithTheLatestPublishedChange() {
        // Given the latest change of every KPI key, as published on sales.kpi-changes
        assertThat(published).hasSizeGreaterThan(1_000);
        final List<KpiChange> org = published.values().stream()
                .filter(change -> change.getDimension().equals(Dimension.ORG.label())).toList();
        final List<KpiChange> others = new ArrayList<>(published.values().stream()
                .filter(change -> !change.getDimension().equals(Dimension.ORG.label())).toList());
        Collections.shuffle(others, new Random(5));

        // When each key's window is asked for, Then the answer holds its numbers and revision
        org.forEach(change -> ServedScenario.assertServes(api, change));
        others.subList(0, 400).forEach(change -> ServedScenario.assertServes(api, change));
    }

    @Test
    void shouldReturnEveryPublishedWindowOfASeriesInOrder() {
        // Given the PT1H windows published for the org's leads_created
        final List<KpiChange> expected = published.values().stream()
                .filter(change -> change.getKpi().equals("leads_created") && change.getDimension().equals("org")
                        && change.getWindow().equals("PT1H"))
                .sorted(Comparator.comparing(KpiChange::getWindowStart)).toList();
        assertThat(expected).hasSizeGreaterThan(10);

        // When the series from the first to the last is asked for
        final Instant from = expected.get(0).getWindowStart();
        final Instant to = expected.get(expected.size() - 1).getWindowEnd();
        final JsonNode points = api.get(ApiClient.seriesPath("leads_created", "org", "all", "PT1H", from, to))
                .json().get("points");

        // Then it holds exactly those windows, oldest first, with their values
        final List<String> answered = new ArrayList<>();
        points.forEach(point -> answered.add(point.get("windowStart").asText() + "=" + point.get("value").asDouble()));
        assertThat(answered).containsExactlyElementsOf(expected.stream()
                .map(change -> change.getWindowStart() + "=" + change.getValue()).toList());
    }

    @Test
    void shouldRankEveryRepWithTheKpiInTheWindowWhenALeaderboardIsAskedFor() {
        // Given the P1D window with the most reps that won deals
        final Map<Instant, List<KpiChange>> byWindow = published.values().stream()
                .filter(change -> change.getKpi().equals("deals_won") && change.getDimension().equals("rep")
                        && change.getWindow().equals("P1D"))
                .collect(Collectors.groupingBy(KpiChange::getWindowStart));
        final List<KpiChange> window = byWindow.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        assertThat(window).hasSizeGreaterThan(2);

        // When its leaderboard is asked for
        final JsonNode board = api.get("/api/kpis/deals_won/leaderboard?dimension=rep&window=P1D&limit=1000&at="
                + window.get(0).getWindowStart()).json();

        // Then every rep is ranked by value, highest first, ties by member id
        final List<String> ranked = new ArrayList<>();
        board.get("entries").forEach(entry -> ranked.add(entry.get("member").asText() + "=" + entry.get("value").asDouble()));
        assertThat(ranked).containsExactlyElementsOf(window.stream()
                .sorted(Comparator.comparing(KpiChange::getValue, Comparator.reverseOrder())
                        .thenComparing(KpiChange::getDimensionValue))
                .map(change -> change.getDimensionValue() + "=" + change.getValue()).toList());
        assertThat(board.get("entries").get(0).get("name").asText()).isNotBlank();
        assertThat(board.get("entries").get(0).get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyTheTeamsRepsWhenTheLeaderboardIsFilteredByTeam() {
        // Given a team of the roster
        final JsonNode roster = api.get("/api/roster").json().get("reps");
        assertThat(roster.size()).isGreaterThan(1);
        final String team = roster.get(0).get("team").asText();
        final Set<String> members = new HashSet<>();
        roster.forEach(rep -> {
            if (rep.get("team").asText().equals(team)) {
                members.add(rep.get("repId").asText());
            }
        });

        // When the month's leads_created leaderboard of that team is asked for
        final KpiChange any = published.values().stream()
                .filter(change -> change.getKpi().equals("leads_created") && change.getWindow().equals("month")
                        && members.contains(change.getDimensionValue())).findFirst().orElseThrow();
        final JsonNode entries = api.get("/api/kpis/leads_created/leaderboard?window=month&team=" + team + "&at="
                + any.getWindowStart()).json().get("entries");

        // Then every entry is a rep of the team, and every such rep with the KPI is there
        final Set<String> ranked = new HashSet<>();
        entries.forEach(entry -> ranked.add(entry.get("member").asText()));
        assertThat(ranked).isEqualTo(published.values().stream()
                .filter(change -> change.getKpi().equals("leads_created") && change.getWindow().equals("month")
                        && change.getDimension().equals("rep") && change.getWindowStart().equals(any.getWindowStart())
                        && members.contains(change.getDimensionValue()))
                .map(KpiChange::getDimensionValue).collect(Collectors.toSet()));
    }

    @Test
    void shouldRefuseApiCallsWithoutTheTokenAndAskToRetryBeforeThePipelineRunsWhenATokenIsSet() {
        // Given a server with a bearer token that serves no pipeline yet
        final String token = "s3cret-" + UUID.randomUUID();
        try (ApiServer server = ApiServer.start(scenario.cluster().config()
                        .with(SalesPulseConfig.HTTP_PORT, "0").with(SalesPulseConfig.HTTP_TOKEN, token),
                scenario.cluster().topics(), scenario.cluster().clientConfig(),
                PrometheusMeters.create(), List.of())) {
            final ApiClient anonymous = new ApiClient(server.port());
            final ApiClient wrong = new ApiClient(server.port(), "guess");
            final ApiClient authorised = new ApiClient(server.port(), token);

            // When the API is called without the token, or with another, Then it answers 401
            assertProblem(anonymous.get("/api/kpis"), 401, SalesPulseConfig.HTTP_TOKEN);
            assertProblem(wrong.get("/api/kpis"), 401, SalesPulseConfig.HTTP_TOKEN);
            assertProblem(anonymous.get("/api/stream?access_token=guess"), 401, SalesPulseConfig.HTTP_TOKEN);
            // And with the token it answers, and asks to retry queries the pipeline must answer
            assertThat(authorised.get("/api/kpis").status()).isEqualTo(200);
            final ApiClient.Answer starting = authorised.get("/api/kpis/win_rate");
            assertProblem(starting, 503, "starting");
            assertThat(starting.retryAfter()).isEqualTo("1");
            // And probes, scrapers and the dashboard need no token; not ready until a pipeline runs
            assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
            assertThat(anonymous.get("/health/ready").status()).isEqualTo(503);
            assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
            assertThat(anonymous.get("/").body()).contains("SalesPulse");
        }
    }

    @Test
    void shouldServeReadinessAndPrometheusMetricsWhenThePipelineRuns() {
        assertThat(api.get("/health/ready").json().get("status").asText()).isEqualTo("RUNNING");
        final ApiClient.Answer metrics = api.get("/metrics");
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("salespulse_events_processed_total{type=\"LEAD_CREATED\"}",
                "salespulse_kpi_changes_total", "salespulse_kpi_latency_seconds_bucket", "kafka_stream_");
    }

    @Test
    void shouldListTheCatalogWithDefinitions() {
        final JsonNode catalog = api.get("/api/kpis").json();

        assertThat(catalog.get("kpis").size()).isEqualTo(KpiCatalog.all().size());
        assertThat(catalog.get("kpis").get(0).get("definition").asText()).isNotBlank();
        assertThat(catalog.get("windows").toString()).contains("PT1H", "quarter");
    }

    @Test
    void shouldListOnlyLeadsWithAnOpenAlertedClockWhenOpenAlertsAreAskedFor() {
        // Given the SLA alerts raised for the generated leads, latest per lead
        final Map<String, Alert> latest = new HashMap<>();
        TopicReader.readAll(scenario.cluster().config().bootstrapServers(), scenario.cluster().topics().alerts().name(),
                scenario.cluster().topics().alerts().keySerde().deserializer(),
                scenario.cluster().topics().alerts().valueSerde().deserializer(), ServedScenario.TIMEOUT,
                record -> {
                    if (record.value().getLeadId() != null) {
                        latest.put(record.value().getLeadId(), record.value());
                    }
                });

        // When open alerts are asked for
        final JsonNode alerts = api.get("/api/alerts?status=open").json().get("alerts");

        // Then each is a lead whose latest SLA alert is not a resolution, with a status matching it
        assertThat(alerts.size()).as("open alerts in a generated history").isPositive();
        final Map<String, String> statusOfKind = Map.of(AlertKind.SLA_AT_RISK.name(), "AT_RISK",
                AlertKind.SLA_BREACHED.name(), "BREACHED", AlertKind.SLA_ESCALATED.name(), "ESCALATED");
        for (final JsonNode alert : alerts) {
            final Alert raised = latest.get(alert.get("leadId").asText());
            assertThat(raised).as("alert raised for " + alert.get("leadId")).isNotNull();
            assertThat(alert.get("status").asText()).isEqualTo(statusOfKind.get(raised.getKind().name()));
            assertThat(alert.get("waitedSeconds").asLong()).isNotNegative();
        }
        // And the breached ones alone when asked for
        final JsonNode breached = api.get("/api/alerts?status=breached").json().get("alerts");
        breached.forEach(alert -> assertThat(alert.get("status").asText()).isEqualTo("BREACHED"));
    }

    @Test
    void shouldAnswerProblemsWithoutTracesWhenRequestsAreBad() {
        assertProblem(api.get("/api/kpis/no_such_kpi"), 404, "no KPI named no_such_kpi");
        assertProblem(api.get("/api/kpis/win_rate?dimension=galaxy"), 400, "dimension must be one of");
        assertProblem(api.get("/api/kpis/win_rate?window=PT9H"), 400, "window must be one of");
        assertProblem(api.get("/api/kpis/win_rate?from=yesterday"), 400, "ISO-8601");
        assertProblem(api.get("/api/kpis/win_rate?dimension=team"), 400, "value is required");
        assertProblem(api.get("/api/kpis/win_rate?dimension=org&value=EMEA"), 400, "one member");
        assertProblem(api.get("/api/kpis/win_rate?window=PT1H&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                400, "more than 1000");
        assertProblem(api.get("/api/kpis/win_rate?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400,
                "from must be before to");
        assertProblem(api.get("/api/kpis/quota_attainment?window=P1D"), 400, "not for org in P1D");
        assertProblem(api.get("/api/kpis/win_rate/leaderboard?limit=0"), 400, "limit");
        assertProblem(api.get("/api/kpis/win_rate/leaderboard?dimension=region&team=T1"), 400, "team");
        assertProblem(api.get("/api/alerts?status=maybe"), 400, "status must be one of");
        assertProblem(api.get("/api/stream?types=kpi,gossip"), 400, "types");
        assertProblem(api.get("/no/such/path"), 404, "no such resource");
    }

    /** Last: the lead it adds changes KPIs the other tests compare with what was published before. */
    @Test
    @Order(Integer.MAX_VALUE)
    void shouldStreamNewKpiChangesWhenEventsArrive() throws Exception {
        // Given a client of the stream, for the org's P1D KPIs
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.server().port()
                + "/api/stream?types=kpi&dimension=org&window=P1D")).header("Accept", "text/event-stream").build();
        final HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        final CompletableFuture<KpiChange> first = CompletableFuture.supplyAsync(() -> firstKpiEvent(response));

        // When a new lead arrives, in the latest hour the pipeline has seen
        final Instant latestHour = published.values().stream().filter(change -> change.getWindow().equals("PT1H"))
                .map(KpiChange::getWindowStart).max(Comparator.naturalOrder()).orElseThrow();
        final Path lead = work.resolve("new-lead.jsonl");
        Files.writeString(lead, "{\"eventId\":\"E-stream-1\",\"type\":\"LEAD_CREATED\",\"leadId\":\"L-stream-1\","
                + "\"occurredAt\":\"" + latestHour.plusSeconds(60) + "\",\"source\":\"CRM\","
                + "\"channel\":\"organic\",\"region\":\"EMEA\"}\n");
        Thread.sleep(500);
        try (EventImporter importer = new EventImporter(scenario.cluster().topics(), scenario.cluster().clientConfig())) {
            importer.importFile(lead);
        }

        // Then the stream carries the org's P1D KPI changes it makes, in the JSON form of KpiChange
        final KpiChange change;
        try {
            change = first.get(60, TimeUnit.SECONDS);
        } finally {
            response.body().close();
        }
        assertThat(change.getDimension()).isEqualTo("org");
        assertThat(change.getWindow()).isEqualTo("P1D");
    }

    private static KpiChange firstKpiEvent(final HttpResponse<InputStream> response) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ") && "kpi".equals(event)) {
                    return KpiChangeJson.parse(line.substring("data: ".length()));
                }
            }
            throw new IllegalStateException("the stream ended");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProblem(final ApiClient.Answer answer, final int status, final String detail) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        final JsonNode problem = answer.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detail);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("at org.");
    }
}
