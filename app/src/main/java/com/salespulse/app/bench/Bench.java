package com.salespulse.app.bench;

import com.salespulse.app.Cluster;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.importer.RosterImporter;
import com.salespulse.stack.EmbeddedStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run on a fresh embedded broker and registry: load generated events, time a plain
 * consumer on them, time the full pipeline on them, then measure latency at an open-loop rate with
 * the pipeline caught up. Every figure of the {@link BenchReport} comes from this one run.
 */
public final class Bench {
    private static final Duration RAW_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final String PROBE_ID_PREFIX = "P-";

    private final BenchSettings settings;
    private final Consumer<String> log;

    /** @param log receives progress lines */
    public Bench(final BenchSettings settings, final Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public BenchReport run() throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final Path work = Files.createTempDirectory("salespulse-bench");
        log.accept("Starting the embedded Kafka broker and schema registry...");
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral())) {
            final SalesPulseConfig config = config(stack, work);
            try (Cluster cluster = Cluster.connect(config).ensureTopics()) {
                return run(cluster, started);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private BenchReport run(final Cluster cluster, final long started) throws InterruptedException {
        final SalesPulseConfig config = cluster.config();
        final Topic<String, SalesEvent> input = cluster.topics().crmEvents();
        try (RosterImporter roster = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
            roster.publish(BenchEvents.roster(settings.seed()));
        }

        log.accept(String.format(Locale.ROOT, "Generating %,d events and serializing them...", settings.events()));
        final long generating = System.nanoTime();
        // The history ends an hour before now, so the latency phase's events, stamped with the wall clock, follow it.
        final Instant historyEnd = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        final SerializedEvents history = SerializedEvents.of(input,
                BenchEvents.history(settings.seed(), settings.events(), historyEnd));
        final OpenLoopSchedule schedule = settings.schedule();
        final List<SalesEvent> probeEvents = BenchEvents.fresh(settings.seed() + 1, (int) schedule.sends(),
                PROBE_ID_PREFIX);
        log.accept(String.format(Locale.ROOT, "  %,d events, %.1f MB, %,d more for the latency phase, in %.1f s",
                history.size(), history.bytes() / 1e6, probeEvents.size(), (System.nanoTime() - generating) / 1e9));

        log.accept("Phase 1: loading " + input.name() + " with an idempotent producer...");
        final Throughput load = EventLoader.load(cluster.clientConfig(), history, log);
        log.accept("  loaded " + load.describe());
        final Map<TopicPartition, Long> inputEnds = endOffsets(cluster.admin(), input.name());

        log.accept("Phase 2: a plain byte consumer reading " + input.name() + " from the beginning...");
        final Throughput raw = RawConsumerThroughput.measure(config.bootstrapServers(), input.name(),
                history.size(), RAW_TIMEOUT, log);

        final Duration settle = Duration.ofMillis(Math.max(1000, 10L * config.commitIntervalMs()));
        log.accept(String.format(Locale.ROOT, "Phase 3: the pipeline (%s, %d stream thread%s, application id %s) from the earliest offset...",
                config.processingGuarantee(), settings.threads(), settings.threads() == 1 ? "" : "s", config.applicationId()));
        // The pipeline as `salespulse run` and `replay` build it: the options its configuration asks for.
        try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
            final PipelineThroughput.Result processed = PipelineThroughput.run(pipeline, cluster.admin(), inputEnds,
                    settle, log);
            log.accept(String.format(Locale.ROOT, "  pipeline: %s; caught up on the repartition topic %.2f s later",
                    processed.throughput().describe(), PipelineThroughput.seconds(processed.tail())));
            log.accept(String.format(Locale.ROOT, "  %,d records on %s, %,d on %s",
                    sum(endOffsets(cluster.admin(), cluster.topics().kpiChanges().name())),
                    cluster.topics().kpiChanges().name(),
                    TopicReader.count(config.bootstrapServers(), cluster.topics().dlq().name(), READ_TIMEOUT),
                    cluster.topics().dlq().name()));

            log.accept(String.format(Locale.ROOT, "Phase 4: latency at %,.0f ev/s open loop, %s warm-up, %s measured...",
                    settings.rate(), settings.warmUp(), settings.latencyDuration()));
            final LatencyProbe.Result latency = new LatencyProbe(config.bootstrapServers(), cluster.clientConfig(),
                    input, cluster.topics().kpiChanges().name(), schedule, probeEvents, log)
                    .run(pipeline, cluster.admin(), settle);
            log.accept(String.format(Locale.ROOT, "  latency: %,d events sent (%,d not acknowledged), %,d KpiChanges measured (%,d by their event-time header), %,d not measured (warm-up, history)",
                    latency.sent(), latency.failedSends(), latency.latency().count(), latency.fromHeader(), latency.excluded()));
            return new BenchReport(settings, config.processingGuarantee(), config.commitIntervalMs(), load, raw,
                    processed, latency, machine(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private SalesPulseConfig config(final EmbeddedStack stack, final Path work) {
        return SalesPulseConfig.load(null, System.getenv())
                .with(SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers())
                .with(SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())
                .with(SalesPulseConfig.APPLICATION_ID, "salespulse-bench-" + UUID.randomUUID().toString().substring(0, 8))
                .with(SalesPulseConfig.STATE_DIR, work.resolve("state").toString())
                .with(SalesPulseConfig.TOPIC_PARTITIONS, Integer.toString(settings.partitions()))
                .with(SalesPulseConfig.STREAMS_PREFIX + "num.stream.threads", Integer.toString(settings.threads()));
    }

    private static Map<TopicPartition, Long> endOffsets(final Admin admin, final String topic) {
        try {
            final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(partition -> request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            final Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long sum(final Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cores and load average: the bench shares the machine with whatever else runs on it. */
    private static String machine() {
        String load = "n/a";
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = String.join(" ", fields[0], fields[1], fields[2]);
        } catch (final IOException | RuntimeException unavailable) {
            // Not Linux: the summary says n/a.
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
