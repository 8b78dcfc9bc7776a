package com.salespulse.kpi.sla;

import static com.salespulse.kpi.sla.AlertDriver.webForm;
import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.kpi.alert.AlertSettings;
import com.salespulse.kpi.sla.AlertDriver.Raised;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA alerts on the wall clock (docs/alerts.md), through the production topology. Web-form leads
 * have 5 minutes around the clock, escalated after 10; partner leads 15 minutes of Berlin office
 * hours; other leads have no SLA. At risk at 50, 75 and 90 %: 2:30, 3:45 and 4:30 for web-form leads.
 * The wall clock starts at T0 (Monday 2 November 2026, 09:00 UTC) and the SLA check runs every 200 ms,
 * so an alert appears at most 200 ms after its moment.
 */
class SlaTopologyTest {
    private static final Duration CHECK = Duration.ofMillis(200);
    private static final String SETTINGS = """
            calendars:
              office:
                zone: Europe/Berlin
                hours:
                  mon-fri: "09:00-18:00"
            sla:
              policies:
                - name: web-form
                  match: {source: WEB_FORM}
                  target: PT5M
                  escalation: PT10M
                  calendar: always
                - name: partner
                  match: {channel: partner}
                  target: PT15M
                  calendar: office
            kpiRules: []
            """;

