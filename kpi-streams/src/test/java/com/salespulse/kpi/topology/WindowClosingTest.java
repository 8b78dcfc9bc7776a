package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Stage;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.kpi.errors.DeadLetterHandler;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Windows close on event time (the partition's latest occurredAt less the grace period, 2 h here),
 * or on the wall clock once the input has been quiet (5 min here); late events go to the
 * dead-letter topic; cohort windows follow their leads for the cohort horizon.
 */
class WindowClosingTest {
    private static final String FRT = "first_response_time";
    private static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");

    private PipelineDriver pipeline;

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void shouldPublishTheLastValueAsFinalWhenEventTimePassesTheWindowEndPlusGrace() {
        // Given L1 created 09:00 and touched 09:10 by R1: 600 s in the 09:00 hour
        pipeline = new PipelineDriver().rep("R1", "T1");
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)));
        final Map<String, KpiChange> measured = pipeline.latest(Map.of());

        // When event time reaches 11:05 (watermark 09:05: the hour is still open) and then 12:01 (watermark 10:01)
        pipeline.send(leadCreated("L2").by("R1").at(minutes(125)));
        final List<TestRecord<String, KpiChange>> stillOpen = pipeline.flush();
        pipeline.send(leadCreated("L3").by("R1").at(minutes(181)));
        final Map<String, KpiChange> latest = pipeline.latest(measured);

        // Then the 09:00 hour's flow KPIs are republished once with final: true, same value, next revision
        assertThat(stillOpen).noneMatch(record -> record.value().getFinal$());
        final KpiChange hour = latest.get(KpiKey.hourly(FRT, "org", "all", T0));
        assertThat(hour.getFinal$()).isTrue();
        assertThat(hour.getValue()).isEqualTo(600.0);
        assertThat(hour.getPreviousValue()).isEqualTo(600.0);
        assertThat(hour.getRevision()).isEqualTo(2L);
        assertThat(latest.get(KpiKey.hourly(FRT, "rep", "R1", T0)).getFinal$()).isTrue();
        // and the day and the hour's cohort KPIs stay open
        assertThat(latest.get(KpiKey.daily(FRT, "org", "all", DAY)).getFinal$()).isFalse();
        assertThat(latest.values()).filteredOn(change -> change.getKpi().startsWith("lead_stage_share."))
                .noneMatch(KpiChange::getFinal$);
    }

    @Test
    void shouldDeadLetterAnEventAsLateWhenItIsOlderThanTheGracePeriod() {
        // Given event time at 12:01 (watermark 10:01)
        pipeline = new PipelineDriver().rep("R1", "T1");
        pipeline.send(leadCreated("L1").by("R1").at(T0), leadCreated("L3").by("R1").at(minutes(181)));
        pipeline.flush();

        // When a touch dated 09:30 arrives, and then one dated 10:30
        pipeline.send(contacted("L1").by("R1").at(minutes(30)));
        pipeline.send(contacted("L3").by("R1").at(minutes(90)));
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the 09:30 touch is dead-lettered as late, counted, and measured nothing
        final List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.REASON)).isEqualTo("late");
        assertThat(pipeline.meters().get(DeadLetterHandler.DEAD_LETTERS_METER).tag("reason", "late").counter().count())
                .isEqualTo(1.0);
        assertThat(latest).doesNotContainKey(KpiKey.hourly(FRT, "org", "all", T0));
        // while the 10:30 touch (not older than 12:01 - 2 h) counts: L3 was created at 12:01, so it measures nothing,
        // but it is a human touch in the 10:00 hour
        assertThat(latest.get(KpiKey.hourly("activity_count.call", "org", "all", minutes(60))).getValue()).isEqualTo(1.0);
    }

    @Test
    void shouldCloseYesterdayOnTheWallClockWhenTheInputGoesQuiet() {
        // Given a touch measured on Sunday 1 November (the driver's wall clock is Monday 2 November 12:00)
        pipeline = new PipelineDriver().rep("R1", "T1");
        final Instant sunday = Instant.parse("2026-11-01T15:00:00Z");
        pipeline.send(leadCreated("L1").by("R1").at(sunday), contacted("L1").by("R1").at(sunday.plusSeconds(300)));
        final Map<String, KpiChange> open = pipeline.latest(Map.of());
        assertThat(open.get(KpiKey.daily(FRT, "org", "all", Instant.parse("2026-11-01T00:00:00Z"))).getFinal$()).isFalse();

        // When no input arrives for the quiet period
        final List<TestRecord<String, KpiChange>> closed = pipeline.idle(Duration.ofMinutes(6));

        // Then event time follows the wall clock (12:06, watermark 10:06) and Sunday's flow KPIs are final
        assertThat(closed).anyMatch(record -> record.key().equals(KpiKey.daily(FRT, "org", "all",
                Instant.parse("2026-11-01T00:00:00Z"))) && record.value().getFinal$() && record.value().getValue() == 300.0);
    }

    @Test
    void shouldStopFollowingALeadsCohortWindowWhenItIsPastTheCohortHorizon() {
        // Given a 1 hour cohort horizon, L1 created as LEAD at 09:00
        pipeline = new PipelineDriver(options -> options.withCohortHorizon(Duration.ofHours(1))).rep("R1", "T1");
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.flush();

        // When event time reaches 12:30 (the 09:00 hour ended at 10:00, plus 1 h < 12:30) and L1 becomes an MQL
        pipeline.send(leadCreated("L2").by("R1").at(minutes(210)));
        final List<TestRecord<String, KpiChange>> atHorizon = pipeline.flush();
        pipeline.send(stageChanged("L1", Stage.MQL).at(minutes(211)));
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the 09:00 hour's cohort KPIs were published final when the horizon passed (12:30 - 1 h >= 10:00)
        assertThat(atHorizon).anyMatch(record -> record.key().equals(
                KpiKey.hourly("lead_stage_share.lead", "org", "all", T0)) && record.value().getFinal$());
        // and the stage change no longer moves that hour, while it moves the day (share of MQL 1/2)
        assertThat(latest).doesNotContainKey(KpiKey.hourly("lead_stage_share.mql", "org", "all", T0));
        assertThat(latest.get(KpiKey.daily("lead_stage_share.mql", "org", "all", DAY)).getValue()).isEqualTo(0.5);
    }

    @Test
    void shouldForgetALeadWhenItsLatestEventIsOlderThanTheLeadRetention() {
        // Given L1 created at 09:00, and event time 200 days later (past 90 d horizon + 93 d + 2 h retention)
        pipeline = new PipelineDriver().rep("R1", "T1");
        final Instant later = T0.plus(Duration.ofDays(200));
        pipeline.send(leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(later));
        pipeline.flush();

        // When the hourly sweep runs and then R1 touches L1
        pipeline.idle(Duration.ofHours(1));
        pipeline.send(contacted("L1").by("R1").at(later.plusSeconds(60)));
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then L1 was forgotten: a touch of a lead without a (remembered) LEAD_CREATED measures no response time,
        // where a remembered L1 would have measured 200 days
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith(FRT + "|"));
        assertThat(latest.get(KpiKey.hourly("activity_count.call", "org", "all",
                later.truncatedTo(ChronoUnit.HOURS))).getValue()).isEqualTo(1.0);
    }
}
