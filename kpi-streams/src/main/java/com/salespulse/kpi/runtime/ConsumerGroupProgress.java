package com.salespulse.kpi.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a consumer group has processed and committed everything on its topics. A pipeline
 * with wall-clock flushes may still write to its own repartition topic after its input is
 * consumed, so "caught up" means: every partition committed to its end, and the ends unchanged
 * over a settle period longer than a flush and a commit.
 */
public final class ConsumerGroupProgress {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final String groupId;
    private final Collection<String> topics;

    public ConsumerGroupProgress(final Admin admin, final String groupId, final Collection<String> topics) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
    }

    /**
     * Waits until the group is caught up.
     *
     * @param settle  how long the ends must stay unchanged, fully committed
     * @param timeout the most to wait
     * @param alive   false stops the wait (the pipeline died)
     * @throws IllegalStateException on timeout or when {@code alive} turns false
     */
    public void awaitCaughtUp(final Duration settle, final Duration timeout, final BooleanSupplier alive) {
        final Instant deadline = Instant.now().plus(timeout);
        Map<TopicPartition, Long> settledEnds = null;
        Instant settledSince = null;
        while (Instant.now().isBefore(deadline)) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("the pipeline stopped before it had processed its input");
            }
            final Map<TopicPartition, Long> ends = endOffsets();
            if (isCommittedTo(ends)) {
                if (!ends.equals(settledEnds)) {
                    settledEnds = ends;
                    settledSince = Instant.now();
                } else if (Duration.between(settledSince, Instant.now()).compareTo(settle) >= 0) {
                    return;
                }
            } else {
                settledEnds = null;
            }
            sleep();
        }
        throw new IllegalStateException("group " + groupId + " had not caught up on " + topics + " after " + timeout);
    }

    /** How many records of the group's topics are not yet committed (an upper bound under transactions). */
    public long lag() {
        final Map<TopicPartition, Long> ends = endOffsets();
        final Map<TopicPartition, OffsetAndMetadata> committed = committed();
        long lag = 0;
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            final OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    private boolean isCommittedTo(final Map<TopicPartition, Long> ends) {
        final Map<TopicPartition, OffsetAndMetadata> committed = committed();
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            final OffsetAndMetadata offset = committed.get(end.getKey());
            if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            return committed == null ? Map.of() : committed;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + groupId, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            final Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                    request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
            final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
            return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