    private AlertDriver pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = driver(T0).rep("R1", "T1", "EMEA").rep("R2", "T2", "NA");
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void shouldRaiseAtRiskAlertsAt50And75And90PercentWhenTheLeadIsUntouched() {
        // Given a web-form lead created at T0 by R1
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));

        // When 4:59 pass
        final List<Raised> raised = new ArrayList<>(pipeline.stepThrough(T0.plusSeconds(150)));
        raised.addAll(pipeline.stepThrough(T0.plusSeconds(225)));
        raised.addAll(pipeline.stepThrough(T0.plusSeconds(270)));
        raised.addAll(pipeline.jumpTo(T0.plusSeconds(299)));

        // Then three at-risk alerts, each within one check of its moment, and no breach yet
        assertThat(raised).extracting(r -> r.alert().getKind()).containsExactly(AlertKind.SLA_AT_RISK,
                AlertKind.SLA_AT_RISK, AlertKind.SLA_AT_RISK);
        assertOnTime(raised.get(0), T0.plusSeconds(150));
        assertOnTime(raised.get(1), T0.plusSeconds(225));
        assertOnTime(raised.get(2), T0.plusSeconds(270));
        final Alert ninety = raised.get(2).alert();
        assertThat(ninety.getAlertId()).isEqualTo("sla|L1|2026-11-02T09:00:00Z|SLA_AT_RISK|90");
        assertThat(ninety.getDeadline()).isEqualTo(T0.plusSeconds(300));
        assertThat(ninety.getWaitedBusinessSeconds()).isEqualTo(270L);
        assertThat(ninety.getWaitedWallSeconds()).isEqualTo(270L);
        assertThat(ninety.getMessage()).contains("Lead L1 has waited 90 % of its 5 min first-response target",
                "policy web-form", "Owner R1, team T1, region EMEA");
        assertThat(raised).extracting(r -> r.alert().getAlertId()).doesNotHaveDuplicates();
    }

    @Test
    void shouldRaiseBreachedAtTheDeadlineWhenTheLeadIsUntouched() {
        // Given a web-form lead created at T0 by R1
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));
        pipeline.jumpTo(T0.plusSeconds(299));

        // When the deadline, T0 + 5 min, passes
        final List<Raised> raised = pipeline.stepThrough(T0.plusSeconds(300));

        // Then SLA_BREACHED, keyed by the lead, naming its owner, team and region
        assertThat(raised).hasSize(1);
        assertOnTime(raised.get(0), T0.plusSeconds(300));
        assertThat(raised.get(0).key()).isEqualTo("L1");
        final Alert breached = raised.get(0).alert();
        assertThat(breached.getKind()).isEqualTo(AlertKind.SLA_BREACHED);
        assertThat(breached.getAlertId()).isEqualTo("sla|L1|2026-11-02T09:00:00Z|SLA_BREACHED");
        assertThat(breached.getLeadId()).isEqualTo("L1");
        assertThat(breached.getRepId()).isEqualTo("R1");
        assertThat(breached.getTeamId()).isEqualTo("T1");
        assertThat(breached.getRegion()).isEqualTo("EMEA");
        assertThat(breached.getDeadline()).isEqualTo(T0.plusSeconds(300));
        assertThat(breached.getWaitedBusinessSeconds()).isEqualTo(300L);
        assertThat(breached.getWaitedWallSeconds()).isEqualTo(300L);
        assertThat(breached.getLevel()).isZero();
        assertThat(breached.getRaisedAt()).isEqualTo(raised.get(0).seenAt());
        assertThat(breached.getRuleKey()).isNull();
        assertThat(breached.getMessage()).contains("Lead L1 missed its 5 min first-response target (policy web-form)");
        assertThat(pipeline.meters().get("salespulse.alerts").tag("kind", "SLA_BREACHED").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldEscalateAtTheSecondTargetWhenTheLeadIsStillUntouched() {
        // Given a breached web-form lead
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));
        pipeline.jumpTo(T0.plusSeconds(599));

        // When its escalation target, 10 minutes, passes
        final List<Raised> raised = pipeline.stepThrough(T0.plusSeconds(600));

        // Then SLA_ESCALATED at level 1, its deadline the escalation's
        assertThat(raised).hasSize(1);
        assertOnTime(raised.get(0), T0.plusSeconds(600));
        final Alert escalated = raised.get(0).alert();
        assertThat(escalated.getKind()).isEqualTo(AlertKind.SLA_ESCALATED);
        assertThat(escalated.getLevel()).isEqualTo(1);
        assertThat(escalated.getAlertId()).isEqualTo("sla|L1|2026-11-02T09:00:00Z|SLA_ESCALATED|200");
        assertThat(escalated.getDeadline()).isEqualTo(T0.plusSeconds(600));
        assertThat(escalated.getWaitedBusinessSeconds()).isEqualTo(600L);
        assertThat(escalated.getRepId()).isEqualTo("R1");
        assertThat(escalated.getTeamId()).isEqualTo("T1");
        // and nothing more afterwards
        assertThat(pipeline.jumpTo(T0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void shouldResolveWithTheTimeWaitedWhenABreachedLeadGetsItsFirstHumanTouch() {
        // Given a lead breached at T0 + 5 min
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));
        assertThat(pipeline.jumpTo(T0.plusSeconds(420))).extracting(r -> r.alert().getKind())
                .containsExactly(AlertKind.SLA_BREACHED);

        // When R1 calls it at T0 + 7 min
        pipeline.send(contacted("L1").by("R1").at(T0.plusSeconds(420)));
        final List<Raised> raised = pipeline.jumpTo(T0.plus(Duration.ofMinutes(15)));

        // Then SLA_RESOLVED with 420 s waited in business time (always open) and on the clock, and no escalation
        assertThat(raised).hasSize(1);
        final Alert resolved = raised.get(0).alert();
        assertThat(resolved.getKind()).isEqualTo(AlertKind.SLA_RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo("sla|L1|2026-11-02T09:00:00Z|SLA_RESOLVED");
        assertThat(resolved.getWaitedBusinessSeconds()).isEqualTo(420L);
        assertThat(resolved.getWaitedWallSeconds()).isEqualTo(420L);
        assertThat(resolved.getDeadline()).isEqualTo(T0.plusSeconds(300));
        assertThat(resolved.getLevel()).isZero();
        assertThat(resolved.getRepId()).isEqualTo("R1");
        assertThat(resolved.getMessage()).contains("first human touch after 7 min of business time, 7 min on the clock");
    }

    @Test
    void shouldRaiseNothingWhenTheLeadIsTouchedBeforeItsDeadline() {
        // Given a web-form lead called at T0 + 2 min, before any alert
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0))).send(contacted("L1").by("R1").at(T0.plusSeconds(120)));

        // When / Then nothing is raised through its escalation time
        assertThat(pipeline.jumpTo(T0.plusSeconds(299))).isEmpty();
        assertThat(pipeline.stepThrough(T0.plusSeconds(300))).isEmpty();
        assertThat(pipeline.jumpTo(T0.plus(Duration.ofMinutes(12)))).isEmpty();
    }

    @Test
    void shouldKeepTheClockRunningWhenTheOnlyTouchesAreAutomated() {
        // Given a web-form lead that only got an automated e-mail at T0 + 1 min
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0))).send(contacted("L1").automated().by("R1").at(T0.plusSeconds(60)));

        // When / Then it is still at risk, and breached at its deadline
        assertThat(pipeline.jumpTo(T0.plusSeconds(299))).extracting(r -> r.alert().getKind())
                .containsExactly(AlertKind.SLA_AT_RISK);
        assertThat(pipeline.stepThrough(T0.plusSeconds(300))).extracting(r -> r.alert().getKind())
                .containsExactly(AlertKind.SLA_BREACHED);
    }

    @Test
    void shouldKeepTheClockAndNameTheNewOwnerWhenTheLeadIsReassignedBeforeItsDeadline() {
        // Given a web-form lead of R1 (T1, EMEA) reassigned to R2 (T2, NA) at T0 + 4 min
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));
        pipeline.jumpTo(T0.plusSeconds(240));
        pipeline.send(assigned("L1").by("R2").at(T0.plusSeconds(240)));

        // When the original deadline passes
        final List<Raised> raised = new ArrayList<>(pipeline.jumpTo(T0.plusSeconds(299)));
        raised.addAll(pipeline.stepThrough(T0.plusSeconds(300)));

        // Then the breach comes at the original deadline, naming the new owner and team and the lead's own region
        assertThat(raised).extracting(r -> r.alert().getKind()).containsExactly(AlertKind.SLA_AT_RISK, AlertKind.SLA_BREACHED);
        assertOnTime(raised.get(1), T0.plusSeconds(300));
        assertThat(raised.get(1).alert().getRepId()).isEqualTo("R2");
        assertThat(raised.get(1).alert().getTeamId()).isEqualTo("T2");
        assertThat(raised.get(1).alert().getRegion()).isEqualTo("EMEA");
    }

    @Test
    void shouldCountOfficeHoursWhenAPartnerLeadArrivesOnFridayEvening() {
        // Given a partner lead (15 minutes, Monday to Friday 09:00-18:00 Berlin) created on Friday at 17:55 Berlin
        final Instant friday = berlin("2026-11-27T17:55");
        try (AlertDriver office = driver(friday).rep("R1", "T1", "EMEA")) {
            office.send(leadCreated("L9").by("R1").channel("partner").at(friday));

            // When the weekend passes and Monday 09:10 comes
            final List<Raised> weekend = office.jumpTo(berlin("2026-11-30T09:09"));
            final List<Raised> monday = office.stepThrough(berlin("2026-11-30T09:10"));

            // Then the at-risk alerts came at 50 % (Monday 09:02:30), 75 % (09:06:15), 90 % (09:08:30);
            // the weekend jump raised only the latest due, and the breach comes at Monday 09:10
            assertThat(weekend).extracting(r -> r.alert().getAlertId())
                    .containsExactly("sla|L9|2026-11-27T16:55:00Z|SLA_AT_RISK|90");
            assertThat(monday).hasSize(1);
            assertOnTime(monday.get(0), berlin("2026-11-30T09:10"));
            assertThat(monday.get(0).alert().getDeadline()).isEqualTo(berlin("2026-11-30T09:10"));
            assertThat(monday.get(0).alert().getWaitedBusinessSeconds()).isEqualTo(900L);
            assertThat(monday.get(0).alert().getWaitedWallSeconds()).isEqualTo(Duration.ofDays(2).plusHours(15).plusMinutes(15).toSeconds());
        }
    }

    @Test
    void shouldRaiseOnlyTheBreachWhenTheDeadlineHadPassedBeforeTheLeadWasSeen() {
        // Given a web-form lead created 6 minutes before the wall clock, arriving late (after the tolerated input lag)
        pipeline.jumpTo(T0.plus(Duration.ofMinutes(6)));
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));

        // When the input has been quiet for the tolerated lag (5 s)
        final List<Raised> raised = pipeline.stepUntil(T0.plus(Duration.ofMinutes(6)).plusSeconds(6));

        // Then the at-risk alerts that the deadline overtook are passed over: only SLA_BREACHED
        assertThat(raised).extracting(r -> r.alert().getKind()).containsExactly(AlertKind.SLA_BREACHED);
    }

    @Test
    void shouldWaitForTheBacklogWhenTheTouchIsStillOnItsWay() {
        // Given the pipeline catching up on input from an hour ago: L1 created at T0 and called at T0 + 3 min
        // (in time), L2 created at T0 and never touched; the wall clock is at T0 + 1 h
        pipeline.jumpTo(T0.plus(Duration.ofHours(1)));
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)), webForm(leadCreated("L2").by("R1").at(T0)));

        // When checks run before L1's touch arrives
        final List<Raised> beforeTouch = pipeline.stepUntil(pipeline.wallClock().plusSeconds(1));
        final Instant touchArrived = pipeline.wallClock();
        pipeline.send(contacted("L1").by("R1").at(T0.plusSeconds(180)));
        final List<Raised> afterQuiet = pipeline.stepUntil(pipeline.wallClock().plusSeconds(10));

        // Then while the input is an hour behind, moments are judged on its event time: nothing at T0, and L2's
        // 50 % (T0 + 2:30) once L1's touch at T0 + 3 min moved event time past it; once the input is quiet, the
        // wall clock rules and only untouched L2 is breached (and escalated: both moments are long past)
        assertThat(beforeTouch).isEmpty();
        assertThat(afterQuiet).extracting(r -> r.alert().getAlertId()).containsExactly(
                "sla|L2|2026-11-02T09:00:00Z|SLA_AT_RISK|50",
                "sla|L2|2026-11-02T09:00:00Z|SLA_BREACHED", "sla|L2|2026-11-02T09:00:00Z|SLA_ESCALATED|200");
        assertThat(afterQuiet.get(1).seenAt()).isAfterOrEqualTo(touchArrived.plusSeconds(5));
    }

    @Test
    void shouldIgnoreARepeatedLeadCreatedWhenTheClockIsRunning() {
        // Given a web-form lead created at T0 and created again at T0 + 4 min
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0)));
        pipeline.jumpTo(T0.plusSeconds(240));
        pipeline.send(webForm(leadCreated("L1").by("R1").at(T0.plusSeconds(240))));

        // When / Then the breach still comes at T0 + 5 min
        final List<Raised> raised = new ArrayList<>(pipeline.jumpTo(T0.plusSeconds(299)));
        raised.addAll(pipeline.stepThrough(T0.plusSeconds(300)));
        assertThat(raised).extracting(r -> r.alert().getKind()).containsExactly(AlertKind.SLA_AT_RISK, AlertKind.SLA_BREACHED);
        assertOnTime(raised.get(1), T0.plusSeconds(300));
    }

    @Test
    void shouldRaiseNothingWhenNoPolicyTakesTheLead() {
        // Given a CRM lead on the paid channel: neither web-form nor partner
        pipeline.send(leadCreated("L1").by("R1").channel("paid").at(T0));

        // When / Then
        assertThat(pipeline.jumpTo(T0.plus(Duration.ofMinutes(20)))).isEmpty();
    }

    @Test
    void shouldNotStartAClockWhenTheFirstHumanTouchArrivedBeforeTheLeadWasCreated() {
        // Given a touch that arrives before its lead's LEAD_CREATED
        pipeline.send(contacted("L1").by("R1").at(T0)).send(webForm(leadCreated("L1").by("R1").at(T0)));

        // When / Then the lead has had its response: no alerts
        assertThat(pipeline.jumpTo(T0.plus(Duration.ofMinutes(11)))).isEmpty();
    }

    @Test
    void shouldLeaveInvalidEventsToTheDeadLetterTopicWhenTheyArrive() {
        // Given a LEAD_CREATED without its required region, and a valid lead
        final var invalid = webForm(leadCreated("L1").by("R1").at(T0));
        invalid.setRegion(null);
        pipeline.send(invalid).send(webForm(leadCreated("L2").by("R1").at(T0)));

        // When / Then the invalid one starts no clock; the valid one is breached
        assertThat(pipeline.jumpTo(T0.plusSeconds(301))).extracting(r -> r.alert().getLeadId()).containsOnly("L2");
    }

    /** The alert appeared at or after its moment, within one SLA check. */
    private static void assertOnTime(final Raised raised, final Instant moment) {
        assertThat(raised.seenAt()).isAfterOrEqualTo(moment).isBefore(moment.plus(CHECK).plusMillis(1));
    }

    private static AlertDriver driver(final Instant wallClockStart) {
        return new AlertDriver(AlertSettings.parse(SETTINGS, ZoneId.of("UTC"), "test settings"), wallClockStart);
    }

    private static Instant berlin(final String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }
}
