package com.salespulse.app.bench;

import com.salespulse.kpi.catalog.KpiSelection;
import java.time.Duration;
import java.util.Optional;

/**
 * What one benchmark run does.
 *
 * @param events          events loaded and pushed through the pipeline
 * @param weeks           how many weeks of sales work the loaded events span, about
 * @param kpis            the KPI selection ({@code salespulse.kpis}) timed after the full catalog, or
 *                        {@value #NO_SELECTION} for none
 * @param rate            the open-loop rate of the latency phase, events per second
 * @param latencyDuration how long latency is measured, after the warm-up
 * @param warmUp          how long the latency phase runs before it measures
 * @param partitions      partitions of the topics the benchmark creates
 * @param threads         Kafka Streams {@code num.stream.threads}
 * @param seed            seed of the generated sales floor
 */
public record BenchSettings(int events, int weeks, String kpis, double rate, Duration latencyDuration, Duration warmUp,
                            int partitions, int threads, long seed) {

    /** The {@code --kpis} value that skips the run of a KPI selection. */
    public static final String NO_SELECTION = "none";

    /** @throws IllegalArgumentException naming the option of a value that is not valid, an unknown KPI included */
    public BenchSettings {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
        }
        if (weeks < 1) {
            throw new IllegalArgumentException("--weeks must be at least 1");
        }
        if (!NO_SELECTION.equals(kpis)) {
            try {
                KpiSelection.parse(kpis);
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("--kpis: " + e.getMessage(), e);
            }
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a positive number of events per second");
        }
        if (latencyDuration.isNegative() || latencyDuration.isZero()) {
            throw new IllegalArgumentException("--latency-duration must be positive");
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("--warm-up must not be negative");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
    }

    /** The {@code salespulse.kpis} value of the run after the full catalog, empty for none. */
    public Optional<String> selection() {
        return NO_SELECTION.equals(kpis) ? Optional.empty() : Optional.of(kpis);
    }

    public OpenLoopSchedule schedule() {
        return new OpenLoopSchedule(rate, warmUp, latencyDuration);
    }
}
