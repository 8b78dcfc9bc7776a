package com.salespulse.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.app.Cluster;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across stops and restarts: a pipeline stopped part-way and started again ends with
 * exactly the KPIs of an uninterrupted run, also when its local state is lost and restored from
 * the changelogs.
 */
@ExtendWith(KafkaStackExtension.class)
class RestartIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path work;

    private Path events;
    private Path roster;
    private List<SalesEvent> generated;

    @BeforeEach
    void generate() throws IOException {
        final GeneratorConfig config = GeneratorConfig.of(11, 1_500);
        final CrmGenerator generator = new CrmGenerator(config);
        generated = generator.generate();
        events = work.resolve("events.jsonl");
        roster = work.resolve("reps.jsonl");
        JsonLinesWriter.of(config).writeEvents(generated, events);
        JsonLinesWriter.writeRoster(generator.roster(), roster);
    }

    @Test
    void shouldEndWithTheUninterruptedKpisWhenStoppedAfterHalfTheInputAndRestartedWithoutLocalState(
            final KafkaStack stack) throws Exception {
        // Given an uninterrupted replay of the input
        final Map<String, KpiChange> uninterrupted = uninterrupted(stack);

        // And a pipeline that processes the first half of the input and is stopped
        final SalesPulseConfig config = config(stack, "halves");
        final Path firstHalf = work.resolve("first.jsonl");
        final Path secondHalf = work.resolve("second.jsonl");
        split(events, firstHalf, secondHalf);
        try (Cluster cluster = Cluster.connect(config).ensureTopics()) {
            importFiles(cluster, roster, firstHalf);
            runUntilCaughtUp(cluster, config);
            deleteRecursively(Path.of(config.stateDir()));

            // When the second half arrives and the pipeline starts again, its local state gone
            importFiles(cluster, null, secondHalf);
            runUntilCaughtUp(cluster, config);

            // Then it ends with exactly the KPIs of the uninterrupted run
            assertSameKpis(KpiSnapshot.read(config.bootstrapServers(), cluster.topics().kpiChanges(), TIMEOUT), uninterrupted);
        }
    }

    @Test
    void shouldEndWithTheUninterruptedKpisWhenStoppedWhileProcessing(final KafkaStack stack) throws Exception {
        // Given an uninterrupted replay of the input
        final Map<String, KpiChange> uninterrupted = uninterrupted(stack);

        // And a pipeline stopped as soon as it has committed part of its input, bucket changes still buffered
        final SalesPulseConfig config = config(stack, "midway");
        try (Cluster cluster = Cluster.connect(config).ensureTopics()) {
            importFiles(cluster, roster, events);
            final long committedAtStop;
            try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
                pipeline.start(TIMEOUT);
                final ConsumerGroupProgress progress = new ConsumerGroupProgress(cluster.admin(),
                        pipeline.applicationId(), List.of(cluster.topics().crmEvents().name()));
                final Instant deadline = Instant.now().plus(TIMEOUT);
                while (progress.lag() == generated.size() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
                committedAtStop = generated.size() - progress.lag();
            }
            assertThat(committedAtStop).as("events committed when stopped").isPositive().isLessThan(generated.size());

            // When it starts again
            runUntilCaughtUp(cluster, config);

            // Then it ends with exactly the KPIs of the uninterrupted run
            assertSameKpis(KpiSnapshot.read(config.bootstrapServers(), cluster.topics().kpiChanges(), TIMEOUT), uninterrupted);
        }
    }

    private Map<String, KpiChange> uninterrupted(final KafkaStack stack) throws IOException {
        final Path export = work.resolve("uninterrupted.jsonl");
        new Replay(config(stack, "whole"), line -> { }).run(events, roster, export);
        final Map<String, KpiChange> kpis = ReplayIT.read(export);
        ReplayIT.assertMatchesReference(kpis, events, roster);
        return kpis;
    }

    private SalesPulseConfig config(final KafkaStack stack, final String name) {
        final String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, "restart-" + run,
                SalesPulseConfig.STATE_DIR, work.resolve("state-" + run).toString()));
    }

    private static void importFiles(final Cluster cluster, final Path rosterFile, final Path eventsFile) throws IOException {
        if (rosterFile != null) {
            try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                importer.importFile(rosterFile);
            }
        }
        try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
            importer.importFile(eventsFile);
        }
    }

    private static void runUntilCaughtUp(final Cluster cluster, final SalesPulseConfig config) {
        try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
            pipeline.start(TIMEOUT);
            new ConsumerGroupProgress(cluster.admin(), pipeline.applicationId(), pipeline.consumedTopics())
                    .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> pipeline.state() == KafkaStreams.State.RUNNING
                            || pipeline.state() == KafkaStreams.State.REBALANCING);
        }
    }

    /** The same KPI keys with the same numbers; when and how often they were published may differ. */
    static void assertSameKpis(final Map<String, KpiChange> actual, final Map<String, KpiChange> expected) {
        final Map<String, String> actualNumbers = numbers(withData(actual));
        final Map<String, String> expectedNumbers = numbers(expected);
        final List<String> differences = new ArrayList<>();
        expectedNumbers.forEach((key, value) -> {
            if (!value.equals(actualNumbers.get(key))) {
                differences.add(key + ": expected " + value + ", was " + actualNumbers.get(key));
            }
        });
        actualNumbers.keySet().stream().filter(key -> !expectedNumbers.containsKey(key))
                .forEach(key -> differences.add(key + ": not expected, was " + actualNumbers.get(key)));
        assertThat(differences.subList(0, Math.min(20, differences.size()))).isEmpty();
        assertThat(actualNumbers).isEqualTo(expectedNumbers);
    }

    private static Map<String, KpiChange> withData(final Map<String, KpiChange> snapshot) {
        return snapshot.entrySet().stream()
                .filter(entry -> !KpiCatalog.byName(entry.getValue().getKpi()).orElseThrow()
                        .isEmpty(entry.getValue().getNumerator(), entry.getValue().getDenominator()))
                .collect(Collectors.toMap(entry -> ReplayIT.keyOf(entry.getValue()), Map.Entry::getValue,
                        (a, b) -> b, TreeMap::new));
    }

    private static Map<String, String> numbers(final Map<String, KpiChange> kpis) {
        return kpis.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().getNumerator() + "/" + entry.getValue().getDenominator() + "="
                        + entry.getValue().getValue(), (a, b) -> b, TreeMap::new));
    }

    private static void split(final Path file, final Path first, final Path second) throws IOException {
        final List<String> lines = Files.readAllLines(file);
        Files.write(first, lines.subList(0, lines.size() / 2));
        Files.write(second, lines.subList(lines.size() / 2, lines.size()));
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
