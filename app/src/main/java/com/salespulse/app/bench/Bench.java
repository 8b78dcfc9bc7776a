package com.salespulse.app.bench;

import com.salespulse.app.Cluster;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.catalog.KpiSelection;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run on a fresh embedded broker and registry: load generated events, time a plain
 * consumer on them, time the full pipeline on them and count what it wrote, time a pipeline that
 * publishes only a KPI selection on the same events, then measure latency at an open-loop rate with
 * the full pipeline caught up. Every figure of the {@link BenchReport} comes from this one run.
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
                BenchEvents.history(settings.seed(), settings.events(), settings.weeks(), historyEnd));
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
        final String kpiChanges = cluster.topics().kpiChanges().name();
        log.accept(String.format(Locale.ROOT, "Phase 3: the pipeline, full catalog (%s, %d stream thread%s, application id %s), from the earliest offset...",
                config.processingGuarantee(), settings.threads(), settings.threads() == 1 ? "" : "s", config.applicationId()));
        // The pipeline as `salespulse run` and `replay` build it: the options its configuration asks for.
        try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
            // The broker is fresh: the KpiChange topic is empty before.
            final PipelineRun full = time(pipeline, cluster, inputEnds, settle, 0);
            final TopicWrites writes = writes(cluster.admin(), config.applicationId(), kpiChanges);
            log.accept("  " + writes.describe(full.timing().events()));
            log.accept(String.format(Locale.ROOT, "  %,d records on %s",
                    TopicReader.count(config.bootstrapServers(), cluster.topics().dlq().name(), READ_TIMEOUT),
                    cluster.topics().dlq().name()));

            final Optional<PipelineRun> selection = settings.selection()
                    .map(kpis -> runSelection(cluster, kpis, inputEnds, settle, full.kpiChanges()));
            if (selection.isEmpty()) {
                log.accept("Phase 4: skipped (--kpis " + BenchSettings.NO_SELECTION + ")");
            }

            log.accept(String.format(Locale.ROOT, "Phase 5: latency of the full catalog at %,.0f ev/s open loop, %s warm-up, %s measured...",
                    settings.rate(), settings.warmUp(), settings.latencyDuration()));
            final LatencyProbe.Result latency = new LatencyProbe(config.bootstrapServers(), cluster.clientConfig(),
                    input, kpiChanges, schedule, probeEvents, log)
                    .run(pipeline, cluster.admin(), settle);
            log.accept(String.format(Locale.ROOT, "  latency: %,d events sent (%,d not acknowledged), %,d KpiChanges measured (%,d by their event-time header), %,d not measured (warm-up, history)",
                    latency.sent(), latency.failedSends(), latency.latency().count(), latency.fromHeader(), latency.excluded()));
            return new BenchReport(settings, config.processingGuarantee(), config.commitIntervalMs(), load, raw,
                    full, writes, selection, latency, machine(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Phase 4: a pipeline that publishes only {@code kpis}, under an application id of its own so that
     * it reads the input from the earliest offset, timed as the full catalog was, then closed. Its
     * KpiChanges are what the topic grew by, {@code kpiChangesBefore} being the count before it.
     */
    private PipelineRun runSelection(final Cluster cluster, final String kpis,
                                     final Map<TopicPartition, Long> inputEnds, final Duration settle,
                                     final long kpiChangesBefore) {
        final SalesPulseConfig config = cluster.config()
                .with(SalesPulseConfig.APPLICATION_ID, newApplicationId())
                .with(SalesPulseConfig.KPIS, kpis);
        log.accept(String.format(Locale.ROOT, "Phase 4: the pipeline, KPI selection %s (application id %s), from the earliest offset...",
                kpis, config.applicationId()));
        log.accept("  the full-catalog pipeline stays open meanwhile, idle and caught up, as for the latency phase"
                + " (its stream threads count in this phase's CPU)");
        try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
            return time(pipeline, cluster, inputEnds, settle, kpiChangesBefore);
        }
    }

    /**
     * Starts {@code pipeline}, times it until it has caught up on the input, and counts the committed
     * KpiChange records it added to the {@code kpiChangesBefore} the topic had.
     */
    private PipelineRun time(final KpiPipeline pipeline, final Cluster cluster,
                             final Map<TopicPartition, Long> inputEnds, final Duration settle,
                             final long kpiChangesBefore) {
        final PipelineThroughput.Result timing = PipelineThroughput.run(pipeline, cluster.admin(), inputEnds, settle,
                log);
        final long kpiChanges = TopicReader.count(cluster.config().bootstrapServers(),
                cluster.topics().kpiChanges().name(), READ_TIMEOUT);
        final PipelineRun run = new PipelineRun(timing, kpiChanges - kpiChangesBefore);
        log.accept(String.format(Locale.ROOT, "  pipeline: %s; caught up on the repartition topic %.2f s later",
                timing.throughput().describe(), PipelineThroughput.seconds(timing.tail())));
        log.accept(String.format(Locale.ROOT, "  %,d KpiChange records committed = %.2f per input event",
                run.kpiChanges(), run.kpiChangesPerEvent()));
        return run;
    }

    /**
     * What the pipeline of {@code applicationId} wrote: to its own topics (changelogs, repartition),
     * named without the application id prefix, and to the KpiChange topic.
     */
    private static TopicWrites writes(final Admin admin, final String applicationId, final String kpiChanges) {
        final String prefix = applicationId + "-";
        final Map<String, Long> records = new HashMap<>();
        records.put(kpiChanges, sum(endOffsets(admin, kpiChanges)));
        for (final String topic : await(admin.listTopics().names(), "the topic names")) {
            if (topic.startsWith(prefix)) {
                records.put(topic.substring(prefix.length()), sum(endOffsets(admin, topic)));
            }
        }
        return new TopicWrites(records);
    }

    private SalesPulseConfig config(final EmbeddedStack stack, final Path work) {
        return SalesPulseConfig.load(null, System.getenv())
                .with(SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers())
                .with(SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())
                .with(SalesPulseConfig.APPLICATION_ID, newApplicationId())
                // Phase 3 times the full catalog whatever SALESPULSE_KPIS says; --kpis chooses the selection of phase 4.
                .with(SalesPulseConfig.KPIS, KpiSelection.ALL)
                .with(SalesPulseConfig.STATE_DIR, work.resolve("state").toString())
                .with(SalesPulseConfig.TOPIC_PARTITIONS, Integer.toString(settings.partitions()))
                .with(SalesPulseConfig.STREAMS_PREFIX + "num.stream.threads", Integer.toString(settings.threads()));
    }

    /** A fresh application id: a pipeline under it has no committed offsets and reads from the earliest. */
    private static String newApplicationId() {
        return "salespulse-bench-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<TopicPartition, Long> endOffsets(final Admin admin, final String topic) {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        await(admin.describeTopics(List.of(topic)).allTopicNames(), "the partitions of " + topic).get(topic).partitions()
                .forEach(partition -> request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        await(admin.listOffsets(request).all(), "the end offsets of " + topic)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static <T> T await(final KafkaFuture<T> future, final String what) {
        try {
            return future.get();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot read " + what, e.getCause());
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
