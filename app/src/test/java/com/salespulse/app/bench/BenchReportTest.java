package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final BenchSettings SETTINGS =
            new BenchSettings(500_000, 2_000, Duration.ofSeconds(30), Duration.ofSeconds(5), 4, 1, 42);
    private static final Throughput LOAD = new Throughput(500_000, Duration.ofSeconds(2));
    private static final Throughput RAW = new Throughput(500_000, Duration.ofMillis(500));

    @Test
    void shouldPassBothTargetsWhenThePipelineIsFastAndTheTailShort() {
        // Given 500,000 events committed 20 s after start (25,000 ev/s; raw 1,000,000 ev/s -> ratio 0.025)
        // and a p99 of 250 ms
        final BenchReport report = report(Duration.ofSeconds(20), new LatencySummary(60_000, 80, 250, 400));

        // When it is printed
        final List<String> lines = report.lines();

        // Then
        assertThat(lines.get(2)).contains("load: 250,000 ev/s", "raw consumer: 1,000,000 ev/s",
                "pipeline (EOS): 25,000 ev/s (ratio 0.025", "repartition tail +0.5 s",
                "latency @2,000 ev/s: p50 80 ms, p99 250 ms, max 400 ms (60,000 samples)");
        assertThat(lines.get(3)).isEqualTo(
                "targets: pipeline >= 20,000 ev/s: PASS (25,000) | p99 < 500 ms @2,000 ev/s: PASS (250 ms)");
        assertThat(lines.get(4)).isEqualTo("latency measured from: the event-time header (earliest occurredAt) on "
                + "60,000 of 60,000 samples; of which computed -> read_committed: p50 40 ms, p99 90 ms");
        // 1.5 cores for 20 s over 500,000 events = 60 us per event; 0.9 cores = 36 us
        assertThat(lines.get(5)).startsWith("cpu: pipeline phase process 1.50 cores (stream threads 0.90), machine 1.90 of ")
                .contains("= 60 us of CPU per event (stream threads 36 us)")
                .endsWith("| latency phase process 0.80 cores (stream threads 0.50), machine n/a");
    }

    @Test
    void shouldMissBothTargetsWhenThePipelineIsSlowAndP99IsAtTheLimit() {
        // Given 500,000 events committed after 50 s (10,000 ev/s) and a p99 of exactly 500 ms (not under 500)
        final BenchReport report = report(Duration.ofSeconds(50), new LatencySummary(1_000, 300, 500, 700));

        assertThat(report.lines().get(3)).isEqualTo(
                "targets: pipeline >= 20,000 ev/s: MISS (10,000) | p99 < 500 ms @2,000 ev/s: MISS (500 ms)");
    }

    @Test
    void shouldMissTheLatencyTargetWhenThereAreNoSamples() {
        final BenchReport report = report(Duration.ofSeconds(20), new LatencySummary(0, 0, 0, 0));

        assertThat(report.lines().get(2)).contains("latency @2,000 ev/s: no samples");
        assertThat(report.lines().get(3)).endsWith("MISS (no samples)");
    }

    private static BenchReport report(final Duration inputCommitted, final LatencySummary latency) {
        final PipelineThroughput.Result pipeline = new PipelineThroughput.Result(500_000, Duration.ofSeconds(3),
                inputCommitted, inputCommitted.plusMillis(500), new CpuUsage(1.5, 0.9, 1.9));
        final LatencyProbe.Result probe = new LatencyProbe.Result(latency, 70_000, 0, Duration.ofMillis(3), 1_000,
                latency.count(), new LatencySummary(latency.count(), 40, 90, 120), new CpuUsage(0.8, 0.5, -1));
        return new BenchReport(SETTINGS, "exactly_once_v2", 100, LOAD, RAW, pipeline, probe,
                "2 cores, load average 1.00 1.00 1.00", Duration.ofSeconds(90));
    }
}
