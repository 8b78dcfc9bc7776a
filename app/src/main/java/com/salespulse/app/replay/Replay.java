package com.salespulse.app.replay;

import com.salespulse.app.Cluster;
import com.salespulse.events.KpiChange;
import com.salespulse.events.json.KpiChangeJson;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.ConsumerGroupProgress;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.runtime.KpiSnapshot;
import com.salespulse.kpi.runtime.TopicReader;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.ImportProgress;
import com.salespulse.producers.importer.ImportSummary;
import com.salespulse.producers.importer.RosterImporter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Replays a file of events through the pipeline and exports the latest {@link KpiChange} of every
 * (kpi, dimension, dimension value, window, window start) that holds data, sorted by that key, as
 * JSON Lines.
 *
 * <p>The roster and every event are imported before the pipeline starts, so the roster is known
 * before the first event and the pipeline sees its whole input at once; the KPIs are sums over
 * leads whose own events keep their order, so the export is the same on every run.
 */
public final class Replay {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    /** What a replay did. */
    public record Result(ImportSummary events, ImportSummary roster, long deadLettered, int exported,
                         Duration elapsed) {

        /** The last line a replay prints. */
        public String summaryLine() {
            return String.format(Locale.ROOT,
                    "Replay done: %,d events imported, %,d records sent to the dead-letter topic, %,d KPI values exported in %.1f s",
                    events.imported(), deadLettered, exported, elapsed.toMillis() / 1000.0);
        }
    }

    private final SalesPulseConfig config;
    private final Consumer<String> log;

    /**
     * @param config where the cluster and registry are, the application id and the state directory to use
     * @param log    receives progress lines
     */
    public Replay(final SalesPulseConfig config, final Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /**
     * @param events JSON Lines of events
     * @param roster JSON Lines of reps, or null
     * @param export where the latest KPI values are written
     */
    public Result run(final Path events, final Path roster, final Path export) throws IOException {
        final Instant started = Instant.now();
        try (Cluster cluster = Cluster.connect(config).ensureTopics()) {
            final ImportSummary rosterSummary = roster == null ? null : importRoster(cluster, roster);
            final ImportSummary eventSummary = importEvents(cluster, events);
            process(cluster);
            final Map<String, KpiChange> latest = withData(KpiSnapshot.read(config.bootstrapServers(),
                    cluster.topics().kpiChanges(), READ_TIMEOUT));
            write(latest, export);
            final long deadLettered = TopicReader.count(config.bootstrapServers(), cluster.topics().dlq().name(),
                    READ_TIMEOUT);
            return new Result(eventSummary, rosterSummary, deadLettered, latest.size(),
                    Duration.between(started, Instant.now()));
        }
    }

    private ImportSummary importRoster(final Cluster cluster, final Path roster) throws IOException {
        try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
            final ImportSummary summary = importer.importFile(roster, this::progress);
            log.accept("Roster " + summary.describe());
            return summary;
        }
    }

    private ImportSummary importEvents(final Cluster cluster, final Path events) throws IOException {
        try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
            final ImportSummary summary = importer.importFile(events, this::progress);
            log.accept("Events " + summary.describe());
            return summary;
        }
    }

    private void process(final Cluster cluster) {
        try (KpiPipeline pipeline = new KpiPipeline(config, cluster.topics(), new SimpleMeterRegistry())) {
            pipeline.start(START_TIMEOUT);
            log.accept("Pipeline running; waiting until every record is processed...");
            final ConsumerGroupProgress progress = new ConsumerGroupProgress(cluster.admin(), pipeline.applicationId(),
                    pipeline.consumedTopics());
            // Settle for several flushes and commits: a flush after the last input record still has to cross the
            // repartition topic and be committed.
            final Duration settle = Duration.ofMillis(Math.max(1000, 10L * config.commitIntervalMs()));
            progress.awaitCaughtUp(settle, PROCESS_TIMEOUT, () -> pipeline.state() == KafkaStreams.State.RUNNING
                    || pipeline.state() == KafkaStreams.State.REBALANCING);
        }
    }

    private void progress(final ImportProgress progress) {
        log.accept("  " + progress.describe());
    }

    /**
     * Drops KPIs whose latest change left them empty (a count at 0, a ratio at 0 / 0): a bucket
     * every lead has left (a reassigned lead's old rep) holds no value, just like a bucket no lead
     * ever entered. Which of the two a bucket is depends on how changes were batched, so keeping
     * them would make exports differ.
     */
    private static Map<String, KpiChange> withData(final Map<String, KpiChange> snapshot) {
        snapshot.values().removeIf(change -> KpiCatalog.byName(change.getKpi())
                .map(kpi -> kpi.isEmpty(change.getNumerator(), change.getDenominator()))
                .orElse(false));
        return snapshot;
    }

    private static void write(final Map<String, KpiChange> latest, final Path export) throws IOException {
        final Path parent = export.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(export)) {
            for (final KpiChange change : latest.values()) {
                writer.write(KpiChangeJson.write(change));
                writer.newLine();
            }
        }
    }
}
