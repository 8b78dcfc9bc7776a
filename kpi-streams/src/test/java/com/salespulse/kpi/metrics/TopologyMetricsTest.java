package com.salespulse.kpi.metrics;

import static com.salespulse.kpi.sla.AlertDriver.webForm;
import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.AlertKind;
import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.alert.AlertSettings;
import com.salespulse.kpi.bucket.BucketAggregator;
import com.salespulse.kpi.errors.DeadLetterHandler;
import com.salespulse.kpi.sla.AlertDriver;
import com.salespulse.kpi.sla.AlertDriver.Raised;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineDriver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meters of {@link PipelineMetrics} as the production topology counts them, checked against what it writes on
 * its output topics. Roster: R1 in team T1, R2 in team T2 (both EMEA).
 */
class TopologyMetricsTest {
    private static final String FRT = "first_response_time";
    private static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");

    private PipelineDriver pipeline;

    @AfterEach
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldCountEveryAcceptedEventByTypeWhenEventsArePiped() {
        // Given two leads created, one touched, one reassigned, and a LEAD_CREATED without its required region
        pipeline = new PipelineDriver().rep("R1", "T1").rep("R2", "T2");
        final SalesEvent invalid = leadCreated("L3").by("R1").at(minutes(7)).build();
        invalid.setRegion(null);

        // When
        pipeline.send(leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R2").at(minutes(1)),
                contacted("L1").by("R1").at(minutes(5)), assigned("L2").by("R1").at(minutes(6)));
        pipeline.sendKeyed("L3", invalid);
        pipeline.flush();

        // Then 2 LEAD_CREATED, 1 LEAD_CONTACTED, 1 LEAD_ASSIGNED; the invalid one is dead-lettered, not processed
        final Map<EventType, Double> processed = new EnumMap<>(EventType.class);
        pipeline.meters().get(PipelineMetrics.EVENTS_PROCESSED).counters().forEach(counter ->
                processed.put(EventType.valueOf(counter.getId().getTag("type")), counter.count()));
        assertThat(processed).containsEntry(EventType.LEAD_CREATED, 2.0).containsEntry(EventType.LEAD_CONTACTED, 1.0)
                .containsEntry(EventType.LEAD_ASSIGNED, 1.0);
        assertThat(processed.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(4.0);
        assertThat(pipeline.deadLetters()).hasSize(1);
    }

    @Test
    void shouldCountAsManyKpiChangesAsWerePublishedWhenWindowsChangeAndClose() {
        // Given L1 created 09:00 and touched 09:10 by R1
        pipeline = new PipelineDriver().rep("R1", "T1");
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)));
        final List<TestRecord<String, KpiChange>> published = new ArrayList<>(pipeline.flush());

        // When event time reaches 12:01 (watermark 10:01), which publishes the 09:00 hour's flow KPIs final
        pipeline.send(leadCreated("L3").by("R1").at(minutes(181)));
        published.addAll(pipeline.flush());

        // Then every record on sales.kpi-changes is counted once, under its dimension and finality
        final Map<String, Long> expected = published.stream().collect(Collectors.groupingBy(
                record -> record.value().getDimension() + "|" + record.value().getFinal$(), Collectors.counting()));
        assertThat(expected).containsKeys("org|true", "rep|false");
        final Map<String, Long> counted = pipeline.meters().get(PipelineMetrics.KPI_CHANGES).counters().stream()
                .filter(counter -> counter.count() > 0)
                .collect(Collectors.toMap(counter -> counter.getId().getTag("dimension") + "|" + counter.getId().getTag("final"),
                        counter -> (long) counter.count()));
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void shouldTimeEachChangeFromItsEarliestEventWhenItCarriesOne() {
        // Given the clock that stamps emittedAt 80 ms after T0
        pipeline = new PipelineDriver(options -> options.withClock(Clock.fixed(T0.plusMillis(80), ZoneOffset.UTC)))
                .rep("R1", "T1");

        // When L1 is created and touched at T0, and then event time jumps to 12:01 (events dated after emittedAt,
        // and final values, which reflect no new event)
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(T0));
        final List<TestRecord<String, KpiChange>> fromT0 = pipeline.flush();
        pipeline.send(leadCreated("L3").by("R1").at(minutes(181)));
        final List<TestRecord<String, KpiChange>> later = pipeline.flush();

        // Then each of the changes of T0 took 80 ms, in the 100 ms bucket; the later ones are not timed
        assertThat(fromT0).isNotEmpty().allMatch(record -> eventTime(record) == T0.toEpochMilli());
        assertThat(later).anyMatch(record -> record.value().getFinal$())
                .anyMatch(record -> eventTime(record) == minutes(181).toEpochMilli());
        final Timer latency = pipeline.meters().get(PipelineMetrics.KPI_LATENCY).timer();
        assertThat(latency.count()).isEqualTo(fromT0.size());
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80.0 * fromT0.size());
        final Map<Double, Double> buckets = Arrays.stream(latency.takeSnapshot().histogramCounts())
                .collect(Collectors.toMap(bucket -> bucket.bucket(TimeUnit.MILLISECONDS),
                        CountAtBucket::count));
        assertThat(buckets).containsEntry(50.0, 0.0).containsEntry(100.0, (double) fromT0.size());
    }

    @Test
    void shouldHoldTheLastPublishedValueOfTheNewestWindowWhenTheGaugeIsRead() {
        // Given L1 created 09:00 and touched 09:10 (600 s), L2 created 09:05 and touched 09:25 (1,200 s)
        pipeline = new PipelineDriver().rep("R1", "T1").rep("R2", "T2");
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)),
                leadCreated("L2").by("R2").at(minutes(5)), contacted("L2").by("R2").at(minutes(25)));
        final Map<String, KpiChange> first = pipeline.latest(Map.of());
        // the org gauge of the hour is the published mean: (600 + 1200) / 2 = 900
        assertThat(first.get(KpiKey.hourly(FRT, "org", "all", T0)).getValue()).isEqualTo(900.0);
        assertThat(kpiValue(FRT, "org", "all", "PT1H").value()).isEqualTo(900.0);

        // When L3 waits 120 s in the 10:00 hour, and then L4, created 09:30 and touched 09:40 (600 s, within the
        // grace), changes the 09:00 hour again
        pipeline.send(leadCreated("L3").by("R1").at(minutes(60)), contacted("L3").by("R1").at(minutes(62)));
        pipeline.send(leadCreated("L4").by("R1").at(minutes(30)), contacted("L4").by("R1").at(minutes(40)));
        final Map<String, KpiChange> latest = pipeline.latest(first);

        // Then the 09:00 hour was published at (600 + 1200 + 600) / 3 = 800, but the hourly gauge holds the newest
        // hour, 10:00, at 120; the day gauge holds the day's last value, (600 + 1200 + 120 + 600) / 4 = 630
        assertThat(latest.get(KpiKey.hourly(FRT, "org", "all", T0)).getValue()).isEqualTo(800.0);
        assertThat(latest.get(KpiKey.hourly(FRT, "org", "all", minutes(60))).getValue()).isEqualTo(120.0);
        assertThat(kpiValue(FRT, "org", "all", "PT1H").value()).isEqualTo(120.0);
        assertThat(latest.get(KpiKey.daily(FRT, "org", "all", DAY)).getValue()).isEqualTo(630.0);
        assertThat(kpiValue(FRT, "org", "all", "P1D").value()).isEqualTo(630.0);
        // and team T2's hour is L2's 1,200 s
        assertThat(kpiValue(FRT, "team", "T2", "PT1H").value()).isEqualTo(1200.0);
    }

    @Test
    void shouldTagNoKpiValueGaugeWithARepWhenRepChangesArePublished() {
        // Given
        pipeline = new PipelineDriver().rep("R1", "T1").rep("R2", "T2");

        // When L1 (R1) and L2 (R2) are created and touched
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)),
                leadCreated("L2").by("R2").region("NA").channel("organic").at(minutes(5)),
                contacted("L2").by("R2").at(minutes(25)));
        final List<TestRecord<String, KpiChange>> published = pipeline.flush();

        // Then rep changes were published, but the gauges are of org, region, channel and team only
        assertThat(published).anyMatch(record -> record.value().getDimension().equals("rep"));
        final List<Gauge> gauges = List.copyOf(pipeline.meters().find(PipelineMetrics.KPI_VALUE).gauges());
        assertThat(gauges).extracting(gauge -> gauge.getId().getTag("dimension"))
                .containsOnly("org", "region", "channel", "team").doesNotContain("rep");
        assertThat(gauges).extracting(gauge -> gauge.getId().getTag("value")).doesNotContain("R1", "R2");
    }

    @Test
    void shouldCountALateEventOnceWhenItIsOlderThanTheGracePeriod() {
        // Given event time at 12:01 (watermark 10:01)
        pipeline = new PipelineDriver().rep("R1", "T1");
        pipeline.send(leadCreated("L1").by("R1").at(T0), leadCreated("L3").by("R1").at(minutes(181)));
        pipeline.flush();
        assertThat(lateEvents(pipeline.meters())).isZero();

        // When a touch dated 09:30 arrives (late), and one dated 10:30 (on time)
        pipeline.send(contacted("L1").by("R1").at(minutes(30)), contacted("L3").by("R1").at(minutes(90)));
        pipeline.flush();

        // Then one late event, the one dead-lettered as late
        assertThat(lateEvents(pipeline.meters())).isEqualTo(1.0);
        assertThat(pipeline.meters().get(DeadLetterHandler.DEAD_LETTERS_METER).tag("reason", "late").counter().count())
                .isEqualTo(1.0);
        assertThat(pipeline.meters().get(PipelineMetrics.EVENTS_PROCESSED).tag("type", "LEAD_CONTACTED").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldCountEveryAlertByKindAndEveryBreachByRegionWhenAlertsAreWritten() {
        // Given web-form leads due in 5 minutes, and a rule on the org's hourly first-response time above 600 s;
        // L1 of R1 (EMEA) and L2 of R2 (NA) created at T0
        final AlertSettings settings = AlertSettings.parse("""
                sla:
                  policies:
                    - name: web-form
                      match: {source: WEB_FORM}
                      target: PT5M
                      calendar: always
                kpiRules:
                  - {name: slow, kpi: first_response_time, dimension: org, window: PT1H, above: 600,
                     minDenominator: 1, hysteresis: 60}
                """, ZoneId.of("UTC"), "test");
        try (AlertDriver alerts = new AlertDriver(settings, T0).rep("R1", "T1", "EMEA").rep("R2", "T2", "NA")) {
            alerts.send(webForm(leadCreated("L1").by("R1").at(T0)),
                    webForm(leadCreated("L2").by("R2").region("NA").at(T0)));

            // When both wait past their deadline, and R1 calls L1 at 09:12 (720 s)
            final List<Raised> raised = new ArrayList<>(alerts.jumpTo(T0.plusSeconds(299)));
            raised.addAll(alerts.stepThrough(T0.plusSeconds(300)));
            raised.addAll(alerts.jumpTo(minutes(12)));
            alerts.send(contacted("L1").by("R1").at(minutes(12)));
            raised.addAll(alerts.stepUntil(minutes(12).plusSeconds(1)));

            // Then by hand: the latest due at-risk moment (90 %) of each lead, two breaches, L1 resolved, and the
            // org's hour crossing 600 s at 720 s; each counted as it was written
            final Map<AlertKind, Long> written = raised.stream()
                    .collect(Collectors.groupingBy(r -> r.alert().getKind(), () -> new EnumMap<>(AlertKind.class),
                            Collectors.counting()));
            assertThat(written).isEqualTo(Map.of(AlertKind.SLA_AT_RISK, 2L, AlertKind.SLA_BREACHED, 2L,
                    AlertKind.SLA_RESOLVED, 1L, AlertKind.KPI_THRESHOLD_CROSSED, 1L));
            for (final AlertKind kind : AlertKind.values()) {
                assertThat(alerts.meters().get(PipelineMetrics.ALERTS).tag("kind", kind.name()).counter().count())
                        .as(kind.name()).isEqualTo(written.getOrDefault(kind, 0L).doubleValue());
            }
            final Map<String, Double> breaches = alerts.meters().get(PipelineMetrics.SLA_BREACHES).counters().stream()
                    .collect(Collectors.toMap(counter -> counter.getId().getTag("region"), counter -> counter.count()));
            assertThat(breaches).isEqualTo(Map.of("EMEA", 1.0, "NA", 1.0));
        }
    }

    private Gauge kpiValue(final String kpi, final String dimension, final String value, final String window) {
        return pipeline.meters().get(PipelineMetrics.KPI_VALUE).tag("kpi", kpi).tag("dimension", dimension)
                .tag("value", value).tag("window", window).gauge();
    }

    private static double lateEvents(final MeterRegistry meters) {
        return meters.get(PipelineMetrics.LATE_EVENTS).counter().count();
    }

    /** The {@value BucketAggregator#EVENT_TIME_HEADER} header, or Long.MIN_VALUE without one. */
    private static long eventTime(final TestRecord<String, KpiChange> record) {
        final Header header = record.headers().lastHeader(BucketAggregator.EVENT_TIME_HEADER);
        return header == null ? Long.MIN_VALUE : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }
}
