package com.salespulse.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.salespulse.events.KpiChange;
import com.salespulse.events.json.KpiChangeJson;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The replay end to end on a real broker and registry, against numbers computed by hand and by KPIS.md's rules. */
@ExtendWith(KafkaStackExtension.class)
class ReplayIT {
    @TempDir
    Path work;

    @Test
    void shouldExportTheHandComputedKpisWhenTheSmallScenarioIsReplayed(final KafkaStack stack) throws Exception {
        // Given the scenario of src/test/resources/replay/README.md
        final Path events = resource("replay/events.jsonl");
        final Path roster = resource("replay/reps.jsonl");

        // When it is replayed
        final Path export = work.resolve("kpis.jsonl");
        final Replay.Result result = replay(stack, "small").run(events, roster, export);
        final Map<String, KpiChange> kpis = read(export);

        // Then 22 events were imported and 3 malformed lines dead-lettered
        assertThat(result.events().imported()).isEqualTo(22);
        assertThat(result.deadLettered()).isEqualTo(3);
        assertThat(result.exported()).isEqualTo(kpis.size());
        assertThat(result.summaryLine()).contains("22 events imported", "3 records sent to the dead-letter topic",
                String.format(Locale.ROOT, "%,d KPI values exported", kpis.size()));
        // and first_response_time matches the README's table
        assertKpi(kpis, "first_response_time|org|all|PT1H|2026-11-02T09:00:00Z", 2040, 2, 1020.0);
        assertKpi(kpis, "first_response_time|org|all|PT1H|2026-11-02T10:00:00Z", 1800, 1, 1800.0);
        assertKpi(kpis, "first_response_time|org|all|PT1H|2026-11-02T11:00:00Z", 300, 1, 300.0);
        assertKpi(kpis, "first_response_time|org|all|P1D|2026-11-02T00:00:00Z", 4140, 4, 1035.0);
        assertKpi(kpis, "first_response_time|rep|R1|P1D|2026-11-02T00:00:00Z", 2040, 2, 1020.0);
        assertKpi(kpis, "first_response_time|rep|R2|P1D|2026-11-02T00:00:00Z", 1800, 1, 1800.0);
        assertKpi(kpis, "first_response_time|rep|R9|P1D|2026-11-02T00:00:00Z", 300, 1, 300.0);
        assertKpi(kpis, "first_response_time|team|T1|P1D|2026-11-02T00:00:00Z", 3840, 3, 1280.0);
        assertKpi(kpis, "first_response_time|team|unassigned|P1D|2026-11-02T00:00:00Z", 300, 1, 300.0);
        assertKpi(kpis, "first_response_time|region|NA|P1D|2026-11-02T00:00:00Z", 1800, 1, 1800.0);
        assertKpi(kpis, "first_response_time|channel|organic|P1D|2026-11-02T00:00:00Z", 1800, 1, 1800.0);
        assertThat(kpis).doesNotContainKey("first_response_time|rep|R3|P1D|2026-11-02T00:00:00Z");
        // and the cohort KPIs too
        assertKpi(kpis, "positive_reply_rate|org|all|P1D|2026-11-02T00:00:00Z", 2, 5, 0.4);
        assertKpi(kpis, "negative_reply_rate|org|all|P1D|2026-11-02T00:00:00Z", 1, 5, 0.2);
        assertKpi(kpis, "positive_reply_rate|org|all|PT1H|2026-11-02T09:00:00Z", 2, 3, 2 / 3.0);
        assertKpi(kpis, "positive_reply_rate|org|all|PT1H|2026-11-02T10:00:00Z", 0, 1, 0.0);
        assertKpi(kpis, "lead_stage_share.lead|org|all|P1D|2026-11-02T00:00:00Z", 2, 6, 2 / 6.0);
        assertKpi(kpis, "lead_stage_share.mql|org|all|P1D|2026-11-02T00:00:00Z", 2, 6, 2 / 6.0);
        assertKpi(kpis, "lead_stage_share.sql|org|all|P1D|2026-11-02T00:00:00Z", 1, 6, 1 / 6.0);
        assertKpi(kpis, "lead_stage_share.disqualified|org|all|P1D|2026-11-02T00:00:00Z", 1, 6, 1 / 6.0);
        assertKpi(kpis, "lead_stage_share.customer|org|all|P1D|2026-11-02T00:00:00Z", 0, 6, 0.0);
        assertKpi(kpis, "lead_stage_share.lead|org|all|PT1H|2026-11-02T10:00:00Z", 1, 2, 0.5);
        assertKpi(kpis, "positive_reply_rate|rep|R1|P1D|2026-11-02T00:00:00Z", 2, 2, 1.0);
        assertKpi(kpis, "lead_stage_share.disqualified|rep|R3|P1D|2026-11-02T00:00:00Z", 1, 2, 0.5);
        assertKpi(kpis, "negative_reply_rate|team|T1|P1D|2026-11-02T00:00:00Z", 1, 3, 1 / 3.0);
        assertKpi(kpis, "lead_stage_share.lead|team|unassigned|P1D|2026-11-02T00:00:00Z", 1, 1, 1.0);
        assertKpi(kpis, "positive_reply_rate|region|NA|P1D|2026-11-02T00:00:00Z", 1, 2, 0.5);
        assertKpi(kpis, "negative_reply_rate|channel|organic|P1D|2026-11-02T00:00:00Z", 1, 2, 0.5);
        assertKpi(kpis, "lead_stage_share.disqualified|channel|referral|P1D|2026-11-02T00:00:00Z", 1, 1, 1.0);
        assertThat(kpis).doesNotContainKey("positive_reply_rate|channel|referral|P1D|2026-11-02T00:00:00Z");
        // and nothing about L6, which was never created, beyond that: every exported value is what KPIS.md's rules give
        assertMatchesReference(kpis, events, roster);
    }

