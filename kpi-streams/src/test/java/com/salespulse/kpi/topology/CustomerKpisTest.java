package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.churned;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.npsResponse;
import static com.salespulse.kpi.support.KpiAssert.assertKpi;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiKey.daily;
import static com.salespulse.kpi.support.KpiKey.hourly;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.support.PipelineFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flow KPIs of customers (docs/kpis.md): nps and churned_customers. */
class CustomerKpisTest extends PipelineFixture {

    @Test
    void shouldSubtractDetractorsFromPromotersWhenResponsesAreMixed() {
        // Given six responses in the 09:00 hour on R1's leads: 10, 9, 9 (promoters), 8, 7 (passives), 3 (detractor);
        // L1 answers twice and both count
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                npsResponse("L1", 10).at(minutes(1)), npsResponse("L1", 9).at(minutes(2)),
                npsResponse("L2", 9).at(minutes(3)), npsResponse("L2", 8).at(minutes(4)),
                npsResponse("L2", 7).at(minutes(5)), npsResponse("L2", 3).at(minutes(6)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 100 x (3 - 1) / 6 = 33.33: 50 % promoters minus 16.67 % detractors; NPS_RESPONSE has no rep → owner R1
        assertKpi(latest, hourly("nps", "org", "all", T0), 200, 6, 200 / 6.0);
        assertKpi(latest, hourly("nps", "rep", "R1", T0), 200, 6, 200 / 6.0);
        assertKpi(latest, daily("nps", "team", "T1", DAY), 200, 6, 200 / 6.0);
    }

    @Test
    void shouldScoreZeroWhenEveryResponseIsAPassive() {
        // Given only 7 and 8
        pipeline.send(leadCreated("L1").by("R1").at(T0), npsResponse("L1", 7).at(minutes(1)),
                npsResponse("L1", 8).at(minutes(2)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 100 x (0 - 0) / 2 = 0, published: the passives are responses
        assertKpi(latest, hourly("nps", "org", "all", T0), 0, 2, 0.0);
    }

    @Test
    void shouldScoreMinusOneHundredWhenEveryResponseIsADetractorUpToSix() {
        // Given 0 and 6
        pipeline.send(leadCreated("L1").by("R1").at(T0), npsResponse("L1", 0).at(minutes(1)),
                npsResponse("L1", 6).at(minutes(2)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 100 x (0 - 2) / 2 = -100
        assertKpi(latest, hourly("nps", "org", "all", T0), -200, 2, -100.0);
    }

    @Test
    void shouldCountEveryChurnForTheLeadsOwnerWhenACustomerChurnsTwice() {
        // Given L1 (R1) churns 09:10, L2 (R1, reassigned to R2 at 09:15) churns 09:20, L1 churns again 10:00
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                churned("L1").at(minutes(10)),
                assigned("L2").by("R2").at(minutes(15)),
                churned("L2").at(minutes(20)),
                churned("L1").at(minutes(60)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 09:00 hour 2, 10:00 hour 1, the day 3; R1 has L1's two, R2 (the owner at the churn) has L2's
        assertTotal(latest, hourly("churned_customers", "org", "all", T0), 2);
        assertTotal(latest, hourly("churned_customers", "org", "all", minutes(60)), 1);
        assertTotal(latest, daily("churned_customers", "org", "all", DAY), 3);
        assertTotal(latest, daily("churned_customers", "rep", "R1", DAY), 2);
        assertTotal(latest, daily("churned_customers", "rep", "R2", DAY), 1);
    }
}
