package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.dealLost;
import static com.salespulse.kpi.support.Events.dealWon;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.opportunityCreated;
import static com.salespulse.kpi.support.Events.proposalSent;
import static com.salespulse.kpi.support.KpiAssert.assertKpi;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiAssert.assertUnpublished;
import static com.salespulse.kpi.support.KpiKey.daily;
import static com.salespulse.kpi.support.KpiKey.hourly;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.KpiChange;
import com.salespulse.kpi.support.PipelineFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flow KPIs of opportunities and deals (docs/kpis.md): opportunities_created, proposals_sent, deals_won,
 * deals_lost, revenue_won, avg_deal_size, win_rate, close_ratio, quote_to_close_ratio,
 * upsell_cross_sell_rate, avg_profit_margin, revenue_by_first_touch.&lt;activity&gt;.
 */
class DealKpisTest extends PipelineFixture {

    @Test
    void shouldComputeTheDealKpisOfTheHourWhenDealsAreWonLostAndOpen() {
        // Given four leads of R1, created 09:00:
        //   L1: called 09:05 (first human touch CALL); O1 created 09:10, proposal 09:20, won 09:30: 1,000.00 NEW, cost 600.00
        //   L2: O2 created 09:10, proposal 09:20, lost 09:40
        //   L3: automated e-mail 09:02, demo 09:12 (first human touch DEMO); O3 created 09:15, won 09:45: 500.00 UPSELL, no cost
        //   L4: O4 created 09:15, and OPPORTUNITY_CREATED of O4 again at 09:16 (a repeat: counts nothing)
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                leadCreated("L3").by("R1").at(T0), leadCreated("L4").by("R1").at(T0),
                contacted("L3").automated().by("R1").at(minutes(2)),
                contacted("L1").by("R1").at(minutes(5)),
                opportunityCreated("L1", "O1").by("R1").at(minutes(10)),
                opportunityCreated("L2", "O2").by("R1").at(minutes(10)),
                contacted("L3").by("R1").activity(Activity.DEMO).at(minutes(12)),
                opportunityCreated("L3", "O3").by("R1").at(minutes(15)),
                opportunityCreated("L4", "O4").by("R1").at(minutes(15)),
                opportunityCreated("L4", "O4").by("R1").at(minutes(16)),
                proposalSent("L1", "O1").by("R1").at(minutes(20)),
                proposalSent("L2", "O2").by("R1").at(minutes(20)),
                dealWon("L1", "O1").by("R1").amount("1000.00").cost("600.00").at(minutes(30)),
                dealLost("L2", "O2").by("R1").at(minutes(40)),
                dealWon("L3", "O3").by("R1").amount("500.00").dealType(DealType.UPSELL).at(minutes(45)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then, for org and for R1 alike:
        for (final String[] member : new String[][] {{"org", "all"}, {"rep", "R1"}, {"team", "T1"}}) {
            // opportunities O1..O4 = 4, proposals 2, won 2, lost 1, revenue 1,000 + 500 = 1,500
            assertTotal(latest, hourly("opportunities_created", member[0], member[1], T0), 4);
            assertTotal(latest, hourly("proposals_sent", member[0], member[1], T0), 2);
            assertTotal(latest, hourly("deals_won", member[0], member[1], T0), 2);
            assertTotal(latest, hourly("deals_lost", member[0], member[1], T0), 1);
            assertTotal(latest, hourly("revenue_won", member[0], member[1], T0), 1500);
            // avg_deal_size 1,500 / 2 = 750; win_rate 2 / (2 + 1); close_ratio 2 / 4; quote_to_close 2 / 2
            assertRatio(latest, hourly("avg_deal_size", member[0], member[1], T0), 1500, 2);
            assertRatio(latest, hourly("win_rate", member[0], member[1], T0), 2, 3);
            assertRatio(latest, hourly("close_ratio", member[0], member[1], T0), 2, 4);
            assertRatio(latest, hourly("quote_to_close_ratio", member[0], member[1], T0), 2, 2);
            // upsell_cross_sell_rate: O3 of the 2 won deals = 1/2
            assertRatio(latest, hourly("upsell_cross_sell_rate", member[0], member[1], T0), 1, 2);
            // avg_profit_margin: only O1 carries a cost: (1,000 - 600) / 1,000 = 0.4; O3 is left out
            assertRatio(latest, hourly("avg_profit_margin", member[0], member[1], T0), 400, 1000);
            // revenue_by_first_touch: O1's 1,000 to L1's first human touch (CALL), O3's 500 to L3's (DEMO, not the
            // automated e-mail before it)
            assertTotal(latest, hourly("revenue_by_first_touch.call", member[0], member[1], T0), 1000);
            assertTotal(latest, hourly("revenue_by_first_touch.demo", member[0], member[1], T0), 500);
            assertUnpublished(latest, hourly("revenue_by_first_touch.email", member[0], member[1], T0));
        }
    }

    @Test
    void shouldRateZeroAndPublishNoDealSizeWhenTheHourHasOnlyLosses() {
        // Given two lost deals and no won deal
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                dealLost("L1", "O1").by("R1").at(minutes(10)),
                dealLost("L2", "O2").by("R1").at(minutes(20)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then win_rate 0 / (0 + 2) = 0.0, and nothing that divides by won deals or counts them is published
        assertRatio(latest, hourly("win_rate", "org", "all", T0), 0, 2);
        assertTotal(latest, hourly("deals_lost", "org", "all", T0), 2);
        assertUnpublished(latest, hourly("deals_won", "org", "all", T0));
        assertUnpublished(latest, hourly("avg_deal_size", "org", "all", T0));
        assertUnpublished(latest, hourly("upsell_cross_sell_rate", "org", "all", T0));
        assertUnpublished(latest, hourly("revenue_won", "org", "all", T0));
    }

    @Test
    void shouldGiveANegativeMarginWhenTheCostExceedsTheAmountAndIgnoreDealsWithoutCost() {
        // Given O1 won for 100.00 at a cost of 150.00, O2 won for 900.00 without a cost, O3 won for 50.00 at cost 0
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                dealWon("L1", "O1").by("R1").amount("100.00").cost("150.00").at(minutes(10)),
                dealWon("L1", "O2").by("R1").amount("900.00").at(minutes(20)),
                dealWon("L1", "O3").by("R1").amount("50.00").cost("0").at(minutes(30)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then ((100 + 50) - (150 + 0)) / (100 + 50) = 0 / 150 = 0.0; O2 counts for revenue only
        assertRatio(latest, hourly("avg_profit_margin", "org", "all", T0), 0, 150);
        assertTotal(latest, hourly("revenue_won", "org", "all", T0), 1050);
    }

    @Test
    void shouldAttributeToNoActivityWhenTheWonLeadHadNoHumanTouch() {
        // Given L5 touched only by an automated e-mail, a deal of 200.00 won; then a human call after the win
        pipeline.send(
                leadCreated("L5").by("R1").at(T0),
                contacted("L5").automated().by("R1").at(minutes(1)),
                dealWon("L5", "O5").by("R1").amount("200.00").at(minutes(10)),
                contacted("L5").by("R1").at(minutes(20)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the revenue counts (200) but no revenue_by_first_touch: the later call does not attribute it afterwards
        assertTotal(latest, hourly("revenue_won", "org", "all", T0), 200);
        assertThat(latest.keySet()).noneMatch(key -> key.startsWith("revenue_by_first_touch."));
    }

    @Test
    void shouldCountTheDealForTheRepOnTheEventWhenAnotherRepOwnsTheLead() {
        // Given L1 owned by R1 (assigned), the deal won by R2: 300.00; then R1 loses another deal of L1
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                assigned("L1").by("R1").at(minutes(1)),
                dealWon("L1", "O1").by("R2").amount("300.00").at(minutes(10)),
                dealLost("L1", "O2").by("R1").at(minutes(20)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then R2 (T2) won 1 of 1 for 300; R1 (T1) won 0 of 1; org 1 of 2
        assertTotal(latest, hourly("revenue_won", "rep", "R2", T0), 300);
        assertRatio(latest, hourly("win_rate", "team", "T2", T0), 1, 1);
        assertRatio(latest, hourly("win_rate", "rep", "R1", T0), 0, 1);
        assertRatio(latest, hourly("win_rate", "org", "all", T0), 1, 2);
        assertUnpublished(latest, hourly("revenue_won", "rep", "R1", T0));
    }

    @Test
    void shouldPublishCloseAndQuoteRatiosAboveOneWhenWinsOutnumberTheHoursOpportunities() {
        // Given O1 created at 09:10 with a proposal at 09:20, and in the 10:00 hour two deals won (O1 and O2, whose
        // opportunity and proposal were never seen) and no new opportunity or proposal
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                opportunityCreated("L1", "O1").by("R1").at(minutes(10)),
                proposalSent("L1", "O1").by("R1").at(minutes(20)),
                dealWon("L1", "O1").by("R1").amount("10").at(minutes(70)),
                dealWon("L1", "O2").by("R1").amount("10").at(minutes(80)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the 10:00 hour: 2 won / 0 opportunities and 2 won / 0 proposals: value null; the day: 2/1 = 2.0
        assertKpi(latest, hourly("close_ratio", "org", "all", minutes(60)), 2, 0, null);
        assertKpi(latest, hourly("quote_to_close_ratio", "org", "all", minutes(60)), 2, 0, null);
        assertRatio(latest, daily("close_ratio", "org", "all", DAY), 2, 1);
        // and the 09:00 hour: 0 won / 1 opportunity = 0.0
        assertRatio(latest, hourly("close_ratio", "org", "all", T0), 0, 1);
    }
}
