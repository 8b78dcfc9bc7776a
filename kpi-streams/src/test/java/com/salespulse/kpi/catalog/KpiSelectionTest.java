package com.salespulse.kpi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KpiSelectionTest {

    @Test
    void shouldSelectEveryKpiWhenAllIsGiven() {
        assertThat(selected(KpiSelection.parse("all"))).hasSize(KpiCatalog.all().size());
    }

    @Test
    void shouldSelectTheCoreKpisOfTheDefinitionsWhenCoreIsGiven() {
        // docs/kpis.md: first_response_time, the reply rates and one lead_stage_share per stage
        assertThat(selected(KpiSelection.parse("core"))).containsExactlyInAnyOrder("first_response_time",
                "positive_reply_rate", "negative_reply_rate", "lead_stage_share.subscriber", "lead_stage_share.lead",
                "lead_stage_share.mql", "lead_stage_share.sql", "lead_stage_share.opportunity",
                "lead_stage_share.customer", "lead_stage_share.evangelist", "lead_stage_share.disqualified");
    }

    @Test
    void shouldSelectNamesAndPrefixesWhenAListIsGiven() {
        assertThat(selected(KpiSelection.parse(" win_rate , activity_count ")))
                .contains("win_rate", "activity_count.call", "activity_count.social")
                .allMatch(name -> name.equals("win_rate") || name.startsWith("activity_count."))
                .hasSize(7);
    }

    @Test
    void shouldRefuseTheSelectionWhenANameIsNoKpi() {
        assertThatThrownBy(() -> KpiSelection.parse("first_response_time,win_rat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("win_rat");
        assertThatThrownBy(() -> KpiSelection.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
        // a prefix must end at a dot: "first" is no KPI
        assertThatThrownBy(() -> KpiSelection.parse("first")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> selected(final KpiSelection selection) {
        return IntStream.range(0, KpiCatalog.all().size()).filter(selection::includes)
                .mapToObj(index -> KpiCatalog.all().get(index).name()).toList();
    }
}
