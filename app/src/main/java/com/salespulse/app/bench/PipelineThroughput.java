package com.salespulse.app.bench;

import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Times the full pipeline on a loaded input: from {@code start()} (a fresh application id, so it
 * reads from the earliest offset) until the group's committed offsets on the input reach its end
 * (every event processed, under exactly-once: committed in a transaction), and then until it has
 * also caught up on its own repartition topic, the tail that a flush after the last input record
 * still has to cross.
 */
final class PipelineThroughput {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(30);
    private static final long POLL_MILLIS = 100;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    /**
     * @param events         input events processed
     * @param toRunning      from start until the pipeline was RUNNING
     * @param inputCommitted from start until every input offset was committed
     * @param caughtUp       from start until the repartition topic was committed to its end too
     * @param cpu            CPU used from start until the input was committed
     */
    record Result(long events, Duration toRunning, Duration inputCommitted, Duration caughtUp, CpuUsage cpu) {

        /** The figure of the benchmark: input events per second from start to input committed. */
        Throughput throughput() {
            return new Throughput(events, inputCommitted);
        }

        /** After the input is committed, until the repartition topic is too. */
        Duration tail() {
            return caughtUp.minus(inputCommitted);
        }
    }

    private PipelineThroughput() {
    }

    /**
     * Starts {@code pipeline} and waits until it has processed and committed {@code inputEnds}.
     *
     * @param inputEnds the end offset of every input partition after the load
     * @param settle    how long the ends must stay unchanged and fully committed to count as caught up
     */
    static Result run(final KpiPipeline pipeline, final Admin admin, final Map<TopicPartition, Long> inputEnds,
                      final Duration settle, final Consumer<String> log) {
        final long events = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        final CpuUsage.Mark cpu = CpuUsage.mark();
        final long start = System.nanoTime();
        pipeline.start(START_TIMEOUT);
        final Duration toRunning = since(start);
        log.accept(String.format(Locale.ROOT, "  pipeline RUNNING after %.2f s", seconds(toRunning)));

        final ConsumerGroupProgress progress = new ConsumerGroupProgress(admin, pipeline.applicationId(),
                pipeline.consumedTopics());
        final long deadline = start + PROCESS_TIMEOUT.toNanos();
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        while (true) {
            requireAlive(pipeline);
            final long committed = committed(admin, pipeline.applicationId(), inputEnds);
            if (committed >= events) {
                break;
            }
            final long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("the pipeline had not committed its input after " + PROCESS_TIMEOUT);
            }
            if (now >= nextProgress) {
                log.accept(String.format(Locale.ROOT, "  pipeline: %,d of %,d input events committed (%.0f s, %,.0f ev/s so far), lag incl. repartition %,d",
                        committed, events, (now - start) / 1e9, committed * 1e9 / (now - start), progress.lag()));
                nextProgress += PROGRESS_EVERY_NANOS;
            }
            sleep();
        }
        final Duration inputCommitted = since(start);
        final CpuUsage used = cpu.usage();
        log.accept(String.format(Locale.ROOT, "  pipeline: input committed after %.2f s (CPU: %s); waiting for the repartition topic...",
                seconds(inputCommitted), used.describe()));
        progress.awaitCaughtUp(settle, PROCESS_TIMEOUT, () -> isAlive(pipeline));
        // awaitCaughtUp returns once the ends have been committed and unchanged for `settle`.
        final Duration caughtUp = max(inputCommitted, since(start).minus(settle));
        return new Result(events, toRunning, inputCommitted, caughtUp, used);
    }

    /** Input records committed by the group, partition by partition capped at the partition's end. */
    private static long committed(final Admin admin, final String groupId, final Map<TopicPartition, Long> ends) {
        final Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + groupId, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long committed = 0;
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            final OffsetAndMetadata offset = offsets == null ? null : offsets.get(end.getKey());
            committed += offset == null ? 0 : Math.min(offset.offset(), end.getValue());
        }
        return committed;
    }

    static boolean isAlive(final KpiPipeline pipeline) {
        final KafkaStreams.State state = pipeline.state();
        return pipeline.failure() == null
                && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
    }

    static void requireAlive(final KpiPipeline pipeline) {
        if (!isAlive(pipeline)) {
            throw new IllegalStateException("the pipeline stopped: " + pipeline.state(), pipeline.failure());
        }
    }

    private static Duration since(final long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Duration max(final Duration a, final Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static double seconds(final Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
