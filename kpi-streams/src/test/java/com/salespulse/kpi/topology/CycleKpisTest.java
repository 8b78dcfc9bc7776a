package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.dealLost;
import static com.salespulse.kpi.support.Events.dealWon;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.opportunityCreated;
import static com.salespulse.kpi.support.Events.stageChanged;
import static com.salespulse.kpi.support.KpiAssert.assertKpi;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiAssert.assertUnpublished;
import static com.salespulse.kpi.support.KpiKey.daily;
import static com.salespulse.kpi.support.KpiKey.hourly;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Stage;
import com.salespulse.kpi.support.PipelineFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flow KPIs of durations (docs/kpis.md): sales_cycle_length, lead_lifecycle_length, pipeline_velocity. */
class CycleKpisTest extends PipelineFixture {
    private static final Instant MONDAY = DAY;
    private static final Instant TUESDAY = MONDAY.plus(Duration.ofDays(1));
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final Instant THURSDAY = MONDAY.plus(Duration.ofDays(3));

    @Test
    void shouldAverageDaysFromOpportunityToWinWhenWinsRepeatOrTheOpportunityWasNeverSeen() {
        // Given O1 (L1) created Monday 09:00 and O2 (L2) created Tuesday 09:00;
        // on Thursday: O1 won at 09:00 → 3 days; O9 (L3) won at 10:00, its OPPORTUNITY_CREATED never seen → not
        // measured; O2 won at 21:00 → 2.5 days; O1 won again at 22:00 → not measured (already won)
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0), leadCreated("L3").by("R1").at(T0),
                opportunityCreated("L1", "O1").by("R1").at(T0),
                opportunityCreated("L2", "O2").by("R1").at(hours(24)),
                dealWon("L1", "O1").by("R1").amount("100").at(hours(72)),
                dealWon("L3", "O9").by("R1").amount("100").at(hours(73)),
                dealWon("L2", "O2").by("R1").amount("100").at(hours(84)),
                dealWon("L1", "O1").by("R1").amount("100").at(hours(85)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then Thursday: (3 + 2.5) / 2 = 2.75 days over 4 won deals
        assertRatio(latest, daily("sales_cycle_length", "org", "all", THURSDAY), 5.5, 2);
        assertRatio(latest, daily("sales_cycle_length", "rep", "R1", THURSDAY), 5.5, 2);
        assertTotal(latest, daily("deals_won", "org", "all", THURSDAY), 4);
        // and the 10:00 hour, with only O9's win, measured nothing
        assertUnpublished(latest, hourly("sales_cycle_length", "org", "all", hours(73)));
    }

