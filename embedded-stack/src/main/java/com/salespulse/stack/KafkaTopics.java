package com.salespulse.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Idempotent topic creation, for the embedded stack and for any other cluster. */
public final class KafkaTopics {
    private static final long PAUSE_MILLIS = 50;

    private KafkaTopics() {
    }

    /**
     * Creates the topics and waits until the cluster has them and every partition has a leader; a
     * topic that exists already is left as it is (its partition count and configs are not
     * compared), so calling this again is harmless.
     *
     * <p>The wait matters: a broker answers CreateTopics once the controller has the topic, a
     * moment before its own metadata does, and a client that looks in that moment (Kafka Streams
     * checking its source topics, say) is told the topic does not exist.
     *
     * @return the descriptions of the topics
     * @throws IllegalStateException when the cluster refuses a topic for another reason or does not answer in time
     */
    public static Map<String, TopicDescription> createIfMissing(final Admin admin, final Collection<NewTopic> topics,
                                                                final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        final List<String> failures = new ArrayList<>();
        for (final Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    failures.add(result.getKey() + ": " + e.getCause());
                }
            } catch (final TimeoutException e) {
                failures.add(result.getKey() + ": no answer within " + timeout);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cannot create topics: " + failures);
        }
        return awaitLeaders(admin, topics.stream().map(NewTopic::name).collect(Collectors.toSet()), deadline, timeout);
    }

    private static Map<String, TopicDescription> awaitLeaders(final Admin admin, final Set<String> names,
                                                              final long deadline, final Duration timeout) {
        Exception last = null;
        while (true) {
            try {
                final int remainingMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline)));
                final Map<String, TopicDescription> descriptions = admin
                        .describeTopics(names, new DescribeTopicsOptions().timeoutMs(remainingMillis))
                        .allTopicNames().get(remainingMillis, TimeUnit.MILLISECONDS);
                final boolean led = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    return descriptions;
                }
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("cannot describe topics " + names, e.getCause());
                }
                last = e;
            } catch (final TimeoutException e) {
                last = e;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + names, e);
            }
            if (remainingNanos(deadline) <= 0) {
                throw new IllegalStateException("topics " + names + " have no leader within " + timeout, last);
            }
            pause();
        }
    }

    private static long remainingNanos(final long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics", e);
        }
    }
}
