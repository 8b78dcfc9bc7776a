package com.salespulse.events.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the contract's topics where they are missing, and leaves existing ones as they are.
 * The roster is compacted (the latest record per rep is the roster); the dead-letter topic keeps
 * records for 30 days so that they can be inspected and sent back after a fix. The replay markers
 * are compacted and expire after as long, so that a marker outlives the dead letter it names.
 */
public final class TopicSetup {
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private TopicSetup() {
    }

    /**
     * @param admin             an Admin client of the cluster
     * @param topics            the contract
     * @param partitions        partitions of each new topic: the most instances a topic's work can spread over
     * @param replicationFactor replicas of each new topic (1 for a single broker)
     */
    public static void ensure(final Admin admin, final Topics topics, final int partitions, final short replicationFactor) {
        final List<NewTopic> wanted = new ArrayList<>();
        for (final String name : topics.allNames()) {
            final NewTopic topic = new NewTopic(name, partitions, replicationFactor);
            if (name.equals(topics.dlqReplays().name())) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION.toMillis())));
            } else if (topics.isCompacted(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            } else if (name.equals(topics.dlq().name())) {
                topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION.toMillis())));
            }
            wanted.add(topic);
        }
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get();
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            }
        });
    }
}
