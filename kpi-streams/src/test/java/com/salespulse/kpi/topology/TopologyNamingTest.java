package com.salespulse.kpi.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.kpi.support.PipelineDriver;
import org.junit.jupiter.api.Test;

/** Renamed internals lose state: every processor, store and internal topic is named explicitly. */
class TopologyNamingTest {

    @Test
    void shouldHoldNoGeneratedNamesWhenDescribed() {
        // Given the production topology
        try (PipelineDriver pipeline = new PipelineDriver()) {
            // When
            final String description = pipeline.topology().describe().toString();

            // Then
            assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
            assertThat(description).contains("journey-update", "bucket-aggregate", "bucket-deltas-repartition",
                    "lead-journey-store", "delta-buffer-store", "bucket-store", "reps-store", "kpi-changes-sink",
                    "event-dedup", "event-id-store", "webform-submissions-source", "webform-normalise", "submission-store",
                    "webform-leads-sink");
        }
    }
}
