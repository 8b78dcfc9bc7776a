package com.salespulse.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.app.Cluster;
import com.salespulse.events.KpiChange;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.metrics.PrometheusMeters;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A generated CRM history on its own topics, served by pipeline processes with their HTTP servers,
 * and the KPI changes they published: what every API answer is checked against.
 */
final class ServedScenario {
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final SalesPulseConfig config;
    private final Cluster cluster;
    private final Path work;

    private ServedScenario(final SalesPulseConfig config, final Cluster cluster, final Path work) {
        this.config = config;
        this.cluster = cluster;
        this.work = work;
    }

    /** Generates {@code leads} leads' events and roster and imports them on topics of a run of its own. */
    static ServedScenario imported(final KafkaStack stack, final Path work, final String name, final int leads,
                                   final Map<String, String> settings) throws IOException {
        final String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        final Map<String, String> values = new HashMap<>(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, "api-" + run,
                SalesPulseConfig.HTTP_PORT, "0",
                SalesPulseConfig.HTTP_BIND, "127.0.0.1"));
        values.putAll(settings);
        final SalesPulseConfig config = SalesPulseConfig.of(values);
        final Cluster cluster = Cluster.connect(config).ensureTopics();
        final GeneratorConfig generatorConfig = GeneratorConfig.of(7, leads);
        final CrmGenerator generator = new CrmGenerator(generatorConfig);
        final Path events = work.resolve(run + "-events.jsonl");
        final Path roster = work.resolve(run + "-reps.jsonl");
        JsonLinesWriter.of(generatorConfig).writeEvents(generator.generate(), events);
        JsonLinesWriter.writeRoster(generator.roster(), roster);
        try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
            importer.importFile(roster);
        }
        try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
            importer.importFile(events);
        }
        return new ServedScenario(config, cluster, work);
    }

    Cluster cluster() {
        return cluster;
    }

    /** Starts a pipeline process of the scenario's application, with its own state directory and port. */
    ServingPipeline startInstance(final String name) {
        final SalesPulseConfig instanceConfig = config
                .with(SalesPulseConfig.STATE_DIR, work.resolve("state-" + name + "-" + UUID.randomUUID()).toString());
        final ServingPipeline instance = ServingPipeline.create(instanceConfig, cluster.topics(), cluster.clientConfig(),
                PrometheusMeters.create(), List.of());
        instance.start(TIMEOUT);
        return instance;
    }

    /** Waits until the application has processed every imported event and every bucket change. */
    void awaitCaughtUp(final ServingPipeline instance) {
        new ConsumerGroupProgress(cluster.admin(), instance.pipeline().applicationId(),
                instance.pipeline().consumedTopics())
                .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> instance.pipeline().state() == KafkaStreams.State.RUNNING
                        || instance.pipeline().state() == KafkaStreams.State.REBALANCING);
    }

    /** The latest committed KpiChange of every KPI key. */
    TreeMap<String, KpiChange> published() {
        return KpiSnapshot.read(config.bootstrapServers(), cluster.topics().kpiChanges(), TIMEOUT);
    }

    /** Asserts that the API answers the window of {@code expected} with exactly its numbers and revision. */
    static void assertServes(final ApiClient api, final KpiChange expected) {
        final ApiClient.Answer answer = api.get(ApiClient.seriesPath(expected.getKpi(), expected.getDimension(),
                expected.getDimensionValue(), expected.getWindow(), expected.getWindowStart(), expected.getWindowEnd()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        final JsonNode points = answer.json().get("points");
        final String key = expected.getKpi() + "|" + expected.getDimension() + "|" + expected.getDimensionValue() + "|"
                + expected.getWindow() + "|" + expected.getWindowStart();
        assertThat(points.size()).as("points of " + key).isEqualTo(1);
        final JsonNode point = points.get(0);
        assertThat(point.get("windowStart").asText()).as(key).isEqualTo(expected.getWindowStart().toString());
        assertThat(point.get("windowEnd").asText()).as(key).isEqualTo(expected.getWindowEnd().toString());
        assertThat(point.get("value").isNull() ? null : point.get("value").asDouble()).as(key + " value")
                .isEqualTo(expected.getValue());
        assertThat(point.get("numerator").asDouble()).as(key + " numerator").isEqualTo(expected.getNumerator());
        assertThat(point.get("denominator").asDouble()).as(key + " denominator").isEqualTo(expected.getDenominator());
        assertThat(point.get("revision").asLong()).as(key + " revision").isEqualTo(expected.getRevision());
    }

    void close() {
        cluster.close();
    }
}
