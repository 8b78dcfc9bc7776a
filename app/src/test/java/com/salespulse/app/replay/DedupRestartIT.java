package com.salespulse.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.app.Cluster;
import com.salespulse.events.Activity;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.ProducerSettings;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicates count once across restarts: event-id-store and submission-store are restored from their changelogs when
 * the local state is lost, so a webhook retry, a re-import or a re-sent web form that arrives after the restart is
 * still known.
 */
@ExtendWith(KafkaStackExtension.class)
class DedupRestartIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** Monday 2 November 2026, 09:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String HOUR = "|PT1H|2026-11-02T09:00:00Z";

    @TempDir
    Path work;

    @Test
    void shouldCountRedeliveriesOnceWhenTheyArriveAfterARestartWithoutLocalState(final KafkaStack stack)
            throws Exception {
        final SalesPulseConfig config = config(stack);
        try (Cluster cluster = Cluster.connect(config).ensureTopics();
             KafkaProducer<String, SalesEvent> events = producer(cluster, cluster.topics().crmEvents());
             KafkaProducer<String, WebFormSubmission> forms = producer(cluster, cluster.topics().webformSubmissions())) {
            // Given lead L1 created at 09:00 and called at 09:05 (from the CRM), 300.00 spent on paid at 09:10 and
            // Ann's web form at 09:00, processed by a pipeline that is then stopped and loses its local state
            final SalesEvent created = event("L1-created", EventType.LEAD_CREATED, "L1", T0).setChannel("paid")
                    .setRegion("EMEA").build();
            final SalesEvent call = event("C1", EventType.LEAD_CONTACTED, "L1", T0.plusSeconds(300)).setRepId("R1")
                    .setActivity(Activity.CALL).setSource(EventSource.CRM).build();
            final SalesEvent spend = event("S1", EventType.CAMPAIGN_SPEND, null, T0.plusSeconds(600))
                    .setChannel("paid").setAmount(new BigDecimal("300.0000")).build();
            final WebFormSubmission ann = WebFormSubmission.newBuilder().setSubmissionId("W1").setFormId("contact")
                    .setSubmittedAt(T0).setEmail("ann@example.com").setUtmMedium("cpc").setRegion("EMEA").build();
            send(events, cluster.topics().crmEvents(), "L1", created, call);
            send(events, cluster.topics().crmEvents(), "paid", spend);
            send(forms, cluster.topics().webformSubmissions(), "W1", ann);
            runUntilCaughtUp(cluster, config, new SimpleMeterRegistry());
            deleteRecursively(Path.of(config.stateDir()));

            // When the call, the spend and the form are delivered again, a new call comes at 09:20, and the pipeline
            // starts again
            send(events, cluster.topics().crmEvents(), "L1", call);
            send(events, cluster.topics().crmEvents(), "paid", spend);
            send(forms, cluster.topics().webformSubmissions(), "W1", ann);
            send(events, cluster.topics().crmEvents(), "L1", event("C2", EventType.LEAD_CONTACTED, "L1",
                    T0.plusSeconds(1200)).setRepId("R1").setActivity(Activity.CALL).build());
            final SimpleMeterRegistry meters = new SimpleMeterRegistry();
            runUntilCaughtUp(cluster, config, meters);

            // Then the repeats count nothing: calls C1 and C2 = 2; leads L1 and Ann's = 2; spend 300.00 over 2 leads
            final Map<String, KpiChange> kpis = KpiSnapshot.read(config.bootstrapServers(),
                    cluster.topics().kpiChanges(), TIMEOUT);
            assertThat(kpis.get("activity_count.call|org|all" + HOUR).getNumerator()).isEqualTo(2.0);
            assertThat(kpis.get("leads_created|org|all" + HOUR).getNumerator()).isEqualTo(2.0);
            assertThat(kpis.get("cost_per_lead|org|all" + HOUR).getNumerator()).isEqualTo(300.0);
            assertThat(kpis.get("cost_per_lead|org|all" + HOUR).getDenominator()).isEqualTo(2.0);
            // and the form made one LEAD_CREATED on sales.crm-events
            final List<SalesEvent> webFormLeads = new ArrayList<>();
            final Topic<String, SalesEvent> crmEvents = cluster.topics().crmEvents();
            TopicReader.readAll(config.bootstrapServers(), crmEvents.name(), crmEvents.keySerde().deserializer(),
                    crmEvents.valueSerde().deserializer(), TIMEOUT, record -> {
                        if (record.value().getSource() == EventSource.WEB_FORM) {
                            webFormLeads.add(record.value());
                        }
                    });
            assertThat(webFormLeads).hasSize(1);
            // and the restarted pipeline counted the three repeats
            assertThat(meters.get(PipelineMetrics.DUPLICATES).tag("source", "crm").counter().count()).isEqualTo(1.0);
            assertThat(meters.get(PipelineMetrics.DUPLICATES).tag("source", "unknown").counter().count()).isEqualTo(1.0);
            assertThat(meters.get(PipelineMetrics.DUPLICATES).tag("source", "web_form").counter().count()).isEqualTo(1.0);
        }
    }

    private SalesPulseConfig config(final KafkaStack stack) {
        final String run = "dedup-" + UUID.randomUUID().toString().substring(0, 8);
        return SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toString(),
                SalesPulseConfig.PII_HMAC_KEY, "dedup-it-key-of-at-least-32-characters"));
    }

    private static SalesEvent.Builder event(final String eventId, final EventType type, final String leadId,
                                            final Instant at) {
        return SalesEvent.newBuilder().setEventId(eventId).setType(type).setLeadId(leadId).setOccurredAt(at);
    }

    private static <V> KafkaProducer<String, V> producer(final Cluster cluster, final Topic<String, V> topic) {
        return new KafkaProducer<>(ProducerSettings.idempotent(cluster.clientConfig(), "dedup-it-" + topic.name()),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @SafeVarargs
    private static <V> void send(final KafkaProducer<String, V> producer, final Topic<String, V> topic,
                                 final String key, final V... values) {
        for (final V value : values) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
        producer.flush();
    }

    private static void runUntilCaughtUp(final Cluster cluster, final SalesPulseConfig config,
                                         final SimpleMeterRegistry meters) {
        try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), meters)) {
            pipeline.start(TIMEOUT);
            new ConsumerGroupProgress(cluster.admin(), pipeline.applicationId(), pipeline.consumedTopics())
                    .awaitCaughtUp(Duration.ofSeconds(1), TIMEOUT, () -> pipeline.state() == KafkaStreams.State.RUNNING
                            || pipeline.state() == KafkaStreams.State.REBALANCING);
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
