package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.replied;
import static com.salespulse.kpi.support.Events.stageChanged;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiAssert.assertUnpublished;
import static com.salespulse.kpi.support.KpiKey.daily;
import static com.salespulse.kpi.support.KpiKey.hourly;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.kpi.support.PipelineFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lead-cohort KPIs of the funnel (docs/kpis.md): followed_up_pct, lead_to_customer_rate, mql_to_sql_rate,
 * mql_to_customer_rate, sql_to_customer_rate, qualified_leads, response_rate, reply_to_customer_rate.
 */
class FunnelCohortKpisTest extends PipelineFixture {

    @Test
    void shouldCountStagesReachedInOrderWhenLeadsSkipGoBackAndMoveOn() {
        // Given five leads created 09:00 by R1:
        //   A created MQL → SQL → CUSTOMER → EVANGELIST : reached MQL, SQL, CUSTOMER; MQL→SQL, MQL→CUSTOMER, SQL→CUSTOMER
        //   B created MQL → DISQUALIFIED                : reached MQL only
        //   C created LEAD → SQL → MQL → SQL            : reached SQL (first at 1) and MQL (at 2), SQL again at 3:
        //                                                 MQL→SQL yes (2 < 3), no CUSTOMER
        //   D created SQL → CUSTOMER                    : reached SQL, CUSTOMER; SQL→CUSTOMER
        //   E created LEAD, stays                       : nothing
        pipeline.send(
                leadCreated("A").by("R1").stage(Stage.MQL).at(T0),
                stageChanged("A", Stage.SQL).at(minutes(5)),
                stageChanged("A", Stage.CUSTOMER).at(minutes(10)),
                stageChanged("A", Stage.EVANGELIST).at(minutes(15)),
                leadCreated("B").by("R1").stage(Stage.MQL).at(T0),
                stageChanged("B", Stage.DISQUALIFIED).at(minutes(5)),
                leadCreated("C").by("R1").at(T0),
                stageChanged("C", Stage.SQL).at(minutes(5)),
                stageChanged("C", Stage.MQL).at(minutes(10)),
                stageChanged("C", Stage.SQL).at(minutes(15)),
                leadCreated("D").by("R1").stage(Stage.SQL).at(T0),
                stageChanged("D", Stage.CUSTOMER).at(minutes(20)),
                leadCreated("E").by("R1").at(T0));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then, in the cohort of 09:00 (5 leads):
        for (final String[] member : new String[][] {{"org", "all"}, {"rep", "R1"}, {"channel", "paid"}}) {
            // reached CUSTOMER: A, D = 2 / 5 (A has moved on to EVANGELIST and still counts)
            assertRatio(latest, hourly("lead_to_customer_rate", member[0], member[1], T0), 2, 5);
            // reached MQL: A, B, C; then SQL: A, C = 2/3; then CUSTOMER: A = 1/3
            assertRatio(latest, hourly("mql_to_sql_rate", member[0], member[1], T0), 2, 3);
            assertRatio(latest, hourly("mql_to_customer_rate", member[0], member[1], T0), 1, 3);
            // reached SQL: A, C, D; then CUSTOMER: A, D = 2/3
            assertRatio(latest, hourly("sql_to_customer_rate", member[0], member[1], T0), 2, 3);
            // reached MQL or SQL: A, B, C, D = 4
            assertTotal(latest, hourly("qualified_leads", member[0], member[1], T0), 4);
        }
    }

    @Test
    void shouldCountTheCreationStageAsReachedFirstWhenLeadCreatedArrivesAfterAStageChange() {
        // Given L1's change to SQL arrives before its LEAD_CREATED with stage MQL: the creation stage comes first,
        // whatever the arrival order, so L1 reached MQL and later SQL
        pipeline.send(
                stageChanged("L1", Stage.SQL).at(minutes(5)),
                leadCreated("L1").by("R1").stage(Stage.MQL).at(T0));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 1 / 1
        assertRatio(latest, hourly("mql_to_sql_rate", "org", "all", T0), 1, 1);
    }

    @Test
    void shouldTakeTheQualifiedCountBackFromTheOldOwnerWhenTheLeadIsReassigned() {
        // Given L1 created as MQL by R1: R1 has 1 qualified lead
        pipeline.send(leadCreated("L1").by("R1").stage(Stage.MQL).at(T0));
        assertTotal(pipeline.latest(Map.of()), hourly("qualified_leads", "rep", "R1", T0), 1);

        // When L1 is assigned to R2
        pipeline.send(assigned("L1").by("R2").at(minutes(5)));
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then R1's count falls to 0 (published once) and R2's rises to 1
        assertTotal(latest, hourly("qualified_leads", "rep", "R1", T0), 0);
        assertTotal(latest, hourly("qualified_leads", "rep", "R2", T0), 1);
    }

    @Test
    void shouldRateTouchesRepliesAndCustomersWhenRepliesComeFromUntouchedLeadsToo() {
        // Given four leads created 09:00 by R1:
        //   L1 touched by R1, replies NEUTRAL                  : touched, replied
        //   L2 touched by R1, no reply, becomes CUSTOMER        : touched
        //   L3 automated e-mail only, replies POSITIVE, becomes CUSTOMER : replied (not touched)
        //   L4 touched by R1, replies NEGATIVE                 : touched, replied
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                leadCreated("L3").by("R1").at(T0), leadCreated("L4").by("R1").at(T0),
                contacted("L1").by("R1").at(minutes(5)), replied("L1", Sentiment.NEUTRAL).at(minutes(6)),
                contacted("L2").by("R1").at(minutes(5)), stageChanged("L2", Stage.CUSTOMER).at(minutes(30)),
                contacted("L3").automated().by("R1").at(minutes(1)), replied("L3", Sentiment.POSITIVE).at(minutes(7)),
                stageChanged("L3", Stage.CUSTOMER).at(minutes(40)),
                contacted("L4").by("R1").at(minutes(5)), replied("L4", Sentiment.NEGATIVE).at(minutes(8)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then followed_up_pct: touched L1, L2, L4 / 4 leads = 3/4
        assertRatio(latest, daily("followed_up_pct", "org", "all", DAY), 3, 4);
        // response_rate: touched leads with any reply L1 (neutral counts), L4 / touched L1, L2, L4 = 2/3
        assertRatio(latest, daily("response_rate", "org", "all", DAY), 2, 3);
        // reply_to_customer_rate: replied L1, L3, L4, of which L3 reached CUSTOMER = 1/3 (L2 never replied)
        assertRatio(latest, daily("reply_to_customer_rate", "rep", "R1", DAY), 1, 3);
        // lead_to_customer_rate: L2, L3 = 2/4
        assertRatio(latest, daily("lead_to_customer_rate", "team", "T1", DAY), 2, 4);
    }

    @Test
    void shouldPublishNoConversionRateWhenNoLeadReachedTheFirstStage() {
        // Given one lead, never qualified
        pipeline.send(leadCreated("L1").by("R1").at(T0));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the rates from MQL and SQL are 0 / 0 and qualified_leads is 0: none is published; followed_up_pct 0/1 is
        assertUnpublished(latest, hourly("mql_to_sql_rate", "org", "all", T0));
        assertUnpublished(latest, hourly("sql_to_customer_rate", "org", "all", T0));
        assertUnpublished(latest, hourly("qualified_leads", "org", "all", T0));
        assertUnpublished(latest, hourly("response_rate", "org", "all", T0));
        assertRatio(latest, hourly("followed_up_pct", "org", "all", T0), 0, 1);
    }
}
