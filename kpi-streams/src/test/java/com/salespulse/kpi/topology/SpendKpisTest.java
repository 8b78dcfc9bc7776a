package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.campaignSpend;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.stageChanged;
import static com.salespulse.kpi.support.KpiAssert.assertKpi;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Stage;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flow KPIs of campaign spend (docs/kpis.md): cost_per_lead and customer_acquisition_cost, published for
 * org and channel only. CAMPAIGN_SPEND is about no lead: it counts for org/all and its own channel.
 */
class SpendKpisTest extends PipelineFixture {

    @Test
    void shouldDivideSpendByLeadsAndNewCustomersPerChannelWhenBothHaveSpendAndLeads() {
        // Given L1 and L2 (paid) and L3 (organic, created as CUSTOMER) at 09:00; spend paid 300.00 at 09:10 and
        // organic 50.00 at 09:20; L1 becomes CUSTOMER at 09:40
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                leadCreated("L2").by("R1").at(T0),
                leadCreated("L3").by("R1").channel("organic").stage(Stage.CUSTOMER).at(T0),
                campaignSpend("paid", "300.00").at(minutes(10)),
                campaignSpend("organic", "50.00").at(minutes(20)),
                stageChanged("L1", Stage.CUSTOMER).at(minutes(40)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then cost_per_lead: org 350 / 3 leads; paid 300 / 2; organic 50 / 1
        assertRatio(latest, hourly("cost_per_lead", "org", "all"), 350, 3);
        assertRatio(latest, hourly("cost_per_lead", "channel", "paid"), 300, 2);
        assertRatio(latest, hourly("cost_per_lead", "channel", "organic"), 50, 1);
        // and customer_acquisition_cost: new customers L3 (at its creation) and L1: org 350 / 2; paid 300 / 1; organic 50 / 1
        assertRatio(latest, hourly("customer_acquisition_cost", "org", "all"), 350, 2);
        assertRatio(latest, hourly("customer_acquisition_cost", "channel", "paid"), 300, 1);
        assertRatio(latest, hourly("customer_acquisition_cost", "channel", "organic"), 50, 1);
        // and neither is published for rep, team or region
        assertThat(latest.keySet()).filteredOn(key -> key.startsWith("cost_per_lead|") || key.startsWith("customer_acq"))
                .allMatch(key -> key.contains("|org|") || key.contains("|channel|"));
    }

    @Test
    void shouldPublishANullCostWhenAChannelHasSpendButNoLeads() {
        // Given 100.00 spent on the event channel, which brought no lead
        pipeline.send(campaignSpend("event", "100.00").at(minutes(30)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 100 / 0: value null, for the channel and for the organisation
        assertKpi(latest, hourly("cost_per_lead", "channel", "event"), 100, 0, null);
        assertKpi(latest, hourly("cost_per_lead", "org", "all"), 100, 0, null);
        assertKpi(latest, hourly("customer_acquisition_cost", "channel", "event"), 100, 0, null);
    }

    @Test
    void shouldCostNothingPerLeadWhenLeadsCameWithoutSpend() {
        // Given a lead and no spend
        pipeline.send(leadCreated("L1").by("R1").at(T0));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 0 / 1 = 0.0
        assertRatio(latest, hourly("cost_per_lead", "org", "all"), 0, 1);
    }

    private static String hourly(final String kpi, final String dimension, final String value) {
        return KpiKey.hourly(kpi, dimension, value, T0);
    }
}
