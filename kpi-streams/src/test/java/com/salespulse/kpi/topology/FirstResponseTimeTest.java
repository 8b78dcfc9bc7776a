package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineFixture;
import com.salespulse.kpi.support.PipelineDriver;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** first_response_time (KPIS.md): flow, seconds, mean; in the window and for the rep of the first human touch. */
class FirstResponseTimeTest extends PipelineFixture {
    private static final String FRT = "first_response_time";

    @Test
    void shouldAverageFirstHumanTouchesWhenAutomatedTouchesCameFirst() {
        // Given L1 created 09:00 (EMEA, paid) by R1, an automated e-mail at 09:01, R1's call at 09:10 → 600 s;
        // and L2 created 09:05 (NA, organic) by R2, R2's call at 09:25 → 1,200 s.
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                contacted("L1").automated().by("R1").at(minutes(1)),
                contacted("L1").by("R1").at(minutes(10)),
                leadCreated("L2").by("R2").region("NA").channel("organic").at(minutes(5)),
                contacted("L2").by("R2").at(minutes(25)));

        // When the bucket changes are flushed
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then org: (600 + 1200) / 2 = 900 s in the 09:00 hour and the day
        assertFrt(latest.get(KpiKey.hourly(FRT, "org", "all", T0)), 1800.0, 2.0, 900.0);
        assertFrt(latest.get(KpiKey.daily(FRT, "org", "all", DAY)), 1800.0, 2.0, 900.0);
        // and each rep, team, region and channel holds its own lead
        assertFrt(latest.get(KpiKey.hourly(FRT, "rep", "R1", T0)), 600.0, 1.0, 600.0);
        assertFrt(latest.get(KpiKey.hourly(FRT, "rep", "R2", T0)), 1200.0, 1.0, 1200.0);
        assertFrt(latest.get(KpiKey.hourly(FRT, "team", "T1", T0)), 600.0, 1.0, 600.0);
        assertFrt(latest.get(KpiKey.daily(FRT, "team", "T2", DAY)), 1200.0, 1.0, 1200.0);
        assertFrt(latest.get(KpiKey.hourly(FRT, "region", "EMEA", T0)), 600.0, 1.0, 600.0);
        assertFrt(latest.get(KpiKey.hourly(FRT, "region", "NA", T0)), 1200.0, 1.0, 1200.0);
        assertFrt(latest.get(KpiKey.daily(FRT, "channel", "paid", DAY)), 600.0, 1.0, 600.0);
        assertFrt(latest.get(KpiKey.daily(FRT, "channel", "organic", DAY)), 1200.0, 1.0, 1200.0);
        // 5 dimensions x 2 windows, plus the two extra members of rep, team, region and channel
        assertThat(latest.keySet().stream().filter(key -> key.startsWith(FRT + "|"))).hasSize(18);
    }

    @Test
    void shouldMeasureInTheWindowAndForTheRepOfTheTouchWhenAnotherRepTouchesInTheNextHour() {
        // Given L1 created 09:50 by R1, first human touch by R2 at 10:20 → 1,800 s for R2 in the 10:00 hour
        pipeline.send(
                leadCreated("L1").by("R1").at(minutes(50)),
                contacted("L1").by("R2").at(minutes(80)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then
        final Instant tenOClock = minutes(60);
        assertFrt(latest.get(KpiKey.hourly(FRT, "rep", "R2", tenOClock)), 1800.0, 1.0, 1800.0);
        assertFrt(latest.get(KpiKey.hourly(FRT, "team", "T2", tenOClock)), 1800.0, 1.0, 1800.0);
        assertThat(latest).doesNotContainKey(KpiKey.hourly(FRT, "rep", "R1", T0));
        assertThat(latest).doesNotContainKey(KpiKey.hourly(FRT, "org", "all", T0));
    }

    @Test
    void shouldMeasureNothingWhenTheTouchArrivesBeforeItsLeadCreated() {
        // Given the touch of L1 arrives first, then its LEAD_CREATED, then a second touch
        pipeline.send(
                contacted("L1").by("R1").at(minutes(10)),
                leadCreated("L1").by("R1").at(T0),
                contacted("L1").by("R1").at(minutes(20)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then no first response time exists: the first touch had no creation to measure from, later touches measure nothing
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith(FRT + "|"));
    }

    @Test
    void shouldMeasureNothingWhenTheTouchIsDatedBeforeItsLeadsCreation() {
        // Given L1 created at 09:30 and a touch dated 09:20 (a negative difference), then a touch at 09:40
        pipeline.send(
                leadCreated("L1").by("R1").at(minutes(30)),
                contacted("L1").by("R1").at(minutes(20)),
                contacted("L1").by("R1").at(minutes(40)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the first human touch was the 09:20 one, which measures nothing, and the later one measures nothing
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith(FRT + "|"));
    }

    @Test
    void shouldPublishNothingWhenALaterTouchChangesNoKpi() {
        // Given L1 measured at 600 s
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)));
        pipeline.flush();

        // When R1 touches L1 again, and again by e-mail
        pipeline.send(contacted("L1").by("R1").at(minutes(30)), contacted("L1").automated().by("R1").at(minutes(31)));

        // Then the first response time does not change, so it is not published (activity counts do move)
        assertThat(pipeline.flush()).noneMatch(record -> record.key().startsWith(FRT + "|"));
    }

    @Test
    void shouldAttributeToTheRepAndUnassignedTeamWhenTheRepIsMissingFromTheRoster() {
        // Given R99 is not in the roster
        pipeline.send(leadCreated("L1").by("R99").at(T0), contacted("L1").by("R99").at(minutes(5)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 300 s for rep R99, and for team "unassigned"
        assertFrt(latest.get(KpiKey.hourly(FRT, "rep", "R99", T0)), 300.0, 1.0, 300.0);
        assertFrt(latest.get(KpiKey.hourly(FRT, "team", "unassigned", T0)), 300.0, 1.0, 300.0);
    }

    @Test
    void shouldCarryRevisionAndPreviousValueWhenTheSameKeyChangesAgain() {
        // Given org/all at 600 s after L1
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(10)));
        final Map<String, KpiChange> first = pipeline.latest(Map.of());
        assertThat(first.get(KpiKey.hourly(FRT, "org", "all", T0)).getRevision()).isEqualTo(1L);
        assertThat(first.get(KpiKey.hourly(FRT, "org", "all", T0)).getPreviousValue()).isNull();

        // When L2 adds 1,200 s
        pipeline.send(leadCreated("L2").by("R1").at(T0), contacted("L2").by("R1").at(minutes(20)));
        final Map<String, KpiChange> second = pipeline.latest(Map.of());

        // Then (600 + 1200) / 2 = 900, revision 2, previous 600, window 09:00-10:00
        final KpiChange org = second.get(KpiKey.hourly(FRT, "org", "all", T0));
        assertFrt(org, 1800.0, 2.0, 900.0);
        assertThat(org.getRevision()).isEqualTo(2L);
        assertThat(org.getPreviousValue()).isEqualTo(600.0);
        assertThat(org.getWindowStart()).isEqualTo(T0);
        assertThat(org.getWindowEnd()).isEqualTo(minutes(60));
        assertThat(org.getUnit()).isEqualTo("seconds");
        assertThat(org.getFinal$()).isFalse();
        assertThat(org.getEmittedAt()).isEqualTo(PipelineDriver.EMITTED_AT);
    }

    private static void assertFrt(final KpiChange change, final double numerator, final double denominator,
                                  final double value) {
        assertThat(change).isNotNull();
        assertThat(change.getNumerator()).isEqualTo(numerator);
        assertThat(change.getDenominator()).isEqualTo(denominator);
        assertThat(change.getValue()).isEqualTo(value);
    }
}
