package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.campaignSpend;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiKey.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.support.PipelineFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event delivered again with the same eventId (a webhook retry, a re-import) counts once within the dedup horizon
 * (7 days by default), measured on the times the records were written; event-dedup drops the repeat before
 * journey-update and sla-check and counts it in salespulse.duplicates by source.
 */
class EventDedupTest extends PipelineFixture {
    private static final Duration HORIZON = PipelineOptions.DEFAULT_DEDUP_HORIZON;

    @Test
    void shouldCountATouchOnceWhenItsWebhookIsRetriedWithTheSameEventId() {
        // Given L1 created by R1 at 09:00, and R1's call at 09:05 from the CRM, delivered at 09:05 and retried at 09:06
        final SalesEvent call = contacted("L1").by("R1").id("C1").source(EventSource.CRM).at(minutes(5)).build();
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.sendWritten(minutes(5), call).sendWritten(minutes(6), call);

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then one call, not two
        assertTotal(latest, hourly("activity_count.call", "org", "all", T0), 1);
        assertTotal(latest, hourly("activity_count.call", "rep", "R1", T0), 1);
        // and the retry is counted as a duplicate from the CRM, and not processed
        assertThat(duplicates("crm")).isEqualTo(1.0);
        assertThat(processed(EventType.LEAD_CONTACTED)).isEqualTo(1.0);
        // and not dead-lettered: it is not bad input
        assertThat(pipeline.deadLetters()).isEmpty();
    }

    @Test
    void shouldCountADeadLetterWhenItIsSentBackAfterAFix() {
        // Given R1's call on L1 dead-lettered after the dedup saw it (it is late: the partition is 3 hours on)
        final SalesEvent call = contacted("L1").by("R1").id("C1").source(EventSource.CRM).at(minutes(5)).build();
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.send(leadCreated("L2").by("R1").at(T0.plus(Duration.ofHours(3))));
        pipeline.sendWritten(T0.plus(Duration.ofHours(3)), call);
        final Map<String, KpiChange> before = pipeline.latest(Map.of());
        assertThat(before).doesNotContainKey(hourly("activity_count.call", "org", "all", T0));

        // When the same record comes back from `salespulse dlq replay`, in time this once (a new hour's lead came earlier)
        final SalesEvent onTime = contacted("L1").by("R1").id("C1").source(EventSource.CRM)
                .at(T0.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(5))).build();
        pipeline.sendReplayed(T0.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(6)), onTime, "0@7");

        // Then it counts: the dedup let it through though it had seen its eventId
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());
        assertTotal(latest, hourly("activity_count.call", "org", "all", T0.plus(Duration.ofHours(3))), 1);
        assertThat(duplicates("crm")).isZero();
    }

    @Test
    void shouldCountALeadOnceInLeadsCreatedWhenAnImportIsRunAgainTheNextDay() {
        // Given L1's LEAD_CREATED imported at 09:00 and imported again the next day
        final SalesEvent created = leadCreated("L1").by("R1").id("E-L1").source(EventSource.IMPORT).at(T0).build();
        pipeline.sendWritten(T0, created).sendWritten(T0.plus(Duration.ofDays(1)), created);

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 1 lead; the repeat did not even reach journey-update
        assertTotal(latest, hourly("leads_created", "org", "all", T0), 1);
        assertThat(processed(EventType.LEAD_CREATED)).isEqualTo(1.0);
        assertThat(duplicates("import")).isEqualTo(1.0);
    }

    @Test
    void shouldCountCampaignSpendOnceWhenItIsDeliveredTwiceUnderItsChannel() {
        // Given one paid lead, and 300.00 spent on paid at 09:10, keyed by its channel and delivered twice
        final SalesEvent spend = campaignSpend("paid", "300.00").id("S1").at(minutes(10)).build();
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.sendKeyed("paid", spend).sendKeyed("paid", spend);

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then cost_per_lead is 300 / 1 (twice the spend would be 600 / 1), and the repeat has no source: unknown
        assertRatio(latest, hourly("cost_per_lead", "org", "all", T0), 300, 1);
        assertRatio(latest, hourly("cost_per_lead", "channel", "paid", T0), 300, 1);
        assertThat(duplicates(PipelineMetrics.UNKNOWN_SOURCE)).isEqualTo(1.0);
    }

    @Test
    void shouldCountAgainWhenTheSameEventIdIsWrittenAHorizonAfterItsFirstDelivery() {
        // Given R1's call at 09:05 on L1, first written at 09:05
        final Instant first = minutes(5);
        final SalesEvent call = contacted("L1").by("R1").id("C1").at(first).build();
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.sendWritten(first, call);

        // When it is written again 1 ms before the horizon has passed (a repeat), then once the horizon has passed
        pipeline.sendWritten(first.plus(HORIZON).minusMillis(1), call);
        pipeline.sendWritten(first.plus(HORIZON), call);
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the first and the last count: 2 calls; the one in between is a duplicate
        assertTotal(latest, hourly("activity_count.call", "org", "all", T0), 2);
        assertThat(duplicates(PipelineMetrics.UNKNOWN_SOURCE)).isEqualTo(1.0);
    }

    @Test
    void shouldCountBothWhenTwoLeadsCarryTheSameEventId() {
        // Given two CRMs whose id spaces overlap: calls on L1 and on L2 both with eventId 7
        pipeline.send(leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                contacted("L1").by("R1").id("7").at(minutes(5)), contacted("L2").by("R1").id("7").at(minutes(6)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then both count: an event is a repeat only under the same key
        assertTotal(latest, hourly("activity_count.call", "org", "all", T0), 2);
        assertThat(duplicates(PipelineMetrics.UNKNOWN_SOURCE)).isZero();
    }

    @Test
    void shouldRememberEventIdsInAPersistentChangeloggedStoreWhenAnEventIsLetThrough() {
        // Given one event
        pipeline.send(leadCreated("L1").by("R1").at(T0));

        // When
        pipeline.flush();

        // Then event-id-store is on disk and its sighting went to its changelog, from which a restarted or moved task
        // restores it (RestartIT in module app restores it on a real broker)
        assertThat(pipeline.store(KpiTopology.EVENT_ID_STORE).persistent()).isTrue();
        assertThat(pipeline.rawRecords("kpi-topology-test-" + KpiTopology.EVENT_ID_STORE + "-changelog")).hasSize(1);
    }

    private double duplicates(final String source) {
        return pipeline.meters().get(PipelineMetrics.DUPLICATES).tag("source", source).counter().count();
    }

    private double processed(final EventType type) {
        return pipeline.meters().get(PipelineMetrics.EVENTS_PROCESSED).tag("type", type.name()).counter().count();
    }
}
