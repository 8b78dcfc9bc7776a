package com.salespulse.kpi.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.alert.AlertSettings;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.golden.GoldenFiles.ExpectedKpi;
import com.salespulse.kpi.money.CurrencyRates;
import com.salespulse.kpi.sla.SlaSettings;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineDriver;
import com.salespulse.kpi.window.Windows;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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
 * The golden scenario of src/test/resources/golden: 25 created leads (and one never created) of an organisation in
 * New York over Saturday 31 October and Sunday 1 November 2026, across the end of daylight-saving time (the local
 * day of 1 November lasts 25 hours) and the end of October. Every number in expected.csv is computed by hand from
 * docs/kpis.md in README.md beside it. The scenario is replayed twice, roster first and then the events in file
 * order: once with a single flush at the end, once with a flush after every event. docs/kpis.md promises the same
 * final numbers either way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenScenarioTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /**
     * The number of KPIs in the catalog but the two SLA KPIs, which the scenario does not tabulate: it runs without
     * SLA policies, so no lead has an SLA and sla_met_pct and sla_breaches are never published (checked by
     * {@link #shouldPublishNothingBeyondTheTablesWhenABucketIsTabulatedInFull}). A bucket with this many rows in
     * expected.csv is tabulated in full.
     */
    private static final int CATALOG_SIZE = KpiCatalog.all().size() - 2;
    /** The scenario's alert settings: the default KPI rules and no SLA policy. */
    private static final AlertSettings NO_SLA = new AlertSettings(new SlaSettings(List.of(), SlaSettings.DEFAULT_AT_RISK,
            SlaSettings.DEFAULT_CHECK_INTERVAL, SlaSettings.DEFAULT_INPUT_LAG_TOLERANCE, SlaSettings.DEFAULT_RETENTION),
            AlertSettings.defaultRules());
    /**
     * Flow windows close once the event time (the latest occurredAt, E145 at 2026-11-02T04:30Z) less the 2 h grace
     * has passed their end.
     */
    private static final Instant WATERMARK = Instant.parse("2026-11-02T02:30:00Z");
    /** The lead-cohort KPIs of docs/kpis.md: their windows stay open for the 90-day cohort horizon. */
    private static final Set<String> COHORT_KPIS = Set.of("positive_reply_rate", "negative_reply_rate", "followed_up_pct",
            "response_rate", "reply_to_customer_rate", "lead_to_customer_rate", "mql_to_sql_rate", "mql_to_customer_rate",
            "sql_to_customer_rate", "qualified_leads");

    private List<ExpectedKpi> expected;
    private Map<String, KpiChange> latest;
    private Map<String, KpiChange> latestFlushedPerEvent;
    private List<TestRecord<byte[], byte[]>> deadLetters;

    @BeforeAll
    void replayTheGoldenScenario() {
        expected = GoldenFiles.expected();
        final List<SalesEvent> events = GoldenFiles.events();
        // Given the roster (with monthly quotas), New York calendar windows and EUR at 1.10 USD
        try (PipelineDriver pipeline = goldenPipeline()) {
            // When every event is sent in file order and the pipeline flushes once
            events.forEach(event -> pipeline.sendKeyed(event.getLeadId(), event));
            latest = pipeline.latest(Map.of());
            deadLetters = pipeline.deadLetters();
        }
        try (PipelineDriver pipeline = goldenPipeline()) {
            // or flushes after every event
            Map<String, KpiChange> soFar = new LinkedHashMap<>();
            for (final SalesEvent event : events) {
                pipeline.sendKeyed(event.getLeadId(), event);
                soFar = pipeline.latest(soFar);
            }
            latestFlushedPerEvent = soFar;
        }
    }

    private static PipelineDriver goldenPipeline() {
        final PipelineDriver pipeline = new PipelineDriver(options -> options
                .withWindows(Windows.all(NEW_YORK))
                .withCurrencyRates(CurrencyRates.parse("USD", "EUR=1.10"))
                .withAlerts(NO_SLA));
        GoldenFiles.roster().forEach(pipeline::rep);
        return pipeline;
    }

    @Test
    void shouldDeadLetterNothingWhenEveryGoldenEventIsValidAndWithinGrace() {
        assertThat(deadLetters).as("dead letters (a late or bad event would count for nothing)").isEmpty();
    }

    @Test
    void shouldPublishEveryHandComputedNumberWhenTheGoldenScenarioIsReplayed() {
        final SoftAssertions softly = new SoftAssertions();
        expected.stream().filter(ExpectedKpi::published).forEach(row -> assertPublished(softly, latest, row));
        softly.assertAll();
    }

    @Test
    void shouldNotPublishAKpiWhenTheHandComputationFindsItEmptyOrNotApplicable() {
        final SoftAssertions softly = new SoftAssertions();
        expected.stream().filter(row -> !row.published())
                .forEach(row -> softly.assertThat(latest.get(row.key())).as(row.key() + " is not published").isNull());
        softly.assertAll();
    }

    @Test
    void shouldReachTheSameNumbersWhenEveryEventIsFlushedOnItsOwn() {
        final SoftAssertions softly = new SoftAssertions();
        expected.stream().filter(ExpectedKpi::published).forEach(row -> assertPublished(softly, latestFlushedPerEvent, row));
        // A KPI that held something in between and became empty again is published once, empty (docs/kpis.md, Publication)
        expected.stream().filter(row -> !row.published()).forEach(row -> {
            final KpiChange change = latestFlushedPerEvent.get(row.key());
            if (change != null) {
                softly.assertThat(change.getNumerator()).as(row.key() + " emptied: numerator").isZero();
                softly.assertThat(change.getValue() == null || change.getValue() == 0).as(row.key() + " emptied: value").isTrue();
            }
        });
        softly.assertAll();
    }

    @Test
    void shouldPublishNothingBeyondTheTablesWhenABucketIsTabulatedInFull() {
        // Given the buckets with a row for every KPI of the catalog: org/all in every window listed, rep/R1 and
        // channel/paid in the two New York days
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
    void shouldMarkOnlyFlowKpisOfClosedWindowsFinalWhenTheWatermarkHasPassedTheirEnd() {
        final SoftAssertions softly = new SoftAssertions();
        expected.stream().filter(ExpectedKpi::published).forEach(row -> {
            final boolean closed = !isCohort(row.kpi()) && !row.windowEnd().isAfter(WATERMARK);
            final KpiChange change = latest.get(row.key());
            if (change != null) {
                softly.assertThat(change.getFinal$()).as(row.key() + " final").isEqualTo(closed);
            }
        });
        softly.assertAll();
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
        // the UTC-aligned P1D windows last 24 hours whatever New York does
        assertWindow("P1D", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", Duration.ofHours(24));
        // and the two local hours 01:00-02:00 of 1 November are two PT1H windows (E072 at 01:15 EDT, E076 at 01:30 EST)
        assertWindow("PT1H", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", Duration.ofHours(1));
        assertWindow("PT1H", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", Duration.ofHours(1));
    }

    /** leads_created of org/all is published in each of these windows: its change carries the bounds. */
    private void assertWindow(final String window, final String start, final String end, final Duration length) {
        final String key = KpiKey.of("leads_created", "org", "all", window, Instant.parse(start));
        final KpiChange change = latest.get(key);
        assertThat(change).as(key).isNotNull();
        assertThat(change.getWindowStart()).as(key + " windowStart").isEqualTo(Instant.parse(start));
        assertThat(change.getWindowEnd()).as(key + " windowEnd").isEqualTo(Instant.parse(end));
        assertThat(Duration.between(change.getWindowStart(), change.getWindowEnd())).as(key + " length").isEqualTo(length);
    }

    private static void assertPublished(final SoftAssertions softly, final Map<String, KpiChange> published,
                                        final ExpectedKpi row) {
        final KpiChange change = published.get(row.key());
        softly.assertThat(change).as(row.key() + " is published").isNotNull();
        if (change == null) {
            return;
        }
        softly.assertThat(change.getWindowEnd()).as(row.key() + " windowEnd").isEqualTo(row.windowEnd());
        softly.assertThat(change.getNumerator()).as(row.key() + " numerator").isCloseTo(row.numerator(), tolerance(row.numerator()));
        softly.assertThat(change.getDenominator()).as(row.key() + " denominator")
                .isCloseTo(row.denominator(), tolerance(row.denominator()));
        if (row.value() == null) {
            softly.assertThat(change.getValue()).as(row.key() + " value").isNull();
        } else if (change.getValue() == null) {
            softly.fail(row.key() + " value: expected " + row.value() + " but was null");
        } else {
            softly.assertThat(change.getValue()).as(row.key() + " value").isCloseTo(row.value(), tolerance(row.value()));
        }
    }

    private static boolean isCohort(final String kpi) {
        return COHORT_KPIS.contains(kpi) || kpi.startsWith("lead_stage_share.");
    }

    /** expected.csv holds 12 decimals: compare to 1e-9, relative to the size of large numbers. */
    private static Offset<Double> tolerance(final double expected) {
        return within(1e-9 * Math.max(1, Math.abs(expected)));
    }
}
