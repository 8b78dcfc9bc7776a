package com.salespulse.app.demo;

import com.salespulse.app.Cluster;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.History;
import com.salespulse.producers.generator.LiveTraffic;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.RosterImporter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Synthetic traffic of one simulated floor: its roster on sales.reps, its recent history, then its
 * live events as they fall due.
 */
public final class Traffic {

    private Traffic() {
    }

    /** A floor starting now, with a seed of its own so that every run brings new leads. */
    public static GeneratorConfig live(final int leadsPerDay) {
        return GeneratorConfig.of(System.currentTimeMillis(), Integer.MAX_VALUE)
                .withStart(Instant.now()).withLeadsPerDay(leadsPerDay);
    }

    /** Publishes the roster and starts the traffic; the caller closes it. */
    public static LiveTraffic start(final Cluster cluster, final GeneratorConfig floor, final double speed) {
        publishRoster(cluster, floor);
        return startLive(cluster, floor, speed);
    }

    /** Publishes the floor's roster and waits for the acknowledgements. */
    public static void publishRoster(final Cluster cluster, final GeneratorConfig floor) {
        try (RosterImporter roster = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
            roster.publish(new CrmGenerator(floor).roster());
        }
    }

    /** Starts the floor's live traffic from its start; the caller closes it. */
    public static LiveTraffic startLive(final Cluster cluster, final GeneratorConfig floor, final double speed) {
        return new LiveTraffic(floor, cluster.topics().crmEvents(), cluster.clientConfig(), speed).start();
    }

    /**
     * Where the history before {@code until} starts: {@code length} before it, or later, just after
     * the latest record already on sales.crm-events (a restarted demo's data holds the previous
     * run). Older events would reach the pipeline behind the event time it has seen: those past the
     * grace would be dead-lettered as late, the others would add a second past to windows the previous
     * run already filled.
     */
    public static Instant historyStart(final Cluster cluster, final Instant until, final Duration length) {
        return historyStart(until, length, latestRecordTime(cluster));
    }

    /** {@link #historyStart(Cluster, Instant, Duration)} given the topic's latest record time, if any. */
    static Instant historyStart(final Instant until, final Duration length, final Optional<Instant> latestOnTopic) {
        final Instant from = until.minus(length);
        if (latestOnTopic.isEmpty() || latestOnTopic.get().isBefore(from)) {
            return from;
        }
        final Instant afterLatest = latestOnTopic.get().plusMillis(1);
        return afterLatest.isAfter(until) ? until : afterLatest;
    }

    /**
     * Publishes the history's events in their (time) order through the importers' idempotent producer
     * and waits for the acknowledgements.
     *
     * @return the number of events published
     */
    public static long publishHistory(final Cluster cluster, final History history) {
        try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
            return importer.publish(history.events());
        }
    }

    /**
     * The latest record timestamp on sales.crm-events, none when it is empty. Record timestamps are
     * never earlier than the events' {@code occurredAt}: live traffic stamps both with the same instant,
     * the importers write the record when it is sent.
     */
    private static Optional<Instant> latestRecordTime(final Cluster cluster) {
        final String topic = cluster.topics().crmEvents().name();
        try {
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            cluster.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(partition -> request.put(new TopicPartition(topic, partition.partition()),
                            OffsetSpec.maxTimestamp()));
            return cluster.admin().listOffsets(request).all().get().values().stream()
                    .filter(info -> info.offset() >= 0)
                    .map(ListOffsetsResultInfo::timestamp)
                    .max(Long::compare)
                    .map(Instant::ofEpochMilli);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the latest record time of " + topic, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the latest record time of " + topic, e);
        }
    }
}
