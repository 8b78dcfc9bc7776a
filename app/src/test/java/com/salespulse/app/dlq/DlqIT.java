package com.salespulse.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.app.Cluster;
import com.salespulse.app.SalesPulse;
import com.salespulse.app.replay.Replay;
import com.salespulse.events.KpiChange;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code salespulse dlq list} and {@code dlq replay} on a real broker, over the dead letters of
 * src/test/resources/dlq/README.md: two bad lines of an import file (malformed JSON, a missing
 * field) and two events the pipeline refused (a deal in a currency without a rate, a late event).
 */
@ExtendWith(KafkaStackExtension.class)
class DlqIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");
    /** Text of the dead letters' keys and values: none of it may be printed. */
    private static final List<String> PAYLOAD = List.of("jane.doe", "7946", "evt-", "lead-", "opp-", "CHF");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private SalesPulseConfig config;
    private String prefix;

    @BeforeEach
    void deadLetterTheScenario(final KafkaStack stack) throws Exception {
        final String run = UUID.randomUUID().toString().substring(0, 8);
        prefix = "dlq-" + run + ".";
        config = SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, prefix,
                SalesPulseConfig.APPLICATION_ID, "dlq-" + run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toString(),
                // Off, so that the wall clock (weeks after the scenario's day) does not make the replayed deal late.
                SalesPulseConfig.QUIET_PERIOD, "PT0S"));
        final Replay.Result result = new Replay(config, line -> { })
                .run(resource("dlq/events.jsonl"), null, work.resolve("kpis.jsonl"));
        assertThat(result.events().imported()).as("lines imported").isEqualTo(5);
        assertThat(result.deadLettered()).as("dead letters").isEqualTo(4);
    }

    @Test
    void shouldListEachDeadLetterWithItsReasonAndSourceButNoPayloadWhenListed() {
        // When
        final Output listed = dlq("list");

        // Then a count per reason comes first
        assertThat(listed.code()).isZero();
        final List<String> lines = listed.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(prefix + "sales.dlq: 4 dead letters");
        assertThat(lines.subList(1, 5)).map(line -> line.trim().replaceAll("\\s+", " "))
                .containsExactly("bad_value 1", "late 1", "malformed_json 1", "missing_field 1");
        // and then one line per dead letter with its reason, its source and a detail naming the field, not the value
        final String events = "^\\d+@\\d+ +\\S+ +%s +" + prefix.replace(".", "\\.") + "sales\\.crm-events-\\d+@\\d+ +no +.*%s.*$";
        assertThat(lines).anyMatch(line -> line.matches(String.format(events, "bad_value", "currency")))
                .anyMatch(line -> line.matches(String.format(events, "late", "grace period")))
                .anyMatch(line -> line.matches("^\\d+@\\d+ +\\S+ +malformed_json +events\\.jsonl:3 +no +.*not valid JSON.*$"))
                .anyMatch(line -> line.matches("^\\d+@\\d+ +\\S+ +missing_field +events\\.jsonl:4 +no +.*repId.*$"));
        assertThat(lines).hasSize(1 + 4 + 1 + 1 + 4);
        // and nothing of any key or value
        assertThat(listed.out() + listed.err()).doesNotContain(PAYLOAD);
    }

    @Test
    void shouldPrintTheSameFieldsAsJsonLinesWhenAskedForJson() throws IOException {
        // When
        final Output late = dlq("list", "--json", "--reason", "late");
        final Output none = dlq("list", "--json", "--since", "2999-01-01");

        // Then one line for the one late event, with its source topic, partition and offset as numbers
        assertThat(late.code()).isZero();
        assertThat(late.out().lines()).hasSize(1);
        final JsonNode line = JSON.readTree(late.out());
        assertThat(line.get("reason").asText()).isEqualTo("late");
        assertThat(line.get("topic").asText()).isEqualTo(prefix + "sales.crm-events");
        assertThat(line.get("sourcePartition").isInt()).isTrue();
        assertThat(line.get("sourceOffset").isIntegralNumber()).isTrue();
        assertThat(line.get("source").asText()).isEqualTo(prefix + "sales.crm-events-" + line.get("sourcePartition")
                + "@" + line.get("sourceOffset"));
        assertThat(line.get("file").isNull()).isTrue();
        assertThat(line.get("replayed").isNull()).isTrue();
        assertThat(line.get("detail").asText()).contains("grace period");
        assertThat(Instant.parse(line.get("time").asText())).isAfter(DAY);
        // and the counts on standard error, never a payload
        assertThat(late.err()).contains("1 dead letter of 4", "late 1");
        assertThat(late.out() + late.err()).doesNotContain(PAYLOAD);
        // and nothing written after the year 2999 began
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("0 dead letters of 4");
    }

    @Test
    void shouldSayThereAreNoDeadLettersWhenTheTopicDoesNotExist() {
        // When
        final Output listed = dlqIn("nowhere-" + prefix, "list");

        // Then
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).isEmpty();
        assertThat(listed.err()).contains("nowhere-" + prefix + "sales.dlq does not exist (yet): no dead letters");
    }

    @Test
    void shouldCountTheDealOnceWhenItsDeadLetterIsReplayedAfterTheMissingRateIsAdded() throws IOException {
        // Given the CHF deal of line 6 dead-lettered as bad_value, and counted nowhere
        assertThat(revenueWon().map(KpiChange::getNumerator).orElse(0.0)).isZero();
        final JsonNode badValue = JSON.readTree(dlq("list", "--json", "--reason", "bad_value").out());
        final String position = badValue.get("partition").asInt() + "@" + badValue.get("offset").asLong();
        final long eventsBefore = count(prefix + "sales.crm-events");

        // When a dry run looks first, and the malformed line is tried (it still does not parse)
        final Output dry = dlq("replay", "--reason", "bad_value", "--dry-run");
        final Output malformed = dlq("replay", "--reason", "malformed_json");

        // Then neither sends anything
        assertThat(dry.out()).contains("Dry run: 1 of 4 dead letters selected: 1 would be sent back (bad_value 1), 0 skipped");
        assertThat(malformed.out()).contains(
                "Replay done: 1 of 4 dead letters selected: 0 sent back, 1 skipped (line still invalid: malformed_json 1)");
        assertThat(count(prefix + "sales.crm-events")).isEqualTo(eventsBefore);

        // When the rate is configured, the bad_value dead letters are replayed twice, and the pipeline runs again
        final Output first = dlq("replay", "--reason", "bad_value", "--source-topic", "sales.crm-events");
        final Output second = dlq("replay", "--reason", "bad_value");
        runUntilCaughtUp(config.with(SalesPulseConfig.CURRENCY_RATES, "CHF=1.1"));

        // Then the first sent the deal back, marked with its dead letter, and the second skipped it
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("Replay done: 1 of 4 dead letters selected: 1 sent back (bad_value 1), 0 skipped");
        assertThat(second.out()).contains("Replay done: 1 of 4 dead letters selected: 0 sent back, 1 skipped (already replayed 1)");
        assertThat(replayedFrom()).containsExactly(position);
        // and the deal counts once: 1000 CHF at 1.1 is 1100 USD, one deal, and it was not dead-lettered again
        final KpiChange revenue = revenueWon().orElseThrow();
        assertThat(revenue.getValue()).isEqualTo(1100.0);
        assertThat(kpi("deals_won").orElseThrow().getValue()).isEqualTo(1.0);
        assertThat(count(prefix + "sales.dlq")).isEqualTo(4);
        // and the listing says where it went
        final JsonNode after = JSON.readTree(dlq("list", "--json", "--reason", "bad_value").out());
        assertThat(after.get("replayed").asText()).isEqualTo(prefix + "sales.crm-events");
        assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(PAYLOAD);
    }

    private Optional<KpiChange> revenueWon() {
        return kpi("revenue_won");
    }

    /** The org-wide value of {@code name} for the scenario's day. */
    private Optional<KpiChange> kpi(final String name) {
        try (Cluster cluster = Cluster.connect(config)) {
            return KpiSnapshot.read(config.bootstrapServers(), cluster.topics().kpiChanges(), TIMEOUT).values().stream()
                    .filter(change -> change.getKpi().equals(name) && change.getDimension().equals("org")
                            && change.getWindow().equals("P1D") && change.getWindowStart().equals(DAY))
                    .findFirst();
        }
    }

    /** The {@value DeadLetter#REPLAYED_FROM} headers on sales.crm-events. */
    private List<String> replayedFrom() {
        final List<String> positions = new ArrayList<>();
        TopicReader.readAll(config.bootstrapServers(), prefix + "sales.crm-events", new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), TIMEOUT, record -> {
                    final String from = DeadLetter.header(record.headers(), DeadLetter.REPLAYED_FROM);
                    if (from != null) {
                        positions.add(from);
                    }
                });
        return positions;
    }

    private long count(final String topic) {
        return TopicReader.count(config.bootstrapServers(), topic, TIMEOUT);
    }

    private static void runUntilCaughtUp(final SalesPulseConfig pipelineConfig) {
        try (Cluster cluster = Cluster.connect(pipelineConfig);
             KpiPipeline pipeline = new KpiPipeline(pipelineConfig, cluster.topics(), new SimpleMeterRegistry())) {
            pipeline.start(TIMEOUT);
            new ConsumerGroupProgress(cluster.admin(), pipeline.applicationId(), pipeline.consumedTopics())
                    .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> pipeline.state() == KafkaStreams.State.RUNNING
                            || pipeline.state() == KafkaStreams.State.REBALANCING);
        }
    }

    /** Runs {@code salespulse dlq ARGS} against the scenario's cluster and topics. */
    private Output dlq(final String... args) {
        return dlqIn(prefix, args);
    }

    /** Runs {@code salespulse dlq ARGS} against the scenario's cluster and the topics of {@code topicPrefix}. */
    private Output dlqIn(final String topicPrefix, final String... args) {
        final List<String> line = new ArrayList<>(List.of("dlq"));
        line.addAll(List.of(args));
        line.addAll(List.of("--bootstrap-servers", config.bootstrapServers(),
                "--schema-registry-url", config.schemaRegistryUrl(), "--topic-prefix", topicPrefix));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = SalesPulse.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int code = commandLine.execute(line.toArray(String[]::new));
        return new Output(code, out.toString(), err.toString());
    }

    private record Output(int code, String out, String err) {
    }

    private static Path resource(final String name) throws URISyntaxException {
        return Path.of(DlqIT.class.getClassLoader().getResource(name).toURI());
    }
}
