package com.salespulse.app.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.app.Cluster;
import com.salespulse.app.support.RunProcess;
import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines across a crash: {@code salespulse run} (the runnable jar, in a JVM of its own) is killed
 * with SIGKILL while SLA deadlines fall due, and the pipeline is started again on the same state
 * directory. Every alert that fell due before, around and after the kill is on sales.alerts exactly
 * once for a read_committed consumer: an alert committed before the kill is not raised again (its
 * index entry was deleted in the same transaction), one in a transaction the kill cut off is aborted
 * and raised again from the restored index, and those that fell due while nothing ran are raised after
 * the restart.
 *
 * <p>Targets are seconds around the clock so that the test takes seconds; the path is the
 * production one. Static group membership lets the restarted instance take the killed one's
 * partitions at once instead of after a session timeout; the same state directory gives it the same
 * transactional id, which fences the killed producer and aborts its open transaction.
 */
@ExtendWith(KafkaStackExtension.class)
class SlaRestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(SlaRestartIT.class);
    /** Failsafe runs in the module directory, after package built the shaded jar there. */
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    /** The kill comes this long after the leads are created. */
    private static final Duration KILL_AFTER = Duration.ofSeconds(8);
    /** One lead per target: three deadlines fall before the kill (the last just before it), three after. */
    private static final Map<String, String> TARGETS = new TreeMap<>(Map.of(
            "D1", "PT4S", "D2", "PT6S", "D3", "PT7.6S", "D4", "PT8.4S", "D5", "PT10S", "D6", "PT13S"));
    private static final Duration LAST_TARGET = Duration.ofSeconds(13);

    @TempDir
    Path work;

    private RunProcess child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void shouldRaiseEveryDueAlertExactlyOnceWhenThePipelineIsKilledAndRestartedAroundItsDeadlines(final KafkaStack stack)
            throws Exception {
        // Given `salespulse run` with one SLA policy per channel D1..D6, and a roster
        final SalesPulseConfig config = config(stack);
        try (Cluster cluster = Cluster.connect(config).ensureTopics();
             KafkaProducer<String, SalesEvent> producer = SlaDeadlineIT.producer(cluster)) {
            try (RosterImporter roster = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                roster.publish(List.of(Rep.newBuilder().setRepId("R1").setName("Rep One").setTeamId("T1")
                        .setRegion("EMEA").setTimezone("Europe/Berlin").build()));
            }
            child = RunProcess.start(config, List.of(SalesPulseConfig.BOOTSTRAP_SERVERS,
                    SalesPulseConfig.SCHEMA_REGISTRY_URL, SalesPulseConfig.TOPIC_PREFIX, SalesPulseConfig.APPLICATION_ID,
                    SalesPulseConfig.STATE_DIR, SalesPulseConfig.SLA_CONFIG, SalesPulseConfig.STREAMS_PREFIX
                            + "group.instance.id"), work, TIMEOUT);

            // When a lead per channel arrives, a seventh is called in time, and the pipeline is killed 8 s later
            final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (final String channel : TARGETS.keySet()) {
                SlaDeadlineIT.send(producer, cluster, lead("L-" + channel, channel, created));
            }
            SlaDeadlineIT.send(producer, cluster, lead("L-TOUCHED", "D6", created));
            SlaDeadlineIT.send(producer, cluster, SlaDeadlineIT.touched("L-TOUCHED", created.plusSeconds(1)));
            final Instant killAt = created.plus(KILL_AFTER);
            SlaDeadlineIT.await(() -> !Instant.now().isBefore(killAt), TIMEOUT);
            child.kill();
            LOG.info("pipeline killed {} ms after the leads were created", Duration.between(created, Instant.now()).toMillis());

            // and started again on the same state directory, until every deadline has passed and 3 s more
            final Instant restarted;
            try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
                pipeline.start(TIMEOUT);
                restarted = Instant.now();
                LOG.info("pipeline running again {} ms after the kill", Duration.between(killAt, restarted).toMillis());
                final Instant settled = latest(created.plus(LAST_TARGET), restarted.plusSeconds(5)).plusSeconds(3);
                SlaDeadlineIT.await(() -> Instant.now().isAfter(settled), TIMEOUT);
            }

            // Then a read_committed reader sees each lead's SLA_BREACHED exactly once, and nothing for the touched lead
            final List<Alert> alerts = committedAlerts(config, cluster.topics().alerts());
            final Map<String, Long> copies = alerts.stream()
                    .collect(Collectors.groupingBy(Alert::getAlertId, TreeMap::new, Collectors.counting()));
            final List<String> expected = new ArrayList<>();
            TARGETS.keySet().forEach(channel -> expected.add("sla|L-" + channel + "|" + created + "|SLA_BREACHED"));
            assertThat(copies).as("alert id -> copies on sales.alerts").containsOnlyKeys(expected);
            assertThat(copies.values()).containsOnly(1L);
            assertThat(alerts).extracting(Alert::getKind).containsOnly(AlertKind.SLA_BREACHED);
            // and the deadlines were around the kill: some alerts came from the killed pipeline, some after the restart
            final long beforeKill = alerts.stream().filter(alert -> alert.getRaisedAt().isBefore(killAt)).count();
            final long afterRestart = alerts.stream().filter(alert -> alert.getRaisedAt().isAfter(killAt)).count();
            LOG.info("{} alerts raised before the kill, {} after the restart", beforeKill, afterRestart);
            assertThat(beforeKill).as("alerts raised before the kill").isGreaterThanOrEqualTo(2);
            assertThat(afterRestart).as("alerts raised after the restart").isGreaterThanOrEqualTo(3);
        } catch (final AssertionError | RuntimeException e) {
            LOG.warn("killed pipeline's output:\n{}", child == null ? "" : child.output());
            throw e;
        }
    }

    private SalesPulseConfig config(final KafkaStack stack) throws IOException {
        final String run = "sla-restart-" + UUID.randomUUID().toString().substring(0, 8);
        final StringBuilder sla = new StringBuilder("sla:\n  atRisk: []\n  policies:\n");
        TARGETS.forEach((channel, target) -> sla.append("    - {name: ").append(channel).append(", match: {channel: ")
                .append(channel).append("}, target: ").append(target).append(", calendar: always}\n"));
        sla.append("kpiRules: []\n");
        final Path slaFile = work.resolve("sla.yaml");
        Files.writeString(slaFile, sla);
        return SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toAbsolutePath().toString(),
                SalesPulseConfig.SLA_CONFIG, slaFile.toAbsolutePath().toString(),
                SalesPulseConfig.STREAMS_PREFIX + "group.instance.id", run));
    }

    /** A lead of R1 on {@code channel}, created at {@code at}. */
    private static SalesEvent lead(final String leadId, final String channel, final Instant at) {
        final SalesEvent event = SlaDeadlineIT.created(leadId, at);
        event.setChannel(channel);
        return event;
    }

    private static List<Alert> committedAlerts(final SalesPulseConfig config, final Topic<String, Alert> topic) {
        final List<Alert> alerts = new ArrayList<>();
        TopicReader.readAll(config.bootstrapServers(), topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), TIMEOUT, record -> alerts.add(record.value()));
        return alerts;
    }

    private static Instant latest(final Instant a, final Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
