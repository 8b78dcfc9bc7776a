package com.salespulse.app.bench;

import java.time.Duration;

/**
 * What one benchmark run does.
 *
 * @param events          events loaded and pushed through the pipeline
 * @param rate            the open-loop rate of the latency phase, events per second
 * @param latencyDuration how long latency is measured, after the warm-up
 * @param warmUp          how long the latency phase runs before it measures
 * @param partitions      partitions of the topics the benchmark creates
 * @param threads         Kafka Streams {@code num.stream.threads}
 * @param seed            seed of the generated sales floor
 */
public record BenchSettings(int events, double rate, Duration latencyDuration, Duration warmUp, int partitions,
                            int threads, long seed) {

    public BenchSettings {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
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

    public OpenLoopSchedule schedule() {
        return new OpenLoopSchedule(rate, warmUp, latencyDuration);
    }
}
