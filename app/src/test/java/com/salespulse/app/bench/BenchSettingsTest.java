package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void shouldRunTheSelectionGivenWithKpis() {
        assertThat(settings("core", 6).selection()).contains("core");
        assertThat(settings("first_response_time, lead_stage_share", 6).selection())
                .contains("first_response_time, lead_stage_share");
        assertThat(settings("all", 6).selection()).contains("all");
    }

    @Test
    void shouldRunNoSelectionWhenKpisIsNone() {
        assertThat(settings(BenchSettings.NO_SELECTION, 6).selection()).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownKpiBeforeAnythingStarts() {
        assertThatThrownBy(() -> settings("core,first_respnse_time", 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kpis: ")
                .hasMessageContaining("first_respnse_time");
        assertThatThrownBy(() -> settings("", 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kpis: ");
    }

    @Test
    void shouldRejectFewerThanOneWeek() {
        assertThatThrownBy(() -> settings("core", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--weeks must be at least 1");
    }

    private static BenchSettings settings(final String kpis, final int weeks) {
        return new BenchSettings(20_000, weeks, kpis, 2_000, Duration.ofSeconds(5), Duration.ofSeconds(1), 4, 1, 42);
    }
}