    @Test
    void shouldExportWhatKpisMdGivesForEveryKeyWhenAGeneratedFileWithMalformedLinesIsReplayed(final KafkaStack stack)
            throws Exception {
        // Given 3,000 generated leads with 5 malformed lines
        final GeneratorConfig config = GeneratorConfig.of(7, 3_000).withMalformedLines(5);
        final Path events = work.resolve("events.jsonl");
        final Path roster = work.resolve("reps.jsonl");
        final CrmGenerator generator = new CrmGenerator(config);
        final long written = JsonLinesWriter.of(config).writeEvents(generator.generate(), events).events();
        JsonLinesWriter.writeRoster(generator.roster(), roster);

        // When it is replayed
        final Path export = work.resolve("kpis.jsonl");
        final Replay.Result result = replay(stack, "generated").run(events, roster, export);

        // Then every event is imported, the malformed lines are dead-lettered, and every exported value is KPIS.md's
        assertThat(result.events().imported()).isEqualTo(written);
        assertThat(result.deadLettered()).isEqualTo(5);
        final Map<String, KpiChange> kpis = read(export);
        assertMatchesReference(kpis, events, roster);
        // and every KPI of the catalog is exported, in every window and for every dimension it applies to. The one
        // exception is data: revenue_by_first_touch.<activity> exists only for activities that were the first
        // touch of a won lead, so that family must be present, not each of its members.
        final Set<String> exported = kpis.values().stream().map(KpiChange::getKpi).collect(Collectors.toSet());
        assertThat(exported).anyMatch(name -> name.startsWith("revenue_by_first_touch."));
        for (final Kpi kpi : KpiCatalog.all()) {
            if (!exported.contains(kpi.name())) {
                assertThat(kpi.name()).as("a KPI missing from the export").startsWith("revenue_by_first_touch.");
                continue;
            }
            for (final String window : List.of("PT1H", "P1D", "day", "week", "month", "quarter")) {
                for (final Dimension dimension : Dimension.values()) {
                    if (kpi.appliesTo(dimension, window)) {
                        assertThat(kpis.values()).as("%s by %s in %s", kpi.name(), dimension.label(), window)
                                .anyMatch(change -> change.getKpi().equals(kpi.name()) && change.getWindow().equals(window)
                                        && change.getDimension().equals(dimension.label()));
                    }
                }
            }
        }
    }

