package com.salespulse.kpi.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog holds every KPI of KPIS.md (but the SLA ones, which come with the SLA engine) exactly once. */
class KpiCatalogTest {
    private static final List<String> ACTIVITIES = List.of("call", "email", "meeting", "demo", "sms", "social");
    private static final List<String> STAGES = List.of("subscriber", "lead", "mql", "sql", "opportunity", "customer",
            "evangelist", "disqualified");

    @Test
    void shouldHoldEveryKpiOfTheContractWithItsFamilyAndUnitWhenBuilt() {
        // Given the names, families and units of KPIS.md and docs/kpis.md
        final Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("first_response_time", "FLOW seconds"), Map.entry("leads_created", "FLOW count"),
                Map.entry("followed_up_leads", "FLOW count"), Map.entry("existing_customer_touches", "FLOW count"),
                Map.entry("opportunities_created", "FLOW count"), Map.entry("proposals_sent", "FLOW count"),
                Map.entry("deals_won", "FLOW count"), Map.entry("deals_lost", "FLOW count"),
                Map.entry("revenue_won", "FLOW money"), Map.entry("avg_deal_size", "FLOW money"),
                Map.entry("win_rate", "FLOW ratio"), Map.entry("close_ratio", "FLOW ratio"),
                Map.entry("quote_to_close_ratio", "FLOW ratio"), Map.entry("sales_cycle_length", "FLOW days"),
                Map.entry("lead_lifecycle_length", "FLOW days"), Map.entry("upsell_cross_sell_rate", "FLOW ratio"),
                Map.entry("avg_profit_margin", "FLOW ratio"), Map.entry("email_open_rate", "FLOW ratio"),
                Map.entry("nps", "FLOW score"), Map.entry("churned_customers", "FLOW count"),
                Map.entry("cost_per_lead", "FLOW money"), Map.entry("customer_acquisition_cost", "FLOW money"),
                Map.entry("pipeline_velocity", "FLOW money_per_day"), Map.entry("quota_attainment", "FLOW ratio"),
                Map.entry("positive_reply_rate", "COHORT ratio"), Map.entry("negative_reply_rate", "COHORT ratio"),
                Map.entry("followed_up_pct", "COHORT ratio"), Map.entry("lead_to_customer_rate", "COHORT ratio"),
                Map.entry("mql_to_sql_rate", "COHORT ratio"), Map.entry("mql_to_customer_rate", "COHORT ratio"),
                Map.entry("sql_to_customer_rate", "COHORT ratio"), Map.entry("qualified_leads", "COHORT count"),
                Map.entry("response_rate", "COHORT ratio"), Map.entry("reply_to_customer_rate", "COHORT ratio"),
                Map.entry("sla_met_pct", "COHORT ratio"), Map.entry("sla_breaches", "FLOW count")));
        ACTIVITIES.forEach(activity -> {
            expected.put("activity_count." + activity, "FLOW count");
            expected.put("revenue_by_first_touch." + activity, "FLOW money");
        });
        STAGES.forEach(stage -> expected.put("lead_stage_share." + stage, "COHORT ratio"));

        // When
        final Map<String, String> catalog = KpiCatalog.all().stream()
                .collect(Collectors.toMap(Kpi::name, kpi -> kpi.family() + " " + kpi.unit()));

        // Then exactly those: 36 + 6 + 6 + 8 = 56 KPIs, every name once
        assertThat(catalog).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(KpiCatalog.all()).hasSize(56);
        assertThat(KpiCatalog.all()).allMatch(kpi -> !kpi.definition().isBlank());
    }

    @Test
    void shouldLimitSpendKpisToOrgAndChannelAndQuotaToRepAndTeamMonthsWhenAskedWhereTheyApply() {
        // Given
        final Kpi costPerLead = KpiCatalog.byName("cost_per_lead").orElseThrow();
        final Kpi acquisition = KpiCatalog.byName("customer_acquisition_cost").orElseThrow();
        final Kpi quota = KpiCatalog.byName("quota_attainment").orElseThrow();
        final Kpi winRate = KpiCatalog.byName("win_rate").orElseThrow();

        // Then
        for (final String window : List.of("PT1H", "P1D", "day", "week", "month", "quarter")) {
            assertThat(costPerLead.appliesTo(Dimension.ORG, window)).isTrue();
            assertThat(acquisition.appliesTo(Dimension.CHANNEL, window)).isTrue();
            assertThat(costPerLead.appliesTo(Dimension.REP, window)).isFalse();
            assertThat(acquisition.appliesTo(Dimension.REGION, window)).isFalse();
            assertThat(acquisition.appliesTo(Dimension.TEAM, window)).isFalse();
            assertThat(quota.appliesTo(Dimension.REP, window)).isEqualTo(window.equals("month"));
            assertThat(quota.appliesTo(Dimension.TEAM, window)).isEqualTo(window.equals("month"));
            assertThat(quota.appliesTo(Dimension.ORG, window)).isFalse();
            for (final Dimension dimension : Dimension.values()) {
                assertThat(winRate.appliesTo(dimension, window)).isTrue();
            }
        }
        assertThat(costPerLead.dimensionLabels()).containsExactly("org", "channel");
        assertThat(quota.windows()).containsExactly("month");
    }

    @Test
    void shouldReadCohortMeasuresOnlyInCohortKpisWhenFamiliesAreCompared() {
        // Then a cohort KPI reads only cohort measures and a flow KPI only flow ones: the cohort horizon drops whole KPIs
        for (final Kpi kpi : KpiCatalog.all()) {
            assertThat(kpi.measures()).as(kpi.name()).allMatch(measure -> measure.family() == kpi.family());
        }
        // and QUOTA, which no event produces, is kept like a flow measure
        assertThat(Measure.QUOTA.family()).isEqualTo(Family.FLOW);
        assertThat(Measure.COHORT_QUALIFIED_LEADS.family()).isEqualTo(Family.COHORT);
    }
}