    @Test
    void shouldMeasureNoCycleWhenTheWinIsDatedBeforeItsOpportunity() {
        // Given O7 created at 10:30 and its DEAL_WON dated 10:00 (arriving after it)
        pipeline.send(
                leadCreated("L4").by("R1").at(T0),
                opportunityCreated("L4", "O7").by("R1").at(minutes(90)),
                dealWon("L4", "O7").by("R1").amount("100").at(minutes(60)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the win counts, the negative cycle does not
        assertTotal(latest, daily("deals_won", "org", "all", MONDAY), 1);
        assertUnpublished(latest, daily("sales_cycle_length", "org", "all", MONDAY));
    }

    @Test
    void shouldMeasureEachLeadOnceAtItsFirstWinOrCustomerStageWhicheverComesFirst() {
        // Given L1 created Monday 09:00, CUSTOMER Wednesday 09:00 → 2 days (Wednesday); its DEAL_WON on Thursday → nothing
        //       L2 created Monday 09:00, DEAL_WON Tuesday 21:00 → 1.5 days (Tuesday); CUSTOMER Wednesday 10:00 → nothing
        //       L3 DEAL_WON Monday 10:00 before its LEAD_CREATED (Monday 09:30) arrives → never measured
        //       L4 created as CUSTOMER Monday 10:00 → 0 days (Monday)
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                dealWon("L3", "O3").by("R1").amount("1").at(hours(1)),
                leadCreated("L4").by("R1").stage(Stage.CUSTOMER).at(hours(1)),
                leadCreated("L3").by("R1").at(minutes(30)),
                stageChanged("L3", Stage.CUSTOMER).at(hours(2)),
                dealWon("L2", "O2").by("R1").amount("1").at(hours(36)),
                stageChanged("L1", Stage.CUSTOMER).at(hours(48)),
                stageChanged("L2", Stage.CUSTOMER).at(hours(49)),
                dealWon("L1", "O1").by("R1").amount("1").at(hours(72)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then Monday 0 / 1 = 0.0 days (L4); Tuesday 1.5 / 1 (L2); Wednesday 2 / 1 (L1); Thursday nothing
        assertRatio(latest, daily("lead_lifecycle_length", "org", "all", MONDAY), 0, 1);
        assertRatio(latest, daily("lead_lifecycle_length", "org", "all", TUESDAY), 1.5, 1);
        assertRatio(latest, daily("lead_lifecycle_length", "rep", "R1", WEDNESDAY), 2, 1);
        assertUnpublished(latest, daily("lead_lifecycle_length", "org", "all", THURSDAY));
    }

    @Test
    void shouldMultiplyTheDaysPartsIntoMoneyPerDayWhenEveryPartIsDefined() {
        // Given on Monday: O1 (L1) and O2 (L2) created 09:00, O3 (L3) created 10:00 and lost 11:00, O4 (L4) created
        // 12:00 and still open; O2 won 15:00 for 1,000 (0.25 days), O1 won 21:00 for 3,000 (0.5 days)
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                leadCreated("L3").by("R1").at(T0), leadCreated("L4").by("R1").at(T0),
                opportunityCreated("L1", "O1").by("R1").at(T0),
                opportunityCreated("L2", "O2").by("R1").at(T0),
                opportunityCreated("L3", "O3").by("R1").at(hours(1)),
                dealLost("L3", "O3").by("R1").at(hours(2)),
                opportunityCreated("L4", "O4").by("R1").at(hours(3)),
                dealWon("L2", "O2").by("R1").amount("1000").at(hours(6)),
                dealWon("L1", "O1").by("R1").amount("3000").at(hours(12)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then Monday: 4 opportunities x win_rate 2/3 x avg_deal_size 4,000/2 = 4 x 4,000 / 3 = 5,333.33 money;
        // mean cycle (0.25 + 0.5) / 2 = 0.375 days; 5,333.33 / 0.375 = 14,222.22 money per day
        assertKpi(latest, daily("pipeline_velocity", "org", "all", MONDAY), 4 * 4000 / 3.0, 0.375,
                (4 * 4000 / 3.0) / 0.375);
        // and the 09:00 hour (opportunities, no deal decided) and the 11:00 hour (a loss, no cycle) are 0 / 0: unpublished
        assertUnpublished(latest, hourly("pipeline_velocity", "org", "all", T0));
        assertUnpublished(latest, hourly("pipeline_velocity", "org", "all", hours(2)));
        // and the 15:00 hour has a cycle but no new opportunity: 0 x 1/1 x 1,000 / 0.25 = 0.0
        assertKpi(latest, hourly("pipeline_velocity", "org", "all", hours(6)), 0, 0.25, 0.0);
    }

    @Test
    void shouldPublishANullVelocityWhenNoWinHadAMeasuredCycle() {
        // Given on Monday O5 created, and O6 won for 100 without its OPPORTUNITY_CREATED ever seen
        pipeline.send(
                leadCreated("L5").by("R1").at(T0), leadCreated("L6").by("R1").at(T0),
                opportunityCreated("L5", "O5").by("R1").at(T0),
                dealWon("L6", "O6").by("R1").amount("100").at(hours(1)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then numerator 1 x 1/1 x 100 = 100, no mean cycle: denominator 0, value null
        assertKpi(latest, daily("pipeline_velocity", "org", "all", MONDAY), 100, 0, null);
    }

    private static Instant hours(final long hours) {
        return T0.plus(Duration.ofHours(hours));
    }
}
