package com.salespulse.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.app.Cluster;
import com.salespulse.app.support.RunProcess;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once across a crash in the middle of a backfill: {@code salespulse run} (the runnable jar, in
 * a JVM of its own) is killed with SIGKILL while it works through a generated history, with changes
 * combined in its buffers and publications pending, and the pipeline is started again on the same
 * state directory. It ends with the KPIs of an uninterrupted replay, and a read_committed consumer
 * sees every KPI key's revisions exactly once each, 1, 2, 3, ...: nothing published in the
 * transaction the kill cut off is seen, and nothing is published twice after the restart.
 */
@ExtendWith(KafkaStackExtension.class)
class KillRestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(KillRestartIT.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path work;

    @Test
    void shouldEndWithTheUninterruptedKpisAndEveryRevisionOnceWhenKilledMidBackfillAndRestarted(final KafkaStack stack)
            throws Exception {
        // Given a generated history and the KPIs of an uninterrupted replay of it
        final GeneratorConfig floor = GeneratorConfig.of(13, 2_000);
        final CrmGenerator generator = new CrmGenerator(floor);
        final List<SalesEvent> generated = generator.generate();
        final Path events = work.resolve("events.jsonl");
        final Path roster = work.resolve("reps.jsonl");
        JsonLinesWriter.of(floor).writeEvents(generated, events);
        JsonLinesWriter.writeRoster(generator.roster(), roster);
        final Path export = work.resolve("uninterrupted.jsonl");
        new Replay(config(stack, "whole"), line -> { }).run(events, roster, export);
        final Map<String, KpiChange> uninterrupted = ReplayIT.read(export);

        // And `salespulse run` working through it
        final SalesPulseConfig config = config(stack, "killed");
        try (Cluster cluster = Cluster.connect(config).ensureTopics()) {
            try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                importer.importFile(roster);
            }
            try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
                importer.importFile(events);
            }
            try (RunProcess run = RunProcess.start(config, List.of(SalesPulseConfig.BOOTSTRAP_SERVERS,
                    SalesPulseConfig.SCHEMA_REGISTRY_URL, SalesPulseConfig.TOPIC_PREFIX, SalesPulseConfig.APPLICATION_ID,
                    SalesPulseConfig.STATE_DIR, SalesPulseConfig.STREAMS_PREFIX + "group.instance.id"), work, TIMEOUT)) {

                // When it is killed with SIGKILL once it has committed part of the input
                final ConsumerGroupProgress input = new ConsumerGroupProgress(cluster.admin(), config.applicationId(),
                        List.of(cluster.topics().crmEvents().name()));
                final Instant deadline = Instant.now().plus(TIMEOUT);
                while (input.lag() > generated.size() * 3L / 4 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
                run.kill();
                final long committedAtKill = generated.size() - input.lag();
                LOG.info("killed with {} of {} events committed", committedAtKill, generated.size());
                assertThat(committedAtKill).as("events committed at the kill").isPositive().isLessThan(generated.size());
            }

            // and started again on the same state directory until it has caught up
            try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
                pipeline.start(TIMEOUT);
                new ConsumerGroupProgress(cluster.admin(), pipeline.applicationId(), pipeline.consumedTopics())
                        .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> pipeline.state() == KafkaStreams.State.RUNNING
                                || pipeline.state() == KafkaStreams.State.REBALANCING);
            }

            // Then it ends with exactly the KPIs of the uninterrupted run
            RestartIT.assertSameKpis(KpiSnapshot.read(config.bootstrapServers(), cluster.topics().kpiChanges(), TIMEOUT),
                    uninterrupted);
            // and every key's committed revisions are 1, 2, 3, ... in order, none twice and none missing
            final Map<String, List<Long>> revisions = revisions(config, cluster.topics().kpiChanges());
            final List<String> broken = new ArrayList<>();
            revisions.forEach((key, seen) -> {
                for (int index = 0; index < seen.size(); index++) {
                    if (seen.get(index) != index + 1) {
                        broken.add(key + " " + seen);
                        return;
                    }
                }
            });
            assertThat(revisions).isNotEmpty();
            assertThat(broken).as("keys whose revisions are not 1..n").isEmpty();
        }
    }

    private SalesPulseConfig config(final KafkaStack stack, final String name) {
        final String run = "kill-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state-" + run).toAbsolutePath().toString(),
                // The restarted instance takes the killed one's partitions at once, its transactional id fencing the
                // killed producer and aborting the transaction the kill left open.
                SalesPulseConfig.STREAMS_PREFIX + "group.instance.id", run));
    }

    /** Per KPI key, the revisions a read_committed consumer sees, in the order it sees them. */
    private static Map<String, List<Long>> revisions(final SalesPulseConfig config, final Topic<String, KpiChange> topic) {
        final Map<String, List<Long>> revisions = new TreeMap<>();
        TopicReader.readAll(config.bootstrapServers(), topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), TIMEOUT,
                record -> revisions.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value().getRevision()));
        return revisions;
    }
}
