package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiAssert.assertUnpublished;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.alert.AlertSettings;
import com.salespulse.kpi.sla.BusinessCalendar;
import com.salespulse.kpi.sla.SlaMatch;
import com.salespulse.kpi.sla.SlaPolicy;
import com.salespulse.kpi.sla.SlaSettings;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * sla_met_pct (cohort, ratio) and sla_breaches (flow, count), docs/kpis.md: SLAs decided on event time in the
 * lead's journey. One policy: {@code paid} leads within 15 minutes of Monday–Friday 09:00–18:00 UTC; other
 * channels have no SLA. T0 is Monday 2 November 2026, 09:00 UTC, so a paid lead created at T0 is due at 09:15.
 */
class SlaKpisTest {
    private static final String MET_PCT = "sla_met_pct";
    private static final String BREACHES = "sla_breaches";
    private static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final AlertSettings PAID_15_MINUTES = new AlertSettings(new SlaSettings(List.of(
            new SlaPolicy("paid", new SlaMatch(Set.of("paid"), Set.of(), Set.of(), Set.of()), Duration.ofMinutes(15),
                    null, BusinessCalendar.weekdays("office", ZoneId.of("UTC"),
                    new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)), Set.of()))),
            SlaSettings.DEFAULT_AT_RISK, SlaSettings.DEFAULT_CHECK_INTERVAL, SlaSettings.DEFAULT_INPUT_LAG_TOLERANCE,
            SlaSettings.DEFAULT_RETENTION), List.of());

    private PipelineDriver pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = new PipelineDriver(options -> options.withAlerts(PAID_15_MINUTES)).rep("R1", "T1").rep("R2", "T2");
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void shouldCountTheLeadMetWhenItsFirstHumanTouchIsWithinTheDeadline() {
        // Given L1 created 09:00 by R1 (due 09:15) and R1's call at 09:10
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then met 1 / decided 1 in the cohort of 09:00 (and the day), for the owner R1; no breach anywhere
        assertRatio(latest, KpiKey.hourly(MET_PCT, "org", "all", T0), 1, 1);
        assertRatio(latest, KpiKey.daily(MET_PCT, "org", "all", DAY), 1, 1);
        assertRatio(latest, KpiKey.hourly(MET_PCT, "rep", "R1", T0), 1, 1);
        assertRatio(latest, KpiKey.hourly(MET_PCT, "team", "T1", T0), 1, 1);
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith(BREACHES + "|"));
    }

    @Test
    void shouldCountABreachInTheTouchsWindowAndRepWhenTheFirstHumanTouchIsAfterTheDeadline() {
        // Given L1 created 09:00 by R1 (due 09:15) and first touched by R2 at 10:20
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R2").at(minutes(80)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then met 0 / decided 1 in the 09:00 cohort of the owner R1
        assertRatio(latest, KpiKey.hourly(MET_PCT, "org", "all", T0), 0, 1);
        assertRatio(latest, KpiKey.hourly(MET_PCT, "rep", "R1", T0), 0, 1);
        // and one breach in the 10:00 hour, for R2 and T2 (the touch's rep), none for R1 or in the 09:00 hour
        final Instant tenOClock = minutes(60);
        assertTotal(latest, KpiKey.hourly(BREACHES, "org", "all", tenOClock), 1);
        assertTotal(latest, KpiKey.hourly(BREACHES, "rep", "R2", tenOClock), 1);
        assertTotal(latest, KpiKey.hourly(BREACHES, "team", "T2", tenOClock), 1);
        assertTotal(latest, KpiKey.hourly(BREACHES, "channel", "paid", tenOClock), 1);
        assertTotal(latest, KpiKey.daily(BREACHES, "org", "all", DAY), 1);
        assertUnpublished(latest, KpiKey.hourly(BREACHES, "rep", "R1", tenOClock));
        assertUnpublished(latest, KpiKey.hourly(BREACHES, "org", "all", T0));
    }

    @Test
    void shouldCountABreachInTheDeadlinesWindowForTheOwnerWhenEventTimePassesTheDeadlineUntouched() {
        // Given L1 created 09:00 by R1 (due 09:15), reassigned to R2 at 09:05; L2 created 11:30 by R1 (due 11:45)
        // moves the event time to 11:30: less the 2 h grace, past 09:15, so no on-time touch can predate L1's deadline
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                assigned("L1").by("R2").at(minutes(5)),
                leadCreated("L2").by("R1").at(minutes(150)));

        // When the pipeline flushes
        final Map<String, KpiChange> afterDeadline = pipeline.latest(Map.of());

        // Then L1 is BREACHED: one breach in the 09:00 hour (the deadline's), for the owner at 09:15, R2/T2, EMEA, paid
        assertTotal(afterDeadline, KpiKey.hourly(BREACHES, "org", "all", T0), 1);
        assertTotal(afterDeadline, KpiKey.hourly(BREACHES, "rep", "R2", T0), 1);
        assertTotal(afterDeadline, KpiKey.hourly(BREACHES, "team", "T2", T0), 1);
        assertTotal(afterDeadline, KpiKey.hourly(BREACHES, "region", "EMEA", T0), 1);
        assertTotal(afterDeadline, KpiKey.hourly(BREACHES, "channel", "paid", T0), 1);
        assertUnpublished(afterDeadline, KpiKey.hourly(BREACHES, "rep", "R1", T0));
        // and the 09:00 cohort: L1 breached → met 0 / decided 1; L2 (11:00 cohort, due 11:45) is undecided
        assertRatio(afterDeadline, KpiKey.hourly(MET_PCT, "org", "all", T0), 0, 1);
        assertRatio(afterDeadline, KpiKey.hourly(MET_PCT, "rep", "R2", T0), 0, 1);
        assertUnpublished(afterDeadline, KpiKey.hourly(MET_PCT, "org", "all", minutes(120)));

        // When R2 touches L1 at 09:40 (too late, and the outcome is decided) and R1 touches L2 at 11:40 (in time)
        final Map<String, KpiChange> latest = pipeline
                .send(contacted("L1").by("R2").at(minutes(40)), contacted("L2").by("R1").at(minutes(160)))
                .latest(afterDeadline);

        // Then L1 stays one breach (no second count) and L2 is met: the day holds met 1 / decided 2 = 0.5
        assertTotal(latest, KpiKey.hourly(BREACHES, "org", "all", T0), 1);
        assertRatio(latest, KpiKey.hourly(MET_PCT, "org", "all", minutes(120)), 1, 1);
        assertRatio(latest, KpiKey.daily(MET_PCT, "org", "all", DAY), 1, 2);
        assertRatio(latest, KpiKey.daily(MET_PCT, "rep", "R1", DAY), 1, 1);
    }

    @Test
    void shouldCountTheLeadMetWhenCreatedFridayEveningAndTouchedMondayBeforeTheBusinessHoursDeadline() {
        // Given L1 created Friday 30 October 17:55 UTC: 5 minutes until 18:00, 10 more from Monday 09:00 → due 09:10
        final Instant friday = Instant.parse("2026-10-30T17:55:00Z");
        pipeline.send(leadCreated("L1").by("R1").at(friday), contacted("L1").by("R1").at(minutes(5)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the Monday 09:05 touch (63 h 10 min of wall time later) is within it: met 1 / 1 in Friday's cohort
        assertRatio(latest, KpiKey.hourly(MET_PCT, "org", "all", Instant.parse("2026-10-30T17:00:00Z")), 1, 1);
        assertRatio(latest, KpiKey.daily(MET_PCT, "org", "all", Instant.parse("2026-10-30T00:00:00Z")), 1, 1);
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith(BREACHES + "|"));
    }

    @Test
    void shouldGiveNoSlaWhenAHumanTouchArrivesBeforeTheLeadCreatedOrNoPolicyTakesTheLead() {
        // Given L1's touch (09:10) arrives before its LEAD_CREATED (09:00); L2 is an organic lead, which no policy
        // takes; L3 (organic, 10:00) moves the event time past both 09:15 deadlines they would have had
        pipeline.send(
                contacted("L1").by("R1").at(minutes(10)),
                leadCreated("L1").by("R1").at(T0),
                leadCreated("L2").by("R1").channel("organic").at(T0),
                leadCreated("L3").by("R1").channel("organic").at(minutes(60)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then no lead has an SLA: nothing decided (0 / 0 is not published) and nothing breached
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith(MET_PCT + "|") || key.startsWith(BREACHES + "|"));
    }

    @Test
    void shouldLeaveTheSlaUndecidedWhenOnlyAutomatedTouchesArrive() {
        // Given L1 created 09:00 by R1 and an automated e-mail at 09:05
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").automated().by("R1").at(minutes(5)));

        // When
        final Map<String, KpiChange> beforeDeadline = pipeline.latest(Map.of());

        // Then nothing is decided yet
        assertThat(beforeDeadline.keySet()).noneMatch(key -> key.startsWith(MET_PCT + "|") || key.startsWith(BREACHES + "|"));

        // When R1 calls at 09:20, after the 09:15 deadline
        final Map<String, KpiChange> latest = pipeline.send(contacted("L1").by("R1").at(minutes(20))).latest(beforeDeadline);

        // Then the human touch decides: breached, met 0 / 1, one breach for R1 in the 09:00 hour
        assertRatio(latest, KpiKey.hourly(MET_PCT, "org", "all", T0), 0, 1);
        assertTotal(latest, KpiKey.hourly(BREACHES, "rep", "R1", T0), 1);
    }
}
