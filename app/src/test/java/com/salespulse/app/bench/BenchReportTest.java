package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final BenchSettings SETTINGS = settings("core", 2_000);
    private static final Throughput LOAD = new Throughput(500_000, Duration.ofSeconds(2));
    /** 1,000,000 ev/s: a pipeline at 100,000 ev/s is at ratio 0.10. */
    private static final Throughput RAW = new Throughput(500_000, Duration.ofMillis(500));
    private static final TopicWrites WRITES = new TopicWrites(Map.of(
            "lead-journey-store-changelog", 350_000L,
            "bucket-store-changelog", 450_000L,
            "sales.kpi-changes", 950_000L,
            "bucket-deltas-repartition", 450_000L));
    private static final LatencySummary P99_250 = new LatencySummary(60_000, 80, 250, 400);

    @Test
    void shouldPrintEveryFigureAndPassEveryTargetWhenThePipelinesAreFastAndChangesFew() {
        // Given the full catalog committing 500,000 events after 4 s (125,000 ev/s, ratio 0.125) with 900,000
        // KpiChanges, the selection after 2 s (250,000 ev/s, ratio 0.250) with 150,000, and a p99 of 250 ms
        final BenchReport report = report(run(Duration.ofSeconds(4), 900_000), Optional.of(selection(Duration.ofSeconds(2),
                150_000)), P99_250, SETTINGS);

        // When it is printed
        final List<String> lines = report.lines();

        // Then every line says its figures, and every target is met
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo("==== salespulse bench summary ====");
        assertThat(lines.get(1)).isEqualTo("setup: 500,000 events over about 6 weeks, 4 partitions, 1 stream thread, "
                + "exactly_once_v2, commit.interval.ms 100, 2 cores, load average 1.00 1.00 1.00, run 90 s");
        assertThat(lines.get(2)).isEqualTo("load: 250,000 ev/s | raw consumer: 1,000,000 ev/s | pipeline (EOS, full catalog): "
                + "125,000 ev/s (ratio 0.125; input committed after 4.0 s incl. 1.0 s start-up, repartition tail +0.5 s) | "
                + "latency @2,000 ev/s: p50 80 ms, p99 250 ms, max 400 ms (60,000 samples), sender at worst 3 ms behind");
        // Largest first; equal counts by name
        assertThat(lines.get(3)).isEqualTo("full catalog writes per input event (end offsets, incl. transaction markers: "
                + "an upper bound): sales.kpi-changes 1.90, bucket-deltas-repartition 0.90, bucket-store-changelog 0.90, "
                + "lead-journey-store-changelog 0.70");
        assertThat(lines.get(4)).isEqualTo("pipeline (EOS, KPI selection core): 250,000 ev/s (ratio 0.250; input committed "
                + "after 2.0 s incl. 1.0 s start-up, repartition tail +0.5 s)");
        assertThat(lines.get(5)).isEqualTo(
                "KpiChange records per input event (committed, exact): full catalog 1.80 (900,000) | KPI selection core 0.30 (150,000)");
        assertThat(lines.get(6)).isEqualTo("targets: full catalog >= 0.10 x raw consumer: PASS (0.125) | "
                + "KPI selection core >= 0.20 x raw consumer: PASS (0.250) | "
                + "backfill <= 2 KpiChange records per input event: PASS (1.80) | p99 <= 250 ms @2,000 ev/s: PASS (250 ms)");
        assertThat(lines.get(7)).isEqualTo("latency measured from: the event-time header (earliest occurredAt) on "
                + "60,000 of 60,000 samples; of which computed -> read_committed: p50 40 ms, p99 90 ms");
        // 1.5 cores for 4 s over 500,000 events = 12 us per event, 0.9 cores = 7 us; the selection: 1.2 and 0.8 cores
        // for 2 s = 5 and 3 us
        assertThat(lines.get(8)).startsWith("cpu: pipeline phase process 1.50 cores (stream threads 0.90), machine 1.90 of ")
                .contains(" busy = 12 us of CPU per event (stream threads 7 us) | KPI selection core phase process 1.20 cores "
                        + "(stream threads 0.80), machine n/a = 5 us of CPU per event (stream threads 3 us) | ")
                .endsWith("| latency phase process 0.80 cores (stream threads 0.50), machine n/a");
    }

    @Test
    void shouldPassEveryTargetWhenEachFigureIsExactlyAtItsLimit() {
        // Given the full catalog at 100,000 ev/s (ratio 0.10) with 1,000,000 KpiChanges (2 per event), the selection
        // at 200,000 ev/s (ratio 0.20) and a p99 of 250 ms
        final BenchReport report = report(run(Duration.ofSeconds(5), 1_000_000),
                Optional.of(selection(Duration.ofMillis(2_500), 100_000)), P99_250, SETTINGS);

        // Then every target is met: each is "at least" or "at most"
        assertThat(report.lines().get(6)).isEqualTo("targets: full catalog >= 0.10 x raw consumer: PASS (0.100) | "
                + "KPI selection core >= 0.20 x raw consumer: PASS (0.200) | "
                + "backfill <= 2 KpiChange records per input event: PASS (2.00) | p99 <= 250 ms @2,000 ev/s: PASS (250 ms)");
    }

    @Test
    void shouldMissEveryTargetWhenEachFigureIsJustOverItsLimit() {
        // Given the full catalog at 99,010 ev/s (ratio 0.099) with 1,005,000 KpiChanges (2.01 per event), the
        // selection at 198,020 ev/s (ratio 0.198) and a p99 of 251 ms
        final BenchReport report = report(run(Duration.ofMillis(5_050), 1_005_000),
                Optional.of(selection(Duration.ofMillis(2_525), 100_000)), new LatencySummary(1_000, 100, 251, 300),
                SETTINGS);

        // Then every target is missed, each with its figure
        assertThat(report.lines().get(6)).isEqualTo("targets: full catalog >= 0.10 x raw consumer: MISS (0.099) | "
                + "KPI selection core >= 0.20 x raw consumer: MISS (0.198) | "
                + "backfill <= 2 KpiChange records per input event: MISS (2.01) | p99 <= 250 ms @2,000 ev/s: MISS (251 ms)");
    }

    @Test
    void shouldSayTheSelectionWasNotRunWhenKpisIsNone() {
        // Given a run with --kpis none: no selection
        final BenchReport report = report(run(Duration.ofSeconds(4), 900_000), Optional.empty(), P99_250,
                settings(BenchSettings.NO_SELECTION, 2_000));

        // When it is printed
        final List<String> lines = report.lines();

        // Then the selection has no figures, and its target is not judged
        assertThat(lines.get(4)).isEqualTo("KPI selection: not run (--kpis none)");
        assertThat(lines.get(5)).isEqualTo("KpiChange records per input event (committed, exact): full catalog 1.80 (900,000)");
        assertThat(lines.get(6)).isEqualTo("targets: full catalog >= 0.10 x raw consumer: PASS (0.125) | "
                + "KPI selection >= 0.20 x raw consumer: not run | "
                + "backfill <= 2 KpiChange records per input event: PASS (1.80) | p99 <= 250 ms @2,000 ev/s: PASS (250 ms)");
        assertThat(lines.get(8)).doesNotContain("KPI selection")
                .contains("(stream threads 7 us) | latency phase process 0.80 cores");
    }

    @Test
    void shouldMissTheLatencyTargetWhenThereAreNoSamples() {
        final BenchReport report = report(run(Duration.ofSeconds(4), 900_000), Optional.empty(),
                new LatencySummary(0, 0, 0, 0), SETTINGS);

        assertThat(report.lines().get(2)).contains("latency @2,000 ev/s: no samples");
        assertThat(report.lines().get(6)).endsWith("p99 <= 250 ms @2,000 ev/s: MISS (no samples)");
        assertThat(report.lines().get(7)).isEqualTo("latency measured from: no samples");
    }

    @Test
    void shouldSayTheRateWasNotTheTargetsWhenLatencyWasMeasuredAtAnother() {
        // Given latency measured at 1,000 ev/s
        final BenchReport report = report(run(Duration.ofSeconds(4), 900_000), Optional.empty(), P99_250,
                settings("core", 1_000));

        // Then the verdict says so
        assertThat(report.lines().get(6))
                .endsWith("p99 <= 250 ms @2,000 ev/s: PASS (250 ms) [measured at 1,000 ev/s, not the target's rate]");
    }

    private static BenchSettings settings(final String kpis, final double rate) {
        return new BenchSettings(500_000, 6, kpis, rate, Duration.ofSeconds(30), Duration.ofSeconds(5), 4, 1, 42);
    }

    /** The full catalog: 500,000 events, RUNNING after 1 s, the repartition topic 0.5 s after the input. */
    private static PipelineRun run(final Duration inputCommitted, final long kpiChanges) {
        return new PipelineRun(new PipelineThroughput.Result(500_000, Duration.ofSeconds(1), inputCommitted,
                inputCommitted.plusMillis(500), new CpuUsage(1.5, 0.9, 1.9)), kpiChanges);
    }

    private static PipelineRun selection(final Duration inputCommitted, final long kpiChanges) {
        return new PipelineRun(new PipelineThroughput.Result(500_000, Duration.ofSeconds(1), inputCommitted,
                inputCommitted.plusMillis(500), new CpuUsage(1.2, 0.8, -1)), kpiChanges);
    }

    private static BenchReport report(final PipelineRun pipeline, final Optional<PipelineRun> selection,
                                      final LatencySummary latency, final BenchSettings settings) {
        final LatencyProbe.Result probe = new LatencyProbe.Result(latency, 70_000, 0, Duration.ofMillis(3), 1_000,
                latency.count(), new LatencySummary(latency.count(), 40, 90, 120), new CpuUsage(0.8, 0.5, -1));
        return new BenchReport(settings, "exactly_once_v2", 100, LOAD, RAW, pipeline, WRITES, selection, probe,
                "2 cores, load average 1.00 1.00 1.00", Duration.ofSeconds(90));
    }
}
