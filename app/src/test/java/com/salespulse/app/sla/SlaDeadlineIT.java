package com.salespulse.app.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.app.Cluster;
import com.salespulse.app.notify.AlertFeed;
import com.salespulse.app.notify.WebhookNotifier;
import com.salespulse.events.Activity;
import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.producers.ProducerSettings;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SLA deadline on a real broker, with nothing else happening: the pipeline's wall-clock timer
 * alone must raise SLA_BREACHED for an untouched lead within a second of its deadline, and nothing
 * for a lead touched in time. The alert is read as the app reads it (read_committed, through
 * {@link AlertFeed}) and posted to a local webhook.
 *
 * <p>The target is the acceptance's: 2 minutes around the clock, with nothing sent after the first
 * second, so the alert can only come from the wall-clock timer.
 */
@ExtendWith(KafkaStackExtension.class)
class SlaDeadlineIT {
    private static final Logger LOG = LoggerFactory.getLogger(SlaDeadlineIT.class);
    private static final Duration TARGET = Duration.ofMinutes(2);
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path work;

    private record Arrival(Alert alert, long receivedAtMs) {
    }

    @Test
    void shouldRaiseSlaBreachedWithinOneSecondOfTheDeadlineWhenNothingElseHappens(final KafkaStack stack) throws Exception {
        // Given a pipeline with a 2 minute first-response target around the clock, at risk at 50 %
        final SalesPulseConfig config = config(stack, """
                sla:
                  atRisk: [0.5]
                  policies:
                    - {name: it, target: PT2M, calendar: always}
                kpiRules: []
                """);
        final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        final List<String> posted = new CopyOnWriteArrayList<>();
        final HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Cluster cluster = Cluster.connect(config).ensureTopics();
             KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), meters);
             WebhookNotifier notifier = new WebhookNotifier(
                     URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"),
                     WebhookNotifier.Settings.defaults(), meters);
             AlertFeed feed = AlertFeed.start(cluster.clientConfig(), cluster.topics().alerts(), "sla-it-" + UUID.randomUUID(),
                     List.of((alert, origin) -> arrivals.add(new Arrival(alert, System.currentTimeMillis())), notifier));
             KafkaProducer<String, SalesEvent> producer = producer(cluster)) {
            try (RosterImporter roster = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                roster.publish(List.of(Rep.newBuilder().setRepId("R1").setName("Rep One").setTeamId("T1")
                        .setRegion("EMEA").setTimezone("Europe/Berlin").build()));
            }
            pipeline.start(TIMEOUT);
            assertThat(feed.awaitReady(TIMEOUT)).as("the alert feed reads its partitions").isTrue();

            // When two web-form leads arrive, one of them is called a second later, and then nothing else happens
            final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            send(producer, cluster, created("UNTOUCHED", created));
            send(producer, cluster, created("TOUCHED", created));
            send(producer, cluster, touched("TOUCHED", created.plusSeconds(1)));
            final Instant deadline = created.plus(TARGET);

            // Then SLA_BREACHED for the untouched lead arrives between 0 and 1 s after its deadline
            await(() -> arrivals.stream().anyMatch(a -> a.alert().getKind() == AlertKind.SLA_BREACHED), TIMEOUT);
            final Arrival breached = arrivals.stream().filter(a -> a.alert().getKind() == AlertKind.SLA_BREACHED)
                    .findFirst().orElseThrow();
            final long delayMs = breached.receivedAtMs() - deadline.toEpochMilli();
            LOG.info("SLA_BREACHED read {} ms after the deadline (raised {} ms after it)", delayMs,
                    breached.alert().getRaisedAt().toEpochMilli() - deadline.toEpochMilli());
            assertThat(breached.alert().getLeadId()).isEqualTo("UNTOUCHED");
            assertThat(breached.alert().getDeadline()).isEqualTo(deadline);
            assertThat(breached.alert().getRepId()).isEqualTo("R1");
            assertThat(breached.alert().getTeamId()).isEqualTo("T1");
            assertThat(breached.alert().getRegion()).isEqualTo("EMEA");
            assertThat(delayMs).as("ms from deadline to the alert on sales.alerts").isBetween(0L, 1_000L);
            // and once three more seconds have passed, the touched lead has had no alert at all
            await(() -> System.currentTimeMillis() > deadline.plusSeconds(3).toEpochMilli(), TIMEOUT);
            assertThat(arrivals).extracting(a -> a.alert().getLeadId()).containsOnly("UNTOUCHED");
            assertThat(arrivals).extracting(a -> a.alert().getKind())
                    .containsExactly(AlertKind.SLA_AT_RISK, AlertKind.SLA_BREACHED);
            // and the webhook got both, as Slack-readable JSON
            await(() -> posted.size() == 2, TIMEOUT);
            assertThat(posted.get(1)).startsWith("{\"text\":\":rotating_light: *SLA breached* Lead UNTOUCHED missed");
        } finally {
            webhook.stop(0);
        }
    }

    private SalesPulseConfig config(final KafkaStack stack, final String slaYaml) throws IOException {
        final String run = "sla-" + UUID.randomUUID().toString().substring(0, 8);
        final Path sla = work.resolve("sla.yaml");
        Files.writeString(sla, slaYaml);
        return SalesPulseConfig.of(Map.of(
                SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                SalesPulseConfig.TOPIC_PREFIX, run + ".",
                SalesPulseConfig.APPLICATION_ID, run,
                SalesPulseConfig.STATE_DIR, work.resolve("state").toString(),
                SalesPulseConfig.SLA_CONFIG, sla.toString()));
    }

    static KafkaProducer<String, SalesEvent> producer(final Cluster cluster) {
        final Topic<String, SalesEvent> events = cluster.topics().crmEvents();
        return new KafkaProducer<>(ProducerSettings.idempotent(cluster.clientConfig(), "sla-it"),
                events.keySerde().serializer(), events.valueSerde().serializer());
    }

    static void send(final KafkaProducer<String, SalesEvent> producer, final Cluster cluster, final SalesEvent event) {
        producer.send(new ProducerRecord<>(cluster.topics().crmEvents().name(), event.getLeadId(), event));
        producer.flush();
    }

    /** A web-form lead of R1 in EMEA. */
    static SalesEvent created(final String leadId, final Instant at) {
        return SalesEvent.newBuilder().setEventId(leadId + "-created").setType(EventType.LEAD_CREATED).setLeadId(leadId)
                .setOccurredAt(at).setRepId("R1").setSource(EventSource.WEB_FORM).setChannel("organic").setRegion("EMEA")
                .build();
    }

    /** R1 calls the lead. */
    static SalesEvent touched(final String leadId, final Instant at) {
        return SalesEvent.newBuilder().setEventId(leadId + "-call").setType(EventType.LEAD_CONTACTED).setLeadId(leadId)
                .setOccurredAt(at).setRepId("R1").setActivity(Activity.CALL).build();
    }

    /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
    static void await(final BooleanSupplier condition, final Duration timeout) {
        final Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within %s", timeout).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
