package com.salespulse.kpi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The meters themselves: gauge semantics, skipped latencies, and what Prometheus scrapes. */
class PipelineMetricsTest {
    private static final Instant HOUR_9 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant HOUR_10 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant EMITTED_AT = Instant.parse("2026-11-02T10:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);

    @Test
    void shouldHoldTheNewestWindowsValueWhenAnOlderWindowChangesAfterIt() {
        // Given the 09:00 hour at 600 s, then the 10:00 hour at 120 s
        metrics.kpiChangePublished(change("org", "all", HOUR_9, 600.0, false), null);
        metrics.kpiChangePublished(change("org", "all", HOUR_10, 120.0, false), null);

        // When the 09:00 hour changes again (a late touch within the grace) and is republished final
        metrics.kpiChangePublished(change("org", "all", HOUR_9, 800.0, false), null);
        metrics.kpiChangePublished(change("org", "all", HOUR_9, 800.0, true), null);

        // Then the gauge still shows the 10:00 hour
        assertThat(gauge("org", "all").value()).isEqualTo(120.0);
    }

    @Test
    void shouldReadNaNWhenTheNewestValueIsNull() {
        // Given a value, then the same window with a null value (its denominator back at 0)
        metrics.kpiChangePublished(change("region", "EMEA", HOUR_9, 600.0, false), null);

        // When
        metrics.kpiChangePublished(change("region", "EMEA", HOUR_9, null, false), null);

        // Then
        assertThat(gauge("region", "EMEA").value()).isNaN();
    }

    @Test
    void shouldRegisterNoGaugeWhenTheDimensionIsRep() {
        // When a rep's change and a team's are published
        metrics.kpiChangePublished(change("rep", "R1", HOUR_9, 600.0, false), null);
        metrics.kpiChangePublished(change("team", "T1", HOUR_9, 600.0, false), null);

        // Then only the team has a gauge, and the rep's change is still counted
        assertThat(registry.find(PipelineMetrics.KPI_VALUE).gauges())
                .extracting(gauge -> gauge.getId().getTag("dimension")).containsExactly("team");
        assertThat(registry.get(PipelineMetrics.KPI_CHANGES).tag("dimension", "rep").tag("final", "false")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldRecordOnlyLatenciesThatCanBeMeasuredWhenChangesArePublished() {
        // Given changes emitted at 10:30: one reflecting events from 10:29:59.920 (80 ms), a final one that reflects no
        // event, and one whose event is dated after 10:30 (its clock ahead of ours)
        final KpiChange change = change("org", "all", HOUR_10, 1.0, false);

        // When
        metrics.kpiChangePublished(change, EMITTED_AT.toEpochMilli() - 80);
        metrics.kpiChangePublished(change("org", "all", HOUR_10, 1.0, true), null);
        metrics.kpiChangePublished(change, EMITTED_AT.toEpochMilli() + 1_000);

        // Then one latency of 80 ms, and three changes counted
        final Timer latency = registry.get(PipelineMetrics.KPI_LATENCY).timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80.0);
        assertThat(registry.get(PipelineMetrics.KPI_CHANGES).counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(3.0);
    }

    @Test
    void shouldCountABreachUnderItsRegionOrUnknownWhenItHasNone() {
        // When two breaches in EMEA, one without a region, and an at-risk alert in EMEA are written
        metrics.alertWritten(alert(AlertKind.SLA_BREACHED, "EMEA"));
        metrics.alertWritten(alert(AlertKind.SLA_BREACHED, "EMEA"));
        metrics.alertWritten(alert(AlertKind.SLA_BREACHED, null));
        metrics.alertWritten(alert(AlertKind.SLA_AT_RISK, "EMEA"));

        // Then
        assertThat(registry.get(PipelineMetrics.SLA_BREACHES).tag("region", "EMEA").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(PipelineMetrics.SLA_BREACHES).tag("region", "unknown").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(PipelineMetrics.ALERTS).tag("kind", "SLA_BREACHED").counter().count()).isEqualTo(3.0);
        assertThat(registry.get(PipelineMetrics.ALERTS).tag("kind", "SLA_AT_RISK").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldExportHelpTextAndTheLatencyBucketsWhenPrometheusScrapes() {
        // Given every meter in a Prometheus registry, each counted once
        final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final PipelineMetrics scraped = new PipelineMetrics(prometheus);
        scraped.eventProcessed(EventType.LEAD_CREATED);
        scraped.kpiChangePublished(change("org", "all", HOUR_10, 1.0, false), EMITTED_AT.toEpochMilli() - 80);
        scraped.alertWritten(alert(AlertKind.SLA_BREACHED, "EMEA"));
        PipelineMetrics.lateEvents(prometheus).increment();

        // When
        final String text = prometheus.scrape();

        // Then every salespulse family has help text (promtool check metrics rejects one without)
        final Matcher types = Pattern.compile("(?m)^# TYPE (salespulse_\\S+) ").matcher(text);
        final List<String> families = types.results().map(type -> type.group(1)).toList();
        assertThat(families).contains("salespulse_events_processed_total", "salespulse_kpi_changes_total",
                "salespulse_kpi_latency_seconds", "salespulse_alerts_total", "salespulse_sla_breaches_total",
                "salespulse_late_events_total", "salespulse_kpi_value");
        for (final String family : families) {
            assertThat(text).as(family).containsPattern("(?m)^# HELP " + family + " \\S");
        }
        // and the latency comes in the eleven buckets asked for and +Inf, not a full percentile histogram
        final List<String> buckets = Pattern.compile("(?m)^salespulse_kpi_latency_seconds_bucket\\{le=\"([^\"]+)\"")
                .matcher(text).results().map(bucket -> bucket.group(1)).toList();
        assertThat(buckets).containsExactly("0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0",
                "300.0", "+Inf");
        assertThat(text).contains("salespulse_kpi_latency_seconds_bucket{le=\"0.05\"} 0",
                "salespulse_kpi_latency_seconds_bucket{le=\"0.1\"} 1");
    }

    private Gauge gauge(final String dimension, final String value) {
        return registry.get(PipelineMetrics.KPI_VALUE).tag("kpi", "first_response_time").tag("dimension", dimension)
                .tag("value", value).tag("window", "PT1H").gauge();
    }

    private static KpiChange change(final String dimension, final String value, final Instant windowStart,
                                    final Double kpiValue, final boolean isFinal) {
        return KpiChange.newBuilder()
                .setKpi("first_response_time")
                .setDimension(dimension)
                .setDimensionValue(value)
                .setWindow("PT1H")
                .setWindowStart(windowStart)
                .setWindowEnd(windowStart.plusSeconds(3_600))
                .setValue(kpiValue)
                .setNumerator(kpiValue == null ? 0.0 : kpiValue)
                .setDenominator(kpiValue == null ? 0.0 : 1.0)
                .setUnit("seconds")
                .setRevision(1L)
                .setFinal$(isFinal)
                .setEmittedAt(EMITTED_AT)
                .build();
    }

    private static Alert alert(final AlertKind kind, final String region) {
        return Alert.newBuilder()
                .setAlertId("sla|L1|" + kind)
                .setKind(kind)
                .setRaisedAt(EMITTED_AT)
                .setLeadId("L1")
                .setRegion(region)
                .setMessage("test")
                .build();
    }
}
