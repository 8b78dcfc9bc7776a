package com.salespulse.kpi.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.kpi.sla.AlertDriver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The alerting branches keep their state across versions only if their names stay: every one is explicit. */
class AlertTopologyNamingTest {

    @Test
    void shouldNameEveryAlertingProcessorStoreAndSinkWhenTheTopologyIsDescribed() {
        // Given the production topology with the default alert settings
        try (AlertDriver pipeline = new AlertDriver(AlertSettings.defaults(), Instant.parse("2026-11-02T09:00:00Z"))) {
            // When
            final String description = pipeline.topology().describe().toString();

            // Then
            assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
            assertThat(description).contains(AlertTopology.SLA_PROCESSOR, AlertTopology.SLA_STATE_STORE,
                    AlertTopology.SLA_DEADLINE_STORE, AlertTopology.SLA_ALERTS_COUNT, AlertTopology.SLA_ALERTS_SINK,
                    AlertTopology.KPI_RULE_PROCESSOR, AlertTopology.KPI_RULE_STORE, AlertTopology.KPI_ALERTS_COUNT,
                    AlertTopology.KPI_ALERTS_SINK, "sales.alerts");
        }
    }
}
