package com.salespulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.app.deploy.PromQl;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.metrics.PrometheusMeters;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Prometheus gets from a pipeline that has processed generated traffic: a scrape that passes
 * {@code promtool check metrics}, holds every metric the Grafana dashboard queries, and carries no
 * lead data in its labels. The registry is {@link PrometheusMeters#create()}, as in {@code run} and
 * {@code demo}.
 *
 * <p>The input reaches every meter the dashboard shows: generated events with malformed lines (the
 * importer dead-letters those), one record on the input topic that is not Avro (the pipeline
 * dead-letters it, so {@code salespulse_dlq_records_total} exists) and one event more than the
 * grace period behind its partition (late). Kafka Streams records at DEBUG level, so that the lint
 * covers every meter it has.
 */
@ExtendWith(KafkaStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Path DASHBOARD = Path.of("deploy", "grafana", "dashboards", "salespulse.json");
    /** Set in CI, where the tools are installed by .ci/run: a missing tool fails instead of skipping. */
    private static final String REQUIRE_TOOLS = "SALESPULSE_REQUIRE_TOOLS";
    private static final Set<String> PERSONAL_LABELS = Set.of("leadid", "lead_id", "email", "phone", "eventid", "event_id");
    /** A generated lead id: {@code L17}, or with the live generator's run prefix {@code Dt3k9x-L17}. */
    private static final Pattern LEAD_ID = Pattern.compile("(?:[A-Za-z0-9]+-)?L\\d+");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private String scrape;
    private Set<String> leadIds;

    @BeforeAll
    void runThePipelineAndScrape(final KafkaStack stack, @TempDir final Path work) throws Exception {
        // Given generated traffic of 40 leads with 3 malformed lines, a late event and a record that is not Avro
        final GeneratorConfig generatorConfig = GeneratorConfig.of(5, 40).withMalformedLines(3);
        final CrmGenerator generator = new CrmGenerator(generatorConfig);
        final List<SalesEvent> events = generator.generate();
        assertThat(events).as("generated events").hasSizeBetween(200, 1_000);
        leadIds = events.stream().map(SalesEvent::getLeadId).filter(Objects::nonNull).collect(Collectors.toSet());
        final Path eventsFile = work.resolve("events.jsonl");
        final Path rosterFile = work.resolve("reps.jsonl");
        JsonLinesWriter.of(generatorConfig).writeEvents(events, eventsFile);
        Files.writeString(eventsFile, SalesEventJson.write(lateCopyOfTheLatest(events)) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        JsonLinesWriter.writeRoster(generator.roster(), rosterFile);

        final String run = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toString(),
                SalesPulseConfig.HTTP_PORT, "0",
                SalesPulseConfig.STREAMS_PREFIX + StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG"));
        try (Cluster cluster = Cluster.connect(config).ensureTopics()) {
            try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                importer.importFile(rosterFile);
            }
            try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
                importer.importFile(eventsFile);
            }
            sendNotAvro(config, cluster.topics().crmEvents().name());

            // When the pipeline, with the production registry, has processed all of it, and /metrics is scraped
            final PrometheusMeterRegistry meters = PrometheusMeters.create();
            try (ServingPipeline serving = ServingPipeline.create(config, cluster.topics(), cluster.clientConfig(), meters,
                    List.of())) {
                serving.start(TIMEOUT);
                final KpiPipeline pipeline = serving.pipeline();
                new ConsumerGroupProgress(cluster.admin(), pipeline.applicationId(), pipeline.consumedTopics())
                        .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> pipeline.state() == KafkaStreams.State.RUNNING
                                || pipeline.state() == KafkaStreams.State.REBALANCING);
                // Task, partition and store metrics appear once tasks are assigned, after the pipeline's binder
                // first looked; it looks again every minute. A second binder on the same client looks now.
                try (KafkaStreamsMetrics refreshed = new KafkaStreamsMetrics(pipeline.streams())) {
                    refreshed.bindTo(meters);
                    scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + serving.server().port() + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                }
            }
        }
        // Kept for whoever reads a failure: the whole scrape, as Prometheus would get it.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "metrics-scrape.prom"), scrape, StandardCharsets.UTF_8);
    }

    @Test
    void shouldPassPromtoolCheckMetricsWhenThePipelineHasProcessedTraffic() throws Exception {
        final Optional<Path> promtool = tool("promtool");
        if (promtool.isEmpty()) {
            if ("1".equals(System.getenv(REQUIRE_TOOLS))) {
                fail("promtool is not installed, and %s=1 requires it (Debian package prometheus)", REQUIRE_TOOLS);
            }
            Assumptions.abort("promtool is not installed (Debian package prometheus); set " + REQUIRE_TOOLS
                    + "=1 to fail instead of skipping");
        }

        final Process process = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        final String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("promtool finished").isTrue();

        assertThat(process.exitValue()).as("promtool check metrics exit code; it said:%n%s", output).isZero();
    }

    @Test
    void shouldHoldEveryMetricTheDashboardQueriesWhenThePipelineHasProcessedTraffic() throws IOException {
        // Series names as Prometheus stores them: a histogram's are <name>_bucket, _count and _sum, as the queries use
        final Set<String> scraped = samples().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
        final Set<String> queried = dashboardMetricNames();

        assertThat(queried).as("metric names in the dashboard's queries").isNotEmpty()
                .anyMatch(name -> name.startsWith("salespulse_")).anyMatch(name -> name.startsWith("kafka_stream_"));
        assertThat(scraped).as("series in the scrape").containsAll(queried);
    }

    @Test
    void shouldCarryNoLeadDataInLabelsWhenThePipelineHasProcessedTraffic() {
        final List<Sample> samples = samples().toList();
        assertThat(samples).as("samples").isNotEmpty();

        final List<String> personalLabels = new ArrayList<>();
        final List<String> leadValues = new ArrayList<>();
        for (final Sample sample : samples) {
            sample.labels().forEach((label, value) -> {
                if (PERSONAL_LABELS.contains(label.toLowerCase(Locale.ROOT))) {
                    personalLabels.add(sample.name() + " " + label);
                }
                if (LEAD_ID.matcher(value).matches() || leadIds.contains(value) || value.contains("@")) {
                    leadValues.add(sample.name() + " " + label + "=" + value);
                }
            });
        }
        assertThat(personalLabels).as("labels naming personal data").isEmpty();
        assertThat(leadValues).as("label values that are lead ids or e-mail addresses").isEmpty();
    }

    @Test
    void shouldPublishNoKpiValuePerRepWhenThePipelineHasProcessedTraffic() {
        final List<Sample> kpiValues = samples().filter(sample -> sample.name().equals("salespulse_kpi_value")).toList();

        assertThat(kpiValues).as("salespulse_kpi_value series").isNotEmpty();
        assertThat(kpiValues).as("salespulse_kpi_value series by rep")
                .noneMatch(sample -> "rep".equals(sample.labels().get("dimension")));
        assertThat(kpiValues).as("dimensions of salespulse_kpi_value")
                .allMatch(sample -> Set.of("org", "region", "team", "channel").contains(sample.labels().get("dimension")));
    }

    /** The metric names that the dashboard's queries select. */
    private static Set<String> dashboardMetricNames() throws IOException {
        final JsonNode dashboard = new ObjectMapper().readTree(findUp(DASHBOARD).toFile());
        final Set<String> names = new TreeSet<>();
        dashboard.findValues("expr").forEach(expr -> names.addAll(PromQl.metricNames(expr.asText())));
        return names;
    }

    private Stream<Sample> samples() {
        return scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> {
            final Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            final Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                final Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            return new Sample(sample.group(1), labels);
        });
    }

    private record Sample(String name, Map<String, String> labels) {
    }

    /** A copy of the latest lead event, a day earlier: more than the grace period behind its partition's event time. */
    private static SalesEvent lateCopyOfTheLatest(final List<SalesEvent> events) {
        final SalesEvent latest = events.stream().filter(event -> event.getLeadId() != null)
                .max(Comparator.comparing(SalesEvent::getOccurredAt)).orElseThrow();
        return SalesEvent.newBuilder(latest).setEventId("late-" + latest.getEventId())
                .setOccurredAt(latest.getOccurredAt().minus(Duration.ofDays(1))).build();
    }

    /** A record the importer would never write: its value is not Avro, so the pipeline dead-letters it. */
    private static void sendNotAvro(final SalesPulseConfig config, final String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "not-avro".getBytes(StandardCharsets.UTF_8),
                    "{\"type\":".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static Optional<Path> tool(final String name) {
        final String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank()), Stream.of("/usr/bin"))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    private static Path findUp(final Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return fail("no %s in the working directory or any parent", relative);
    }
}
