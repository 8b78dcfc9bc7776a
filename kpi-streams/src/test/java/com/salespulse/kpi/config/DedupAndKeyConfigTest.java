package com.salespulse.kpi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.kpi.topology.PipelineOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** salespulse.dedup.horizon and salespulse.pii.hmac.key, loaded like every other key and passed to the topology. */
class DedupAndKeyConfigTest {
    private static final String KEY = "a-key-from-the-environment-0123456789";

    @Test
    void shouldRememberSevenDaysWithoutAKeyWhenNothingIsConfigured() {
        // When
        final PipelineOptions options = PipelineOptions.from(SalesPulseConfig.load(null, Map.of()));

        // Then
        assertThat(options.dedupHorizon()).isEqualTo(Duration.ofDays(7));
        assertThat(options.leadIdKey().isSet()).isFalse();
    }

    @Test
    void shouldTakeTheHorizonAndTheKeyFromTheEnvironmentWhenSet() {
        // When
        final SalesPulseConfig config = SalesPulseConfig.load(null,
                Map.of("SALESPULSE_DEDUP_HORIZON", "P3D", "SALESPULSE_PII_HMAC_KEY", KEY));
        final PipelineOptions options = PipelineOptions.from(config);

        // Then
        assertThat(options.dedupHorizon()).isEqualTo(Duration.ofDays(3));
        assertThat(options.leadIdKey().isSet()).isTrue();
        // and printing the options never shows the key
        assertThat(options.toString()).doesNotContain(KEY);
    }

    @Test
    void shouldRefuseAShortKeyWithoutShowingItWhenConfigIsLoaded() {
        // When / Then
        assertThatThrownBy(() -> SalesPulseConfig.load(null, Map.of("SALESPULSE_PII_HMAC_KEY", "short-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SalesPulseConfig.PII_HMAC_KEY)
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void shouldRefuseAZeroHorizonWhenConfigIsLoaded() {
        // When / Then
        assertThatThrownBy(() -> SalesPulseConfig.of(Map.of(SalesPulseConfig.DEDUP_HORIZON, "PT0S")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SalesPulseConfig.DEDUP_HORIZON);
    }
}