    @Test
    void shouldExportTheSameKpisWhenTheSameInputIsReplayedTwice(final KafkaStack stack) throws Exception {
        // Given a generated file
        final GeneratorConfig config = GeneratorConfig.of(3, 1_000);
        final Path events = work.resolve("events.jsonl");
        final Path roster = work.resolve("reps.jsonl");
        final CrmGenerator generator = new CrmGenerator(config);
        JsonLinesWriter.of(config).writeEvents(generator.generate(), events);
        JsonLinesWriter.writeRoster(generator.roster(), roster);

        // When it is replayed twice
        final Path first = work.resolve("first.jsonl");
        final Path second = work.resolve("second.jsonl");
        replay(stack, "first").run(events, roster, first);
        replay(stack, "second").run(events, roster, second);

        // Then both exports hold the same lines, but for when (emittedAt) and after how many changes
        // (revision, previousValue) each value was published
        assertThat(Files.readAllLines(first)).isNotEmpty();
        final List<String> firstLines = withoutPublicationHistory(first);
        final List<String> secondLines = withoutPublicationHistory(second);
        assertThat(difference(firstLines, secondLines)).as("in the first export only").isEmpty();
        assertThat(difference(secondLines, firstLines)).as("in the second export only").isEmpty();
        assertThat(firstLines).isEqualTo(secondLines);
    }

    private static List<String> difference(final List<String> lines, final List<String> others) {
        final List<String> only = new ArrayList<>(lines);
        only.removeAll(new HashSet<>(others));
        return only.subList(0, Math.min(only.size(), 20));
    }

    private static List<String> withoutPublicationHistory(final Path export) throws IOException {
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(export)) {
            final KpiChange change = KpiChangeJson.parse(line);
            change.setEmittedAt(Instant.EPOCH);
            change.setRevision(0L);
            change.setPreviousValue(null);
            lines.add(KpiChangeJson.write(change));
        }
        return lines;
    }

    private Replay replay(final KafkaStack stack, final String name) {
        final String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, "replay-" + run,
                SalesPulseConfig.STATE_DIR, work.resolve("state-" + run).toString()));
        return new Replay(config, line -> { });
    }

    /** Every exported value of the KPIs the reference covers equals it, and every reference value is exported. */
    static void assertMatchesReference(final Map<String, KpiChange> export, final Path events, final Path roster)
            throws IOException {
        final Map<String, ReferenceKpis.Ratio> expected = ReferenceKpis.compute(events, roster);
        final Map<String, KpiChange> exported = new TreeMap<>(export);
        exported.values().removeIf(change -> !ReferenceKpis.isCovered(change.getKpi()));
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        final List<String> wrong = new ArrayList<>();
        expected.forEach((key, ratio) -> {
            final KpiChange change = exported.get(key);
            if (Math.abs(change.getNumerator() - ratio.numerator()) > 1e-6
                    || change.getDenominator() != ratio.denominator()
                    || Math.abs(change.getValue() - ratio.numerator() / ratio.denominator()) > 1e-9) {
                wrong.add(key + ": exported " + change.getNumerator() + "/" + change.getDenominator() + ", expected "
                        + ratio.numerator() + "/" + ratio.denominator());
            }
        });
        assertThat(wrong).isEmpty();
    }

    static Map<String, KpiChange> read(final Path export) throws IOException {
        final Map<String, KpiChange> kpis = new TreeMap<>();
        for (final String line : Files.readAllLines(export)) {
            final KpiChange change = KpiChangeJson.parse(line);
            kpis.put(keyOf(change), change);
        }
        return kpis;
    }

    static String keyOf(final KpiChange change) {
        return change.getKpi() + '|' + change.getDimension() + '|' + change.getDimensionValue() + '|'
                + change.getWindow() + '|' + change.getWindowStart();
    }

    private static void assertKpi(final Map<String, KpiChange> kpis, final String key, final double numerator,
                                  final double denominator, final double value) {
        assertThat(kpis).containsKey(key);
        final KpiChange change = kpis.get(key);
        assertThat(change.getNumerator()).as(key).isEqualTo(numerator);
        assertThat(change.getDenominator()).as(key).isEqualTo(denominator);
        assertThat(change.getValue()).as(key).isCloseTo(value, within(1e-12));
    }

    static Path resource(final String name) throws URISyntaxException {
        return Path.of(ReplayIT.class.getClassLoader().getResource(name).toURI());
    }
}
