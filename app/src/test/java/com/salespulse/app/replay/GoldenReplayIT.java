package com.salespulse.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden scenario of kpi-streams (25 leads across New York's daylight-saving end and a month
 * end, every KPI of the catalog, 885 values computed by hand in its README) replayed end to end:
 * JSON Lines import, four input partitions, the real broker and registry, the export file.
 */
@ExtendWith(KafkaStackExtension.class)
class GoldenReplayIT {
    private static final Path GOLDEN = Path.of("..", "kpi-streams", "src", "test", "resources", "golden");

    @TempDir
    Path work;

    @Test
    void shouldExportEveryHandComputedValueWhenTheGoldenScenarioIsReplayed(final KafkaStack stack) throws Exception {
        // Given the golden files, with the organisation in New York, EUR at 1.10 USD and no SLA policy (as in the
        // scenario, whose tables hold no SLA KPI)
        final Path sla = work.resolve("no-sla.yaml");
        Files.writeString(sla, "sla:\n  policies: []\nkpiRules: []\n");
        final String run = "golden-" + UUID.randomUUID().toString().substring(0, 8);
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toString(),
                SalesPulseConfig.ORG_TIMEZONE, "America/New_York",
                SalesPulseConfig.CURRENCY_RATES, "EUR=1.10",
                SalesPulseConfig.SLA_CONFIG, sla.toString()));

        // When it is replayed
        final Path export = work.resolve("kpis.jsonl");
        final Replay.Result result = new Replay(config, line -> { })
                .run(GOLDEN.resolve("events.jsonl"), GOLDEN.resolve("reps.jsonl"), export);
        final Map<String, KpiChange> kpis = ReplayIT.read(export);

        // Then nothing was dead-lettered, every published row of expected.csv is exported with its numbers, and
        // every row the scenario says is not published is absent
        assertThat(result.deadLettered()).isZero();
        final List<String> rows = Files.readAllLines(GOLDEN.resolve("expected.csv"));
        assertThat(rows.get(0)).isEqualTo("kpi,dimension,dimensionValue,window,windowStart,windowEnd,numerator,"
                + "denominator,value,published");
        final SoftAssertions softly = new SoftAssertions();
        int published = 0;
        for (final String row : rows.subList(1, rows.size())) {
            final String[] cell = row.split(",", -1);
            final String key = String.join("|", cell[0], cell[1], cell[2], cell[3], cell[4]);
            if ("yes".equals(cell[9])) {
                published++;
                final KpiChange change = kpis.get(key);
                softly.assertThat(change).as(key).isNotNull();
                if (change != null) {
                    assertNumber(softly, key + " numerator", change.getNumerator(), cell[6]);
                    assertNumber(softly, key + " denominator", change.getDenominator(), cell[7]);
                    assertNumber(softly, key + " value", change.getValue(), cell[8]);
                    softly.assertThat(change.getWindowEnd().toString()).as(key + " window end").isEqualTo(cell[5]);
                }
            } else {
                softly.assertThat(kpis).as(key + " is not published").doesNotContainKey(key);
            }
        }
        softly.assertAll();
        assertThat(published).isEqualTo(712);
    }

    private static void assertNumber(final SoftAssertions softly, final String what, final Double actual,
                                     final String expected) {
        if ("null".equals(expected)) {
            softly.assertThat(actual).as(what).isNull();
            return;
        }
        final double number = Double.parseDouble(expected);
        softly.assertThat(actual).as(what).isCloseTo(number, within(1e-9 * Math.max(1, Math.abs(number))));
    }
}
