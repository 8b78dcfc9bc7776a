package com.salespulse.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The closing summary of a benchmark run: every figure on a few lines that can be pasted as they
 * are, with the targets of this machine class and whether each was met.
 *
 * @param settings         what was run
 * @param guarantee        {@code processing.guarantee} of the pipeline
 * @param commitIntervalMs {@code commit.interval.ms} of the pipeline
 * @param load             the producer loading the input
 * @param raw              the plain byte consumer on the input
 * @param pipeline         the full pipeline on the input
 * @param latency          the open-loop latency phase
 * @param machine          cores and load average at the end of the run (others may share the machine)
 * @param total            wall-clock time of the whole run
 */
public record BenchReport(BenchSettings settings, String guarantee, int commitIntervalMs, Throughput load,
                          Throughput raw, PipelineThroughput.Result pipeline, LatencyProbe.Result latency,
                          String machine, Duration total) {

    /** The full catalog at this many events per second or more, on a 2-core machine, exactly-once. */
    public static final double PIPELINE_TARGET = 20_000;
    /** p99 event-to-KpiChange latency below this many milliseconds ... */
    public static final long P99_TARGET_MS = 500;
    /** ... at this open-loop rate. */
    public static final double LATENCY_TARGET_RATE = 2_000;

    public List<String> lines() {
        final List<String> lines = new ArrayList<>();
        lines.add("==== salespulse bench summary ====");
        lines.add(String.format(Locale.ROOT,
                "setup: %,d events, %d partitions, %d stream thread%s, %s, commit.interval.ms %d, %s, run %.0f s",
                settings.events(), settings.partitions(), settings.threads(), settings.threads() == 1 ? "" : "s",
                guarantee, commitIntervalMs, machine,
                total.toNanos() / 1e9));
        final Throughput processed = pipeline.throughput();
        lines.add(String.format(Locale.ROOT,
                "load: %,.0f ev/s | raw consumer: %,.0f ev/s | pipeline (%s): %,.0f ev/s (ratio %.3f; input committed after %.1f s incl. %.1f s start-up, repartition tail +%.1f s) | %s",
                load.perSecond(), raw.perSecond(), guaranteeLabel(), processed.perSecond(), ratio(processed, raw),
                seconds(pipeline.inputCommitted()), seconds(pipeline.toRunning()), seconds(pipeline.tail()),
                latencyFigures()));
        lines.add(String.format(Locale.ROOT, "targets: pipeline >= %,.0f ev/s: %s (%,.0f) | p99 < %d ms @%,.0f ev/s: %s%s",
                PIPELINE_TARGET, passOrMiss(processed.perSecond() >= PIPELINE_TARGET), processed.perSecond(),
                P99_TARGET_MS, LATENCY_TARGET_RATE, latencyVerdict(), rateNote()));
        lines.add(latencySource());
        lines.add(String.format(Locale.ROOT, "cpu: pipeline phase %s = %,.0f us of CPU per event (stream threads %,.0f us) | latency phase %s",
                pipeline.cpu().describe(), microsPerEvent(pipeline.cpu().process()),
                microsPerEvent(pipeline.cpu().streamThreads()), latency.cpu().describe()));
        return lines;
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

    /** CPU time per input event at {@code cores} over the time the input took: independent of what others took. */
    private double microsPerEvent(final double cores) {
        return cores * pipeline.inputCommitted().toNanos() / 1e3 / pipeline.events();
    }

    private String latencyVerdict() {
        final LatencySummary summary = latency.latency();
        if (summary.isEmpty()) {
            return "MISS (no samples)";
        }
        return String.format(Locale.ROOT, "%s (%,d ms)", passOrMiss(summary.p99() < P99_TARGET_MS), summary.p99());
    }

    private String rateNote() {
        return settings.rate() == LATENCY_TARGET_RATE ? ""
                : String.format(Locale.ROOT, " [measured at %,.0f ev/s, not the target's rate]", settings.rate());
    }

    private String guaranteeLabel() {
        return guarantee.startsWith("exactly_once") ? "EOS" : guarantee;
    }

    private static double ratio(final Throughput part, final Throughput whole) {
        return whole.perSecond() == 0 ? 0 : part.perSecond() / whole.perSecond();
    }

    private static String passOrMiss(final boolean met) {
        return met ? "PASS" : "MISS";
    }

    private static double seconds(final Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
