package com.salespulse.kpi.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.golden.GoldenFiles.ExpectedKpi;
import com.salespulse.kpi.money.CurrencyRates;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineDriver;
import com.salespulse.kpi.window.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The golden scenario of src/test/resources/golden: 23 leads (and one never created) of an organisation in New
 * York over Saturday 31 October and Sunday 1 November 2026, across the end of daylight-saving time (the local
 * day of 1 November lasts 25 hours) and the end of October. Every expected number in expected.csv is computed by
 * hand from docs/kpis.md in README.md beside it; the test replays the roster and then the events in file order,
 * flushes once, and compares the latest KpiChange of every key with the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenScenarioTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The number of KPIs in the catalog: a bucket with this many rows in expected.csv is tabulated in full. */
    private static final int CATALOG_SIZE = 54;

    private Map<String, KpiChange> latest;
    private List<TestRecord<byte[], byte[]>> deadLetters;
    private List<ExpectedKpi> expected;

    @BeforeAll
    void replayTheGoldenScenario() {
        // Given the roster (with monthly quotas), the events in file order, New York calendar windows and EUR at 1.10 USD
        expected = GoldenFiles.expected();
        try (PipelineDriver pipeline = new PipelineDriver(options -> options
                .withWindows(Windows.all(NEW_YORK))
                .withCurrencyRates(CurrencyRates.parse("USD", "EUR=1.10")))) {
            RosterInput.send(pipeline, GoldenFiles.roster());
            for (final SalesEvent event : GoldenFiles.events()) {
                pipeline.sendKeyed(event.getLeadId(), event);
            }

            // When the pipeline flushes
            latest = pipeline.latest(Map.of());
            deadLetters = pipeline.deadLetters();
        }
    }

    @Test
    void shouldDeadLetterNothingWhenEveryGoldenEventIsValidAndWithinGrace() {
        assertThat(deadLetters).as("dead letters (a late or bad event would count for nothing)").isEmpty();
    }

    @Test
    void shouldPublishEveryHandComputedNumberWhenTheGoldenScenarioIsReplayed() {
        final SoftAssertions softly = new SoftAssertions();
        for (final ExpectedKpi row : expected) {
            if (row.published()) {
                assertPublished(softly, row);
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldNotPublishAKpiWhenTheHandComputationFindsItEmptyOrNotApplicable() {
        final SoftAssertions softly = new SoftAssertions();
        for (final ExpectedKpi row : expected) {
            if (!row.published()) {
                softly.assertThat(latest).as(row.key()).doesNotContainKey(row.key());
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldPublishNothingBeyondTheTablesWhenABucketIsTabulatedInFull() {
        // Given the buckets with a row for every KPI of the catalog (org/all in every window with data, rep/R1 and
        // channel/paid in the New York days)
        final Map<String, Long> rowsPerBucket = expected.stream()
                .collect(Collectors.groupingBy(ExpectedKpi::bucket, Collectors.counting()));
        final Set<String> fullBuckets = rowsPerBucket.entrySet().stream()
                .filter(bucket -> bucket.getValue() == CATALOG_SIZE).map(Map.Entry::getKey).collect(Collectors.toSet());
        final Set<String> tabulated = expected.stream().map(ExpectedKpi::key).collect(Collectors.toSet());
        assertThat(fullBuckets).hasSize(15);

        // Then every key published in them is one of the table's rows
        assertThat(latest.keySet()).filteredOn(key -> fullBuckets.contains(GoldenFiles.bucketOf(key)))
                .allMatch(tabulated::contains, "tabulated in expected.csv");
    }

    @Test
    void shouldStartAndEndTheNewYorkWindowsAtLocalMidnightWhenDaylightSavingEnds() {
        // Saturday 31 October: 00:00 EDT (UTC-4) to 00:00 EDT, 24 hours
        assertWindow("day", "2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z", Duration.ofHours(24));
        // Sunday 1 November: 00:00 EDT to 00:00 EST (UTC-5) on Monday, 25 hours: 01:00-02:00 happens twice
        assertWindow("day", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", Duration.ofHours(25));
        // the ISO week from Monday 26 October 00:00 EDT to Monday 2 November 00:00 EST: 7 days and 1 hour
        assertWindow("week", "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z", Duration.ofHours(7 * 24 + 1));
        // October ends at the start of 1 November EDT; November runs to 1 December EST
        assertWindow("month", "2026-10-01T04:00:00Z", "2026-11-01T04:00:00Z", Duration.ofHours(31 * 24));
        assertWindow("month", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z", Duration.ofHours(30 * 24 + 1));
        assertWindow("quarter", "2026-10-01T04:00:00Z", "2027-01-01T05:00:00Z", Duration.ofHours(92 * 24 + 1));
        // the UTC-aligned P1D windows are 24 hours whatever New York does
        assertWindow("P1D", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", Duration.ofHours(24));
        // and the two local hours 01:00-02:00 of 1 November are two distinct PT1H windows (E071 at 01:15 EDT,
        // E073 at 01:15 EST)
        assertWindow("PT1H", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", Duration.ofHours(1));
        assertWindow("PT1H", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", Duration.ofHours(1));
    }

    /** leads_created of org/all is published in every window of the scenario: its change carries the bounds. */
    private void assertWindow(final String window, final String start, final String end, final Duration length) {
        final String key = KpiKey.of("leads_created", "org", "all", window, Instant.parse(start));
        final KpiChange change = latest.get(key);
        assertThat(change).as(key).isNotNull();
        assertThat(change.getWindowStart()).as(key + " windowStart").isEqualTo(Instant.parse(start));
        assertThat(change.getWindowEnd()).as(key + " windowEnd").isEqualTo(Instant.parse(end));
        assertThat(Duration.between(change.getWindowStart(), change.getWindowEnd())).as(key + " length").isEqualTo(length);
    }

    private void assertPublished(final SoftAssertions softly, final ExpectedKpi row) {
        final KpiChange change = latest.get(row.key());
        softly.assertThat(change).as(row.key()).isNotNull();
        if (change == null) {
            return;
        }
        softly.assertThat(change.getWindowEnd()).as(row.key() + " windowEnd").isEqualTo(row.windowEnd());
        softly.assertThat(change.getNumerator()).as(row.key() + " numerator").isCloseTo(row.numerator(), tolerance(row.numerator()));
        softly.assertThat(change.getDenominator()).as(row.key() + " denominator")
                .isCloseTo(row.denominator(), tolerance(row.denominator()));
        if (row.value() == null) {
            softly.assertThat(change.getValue()).as(row.key() + " value").isNull();
        } else {
            softly.assertThat(change.getValue()).as(row.key() + " value").isNotNull();
            if (change.getValue() != null) {
                softly.assertThat(change.getValue()).as(row.key() + " value").isCloseTo(row.value(), tolerance(row.value()));
            }
        }
    }

    /** expected.csv holds 12 decimals: compare to 1e-9, relative for large numbers. */
    private static Offset<Double> tolerance(final double expected) {
        return within(1e-9 * Math.max(1, Math.abs(expected)));
    }
}
