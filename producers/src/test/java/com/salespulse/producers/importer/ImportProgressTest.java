package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

    @Test
    void shouldShowPercentRateAndEtaWhenTheSizeIsKnown() {
        // A quarter of 4 MB in 10 s: 1,000 lines/s; the other three quarters take 30 s more.
        final ImportProgress progress = new ImportProgress("a.csv", 10_000, 1_000_000, 4_000_000, Duration.ofSeconds(10));

        assertThat(progress.eta()).isEqualTo(Duration.ofSeconds(30));
        assertThat(progress.bar(8)).isEqualTo("[##......]  25%  10,000 lines  1,000 lines/s  ETA 0:30");
    }

    @Test
    void shouldShowLinesAndRateOnlyWhenTheSizeIsUnknown() {
        final ImportProgress progress = new ImportProgress("stdin", 500, 2_000_000, -1, Duration.ofSeconds(5));

        assertThat(progress.eta()).isNull();
        assertThat(progress.bar(8)).isEqualTo("500 lines  2.0 MB  100 lines/s");
    }

    @Test
    void shouldWriteHoursWhenTheDurationIsLong() {
        assertThat(ImportProgress.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(ImportProgress.clock(Duration.ofSeconds(42))).isEqualTo("0:42");
    }
}
