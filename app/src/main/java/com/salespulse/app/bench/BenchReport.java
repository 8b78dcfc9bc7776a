package com.salespulse.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The closing summary of a benchmark run: every figure on a few lines that can be pasted as they
 * are, with the targets and whether each was met. The throughput targets are ratios to the plain
 * consumer on the same machine in the same run, so that they hold on a shared or slower machine.
 *
 * @param settings         what was run
 * @param guarantee        {@code processing.guarantee} of the pipeline
 * @param commitIntervalMs {@code commit.interval.ms} of the pipeline
 * @param load             the producer loading the input
 * @param raw              the plain byte consumer on the input
 * @param pipeline         the full catalog on the input (the backfill)
 * @param writes           what the full catalog wrote, topic by topic
 * @param selection        the KPI selection {@code settings.kpis()} on the same input; empty when not run
 * @param latency          the open-loop latency phase
 * @param machine          cores and load average at the end of the run (others may share the machine)
 * @param total            wall-clock time of the whole run
 */
public record BenchReport(BenchSettings settings, String guarantee, int commitIntervalMs, Throughput load,
                          Throughput raw, PipelineRun pipeline, TopicWrites writes, Optional<PipelineRun> selection,
                          LatencyProbe.Result latency, String machine, Duration total) {

    /** The full catalog at this fraction of the raw consumer's events per second or more, exactly-once. */
    public static final double FULL_CATALOG_RATIO_TARGET = 0.10;
    /** A KPI selection at this fraction of the raw consumer's events per second or more, exactly-once. */
    public static final double SELECTION_RATIO_TARGET = 0.20;
    /** At most this many KpiChange records per input event when the full catalog backfills the input. */
    public static final double KPI_CHANGES_PER_EVENT_TARGET = 2;
    /** p99 event-to-KpiChange latency at most this many milliseconds ... */
    public static final long P99_TARGET_MS = 250;
    /** ... at this open-loop rate. */
    public static final double LATENCY_TARGET_RATE = 2_000;

    public List<String> lines() {
        final List<String> lines = new ArrayList<>();
        lines.add("==== salespulse bench summary ====");
        lines.add(String.format(Locale.ROOT,
                "setup: %,d events over about %d week%s, %d partitions, %d stream thread%s, %s, commit.interval.ms %d, %s, run %.0f s",
                settings.events(), settings.weeks(), settings.weeks() == 1 ? "" : "s", settings.partitions(),
                settings.threads(), settings.threads() == 1 ? "" : "s", guarantee, commitIntervalMs, machine,
                total.toNanos() / 1e9));
        lines.add(String.format(Locale.ROOT, "load: %,.0f ev/s | raw consumer: %,.0f ev/s | pipeline (%s, full catalog): %s | %s",
                load.perSecond(), raw.perSecond(), guaranteeLabel(), throughputFigures(pipeline), latencyFigures()));
        lines.add("full catalog " + writes.describe(pipeline.timing().events()));
        lines.add(selection.map(run -> String.format(Locale.ROOT, "pipeline (%s, %s): %s",
                        guaranteeLabel(), selectionLabel(), throughputFigures(run)))
                .orElse(selectionLabel() + ": not run (--kpis " + BenchSettings.NO_SELECTION + ")"));
        lines.add(String.format(Locale.ROOT, "KpiChange records per input event (committed, exact): full catalog %.2f (%,d)%s",
                pipeline.kpiChangesPerEvent(), pipeline.kpiChanges(), selection.map(run -> String.format(Locale.ROOT,
                        " | %s %.2f (%,d)", selectionLabel(), run.kpiChangesPerEvent(), run.kpiChanges())).orElse("")));
        lines.add(String.format(Locale.ROOT,
                "targets: full catalog >= %.2f x raw consumer: %s (%.3f) | %s | backfill <= %.0f KpiChange records per input event: %s (%.2f) | p99 <= %d ms @%,.0f ev/s: %s%s",
                FULL_CATALOG_RATIO_TARGET, ratioVerdict(pipeline, FULL_CATALOG_RATIO_TARGET), ratio(pipeline),
                selectionTarget(), KPI_CHANGES_PER_EVENT_TARGET,
                passOrMiss(pipeline.kpiChangesPerEvent() <= KPI_CHANGES_PER_EVENT_TARGET), pipeline.kpiChangesPerEvent(),
                P99_TARGET_MS, LATENCY_TARGET_RATE, latencyVerdict(), rateNote()));
        lines.add(latencySource());
        lines.add(String.format(Locale.ROOT, "cpu: pipeline phase %s%s | latency phase %s", cpuFigures(pipeline),
                selection.map(run -> " | " + selectionLabel() + " phase " + cpuFigures(run)).orElse(""),
                latency.cpu().describe()));
        return lines;
    }

    /** E.g. {@code 25,000 ev/s (ratio 0.025; input committed after 20.0 s incl. 3.0 s start-up, repartition tail +0.5 s)}. */
    private String throughputFigures(final PipelineRun run) {
        final PipelineThroughput.Result timing = run.timing();
        return String.format(Locale.ROOT,
                "%,.0f ev/s (ratio %.3f; input committed after %.1f s incl. %.1f s start-up, repartition tail +%.1f s)",
                timing.throughput().perSecond(), ratio(run), seconds(timing.inputCommitted()),
                seconds(timing.toRunning()), seconds(timing.tail()));
    }

    private String latencyFigures() {
        final LatencySummary summary = latency.latency();
        final String figures = summary.isEmpty()
                ? "no samples"
                : String.format(Locale.ROOT, "p50 %,d ms, p99 %,d ms, max %,d ms (%,d samples)",
                summary.p50(), summary.p99(), summary.max(), summary.count());
        return String.format(Locale.ROOT, "latency @%,.0f ev/s: %s, sender at worst %,d ms behind", settings.rate(),
                figures, latency.maxLateness().toMillis());
    }

    private String latencySource() {
        final long samples = latency.latency().count();
        if (samples == 0) {
            return "latency measured from: no samples";
        }
        if (latency.fromHeader() == 0) {
            return "latency measured from: the KpiChange record timestamp on every sample (no event-time header)";
        }
        final LatencySummary visible = latency.visibility();
        return String.format(Locale.ROOT,
                "latency measured from: the event-time header (earliest occurredAt) on %,d of %,d samples; of which computed -> read_committed: p50 %,d ms, p99 %,d ms",
                latency.fromHeader(), samples, visible.p50(), visible.p99());
    }

    /** E.g. {@code process 1.50 cores (stream threads 0.90), machine n/a = 60 us of CPU per event (stream threads 36 us)}. */
    private static String cpuFigures(final PipelineRun run) {
        final CpuUsage cpu = run.timing().cpu();
        return String.format(Locale.ROOT, "%s = %,.0f us of CPU per event (stream threads %,.0f us)", cpu.describe(),
                microsPerEvent(run, cpu.process()), microsPerEvent(run, cpu.streamThreads()));
    }

    /** CPU time per input event at {@code cores} over the time the input took: independent of what others took. */
    private static double microsPerEvent(final PipelineRun run, final double cores) {
        return cores * run.timing().inputCommitted().toNanos() / 1e3 / run.timing().events();
    }

    /** E.g. {@code KPI selection core}; {@code KPI selection} when none was run. */
    private String selectionLabel() {
        return settings.selection().map(kpis -> "KPI selection " + kpis).orElse("KPI selection");
    }

    private String selectionTarget() {
        final String target = String.format(Locale.ROOT, "%s >= %.2f x raw consumer: ", selectionLabel(),
                SELECTION_RATIO_TARGET);
        return target + selection.map(run -> String.format(Locale.ROOT, "%s (%.3f)",
                ratioVerdict(run, SELECTION_RATIO_TARGET), ratio(run))).orElse("not run");
    }

    private String ratioVerdict(final PipelineRun run, final double target) {
        return passOrMiss(ratio(run) >= target);
    }

    private String latencyVerdict() {
        final LatencySummary summary = latency.latency();
        if (summary.isEmpty()) {
            return "MISS (no samples)";
        }
        return String.format(Locale.ROOT, "%s (%,d ms)", passOrMiss(summary.p99() <= P99_TARGET_MS), summary.p99());
    }

    private String rateNote() {
        return settings.rate() == LATENCY_TARGET_RATE ? ""
                : String.format(Locale.ROOT, " [measured at %,.0f ev/s, not the target's rate]", settings.rate());
    }

    private String guaranteeLabel() {
        return guarantee.startsWith("exactly_once") ? "EOS" : guarantee;
    }

    /** The run's events per second as a fraction of the raw consumer's. */
    private double ratio(final PipelineRun run) {
        return raw.perSecond() == 0 ? 0 : run.timing().throughput().perSecond() / raw.perSecond();
    }

    private static String passOrMiss(final boolean met) {
        return met ? "PASS" : "MISS";
    }

    private static double seconds(final Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
