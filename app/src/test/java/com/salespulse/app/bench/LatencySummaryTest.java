package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void shouldTakeNearestRankPercentilesWhenThereAreHundredSamples() {
        // Given 1..100 ms in reverse order
        final long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        // When they are summarised
        final LatencySummary summary = LatencySummary.of(samples, samples.length);

        // Then p50 is the 50th smallest (ceil(0.50 * 100) = 50) and p99 the 99th (ceil(0.99 * 100) = 99)
        assertThat(summary).isEqualTo(new LatencySummary(100, 50, 99, 100));
    }

    @Test
    void shouldRoundTheRankUpWhenItFallsBetweenSamples() {
        // Given 7 samples: p50 rank ceil(3.5) = 4, p99 rank ceil(6.93) = 7
        final long[] samples = {70, 10, 40, 20, 60, 30, 50};

        // When they are summarised
        final LatencySummary summary = LatencySummary.of(samples, samples.length);

        // Then the 4th and 7th smallest are reported
        assertThat(summary).isEqualTo(new LatencySummary(7, 40, 70, 70));
    }

    @Test
    void shouldLetOneSlowSampleInAThousandStayAboveP99WhenTheRestAreFast() {
        // Given 999 samples of 5 ms and one of 900 ms: p99 rank ceil(990) = 990 is still a 5 ms sample
        final long[] samples = new long[1000];
        Arrays.fill(samples, 5);
        samples[123] = 900;

        // When they are summarised
        final LatencySummary summary = LatencySummary.of(samples, samples.length);

        // Then only the max shows the outlier
        assertThat(summary).isEqualTo(new LatencySummary(1000, 5, 5, 900));
    }

    @Test
    void shouldShowTheTailInP99WhenMoreThanOnePercentIsSlow() {
        // Given 98 samples of 5 ms and 2 of 900 ms: p99 rank 99 is a 900 ms sample
        final long[] samples = new long[100];
        Arrays.fill(samples, 5);
        samples[0] = 900;
        samples[50] = 900;

        // When they are summarised
        final LatencySummary summary = LatencySummary.of(samples, samples.length);

        // Then p99 is 900 ms
        assertThat(summary.p99()).isEqualTo(900);
        assertThat(summary.p50()).isEqualTo(5);
    }

    @Test
    void shouldUseOnlyTheFirstCountSamplesWhenTheArrayIsLarger() {
        // Given a buffer of 5 whose last 2 slots are unused
        final long[] samples = {3, 1, 2, 1000, 1000};

        // When the first 3 are summarised
        final LatencySummary summary = LatencySummary.of(samples, 3);

        // Then the unused slots play no part
        assertThat(summary).isEqualTo(new LatencySummary(3, 2, 3, 3));
    }

    @Test
    void shouldBeEmptyWhenThereAreNoSamples() {
        assertThat(LatencySummary.of(new long[0], 0).isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseWhenTheCountIsLargerThanTheArray() {
        assertThatThrownBy(() -> LatencySummary.of(new long[2], 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSummariseEverySampleAddedWhenSamplesGrowPastTheirFirstArray() {
        // Given 100,000 samples 1..100,000 ms added one by one (more than the initial 16,384 slots)
        final LongSamples samples = new LongSamples();
        for (long i = 100_000; i >= 1; i--) {
            samples.add(i);
        }

        // When they are summarised
        final LatencySummary summary = samples.summary();

        // Then p50 is the 50,000th smallest and p99 the 99,000th
        assertThat(summary).isEqualTo(new LatencySummary(100_000, 50_000, 99_000, 100_000));
    }
}
