package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.app.demo.DemoPiiKey;
import com.salespulse.app.demo.DemoSla;
import com.salespulse.app.demo.LiveKpiTable;
import com.salespulse.app.demo.Traffic;
import com.salespulse.app.notify.AlertConsole;
import com.salespulse.app.notify.AlertNotifications;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.http.ApiServer;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.metrics.PrometheusMeters;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.History;
import com.salespulse.producers.generator.LiveTraffic;
import com.salespulse.producers.ingest.IngestEndpoints;
import com.salespulse.producers.ingest.IngestSettings;
import com.salespulse.stack.EmbeddedStack;
import com.salespulse.stack.Ports;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Everything on one machine: embedded broker and registry, a roster, the last day of the simulated
 * floor's history, then live generated CRM traffic and the pipeline, with the dashboard and a live
 * table of KPIs on the console; Ctrl-C stops it cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts an embedded Kafka broker and schema registry, loads a roster and the",
                "last --history of simulated CRM events (so that the dashboard opens full),",
                "then generates live CRM traffic, runs the KPI pipeline, serves the dashboard",
                "and prints live KPIs. Uses localhost:9092, http://localhost:8081 and",
                "http://localhost:8080 when free. Ctrl-C stops it cleanly."})
public final class DemoCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final int DEMO_HTTP_PORT = 8080;
    /** Alert lines shown between two tables at most; the summary line counts the rest. */
    private static final int ALERT_LINES_PER_REFRESH = 8;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the broker, registry and state stores keep their data (default: ~/.salespulse/demo).")
    private Path dataDir = Path.of(System.getProperty("user.home"), ".salespulse", "demo");

    @Option(names = "--leads-per-day", defaultValue = "4000",
            description = "Leads a simulated weekday brings (default: ${DEFAULT-VALUE}).")
    private int leadsPerDay;

    @Option(names = "--speed", defaultValue = "60",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--refresh", defaultValue = "PT5S", description = "How often the console table is printed (default: 5 s).")
    private Duration refresh;

    @Option(names = "--history", paramLabel = "ISO-8601", defaultValue = "PT24H",
            description = "How much of the simulated floor's past is loaded before live traffic starts, in event"
                    + " time (default: ${DEFAULT-VALUE}; PT0S: none). A data dir that holds an earlier run gets only"
                    + " what came after that run's latest event.")
    private Duration history;

    @Override
    public Integer call() throws Exception {
        if (history.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--history must not be negative: " + history);
        }
        System.out.println("Starting the embedded Kafka broker and schema registry in " + dataDir + " ...");
        try (ShutdownSignal shutdown = new ShutdownSignal()) {
            try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.customaryPorts(dataDir.resolve("stack")))) {
                final SalesPulseConfig config = DemoPiiKey.configure(DemoSla.configure(SalesPulseConfig.load(null, System.getenv())
                        .with(SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers())
                        .with(SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())
                        .with(SalesPulseConfig.APPLICATION_ID, "salespulse-demo")
                        .with(SalesPulseConfig.STATE_DIR, dataDir.resolve("state").toString())
                        .with(SalesPulseConfig.HTTP_BIND, "127.0.0.1")
                        .with(SalesPulseConfig.HTTP_PORT, Integer.toString(Ports.preferredOrFree(DEMO_HTTP_PORT))), dataDir),
                        dataDir);
                final AlertConsole alertConsole = new AlertConsole(System.out, ALERT_LINES_PER_REFRESH);
                final PrometheusMeterRegistry meters = PrometheusMeters.create();
                try (Cluster cluster = Cluster.connect(config).ensureTopics();
                     IngestEndpoints ingest = new IngestEndpoints(cluster.topics(), cluster.clientConfig(), meters,
                             IngestSettings.from(config::get));
                     ServingPipeline serving = ServingPipeline.create(config, cluster.topics(), cluster.clientConfig(),
                             meters, List.of(ingest::register))) {
                    serving.start(START_TIMEOUT);
                    final KpiPipeline pipeline = serving.pipeline();
                    final GeneratorConfig floor = Traffic.live(leadsPerDay);
                    Traffic.publishRoster(cluster, floor);
                    loadHistory(cluster, floor);
                    try (LiveTraffic live = Traffic.startLive(cluster, floor, speed);
                         LiveKpiTable table = new LiveKpiTable(config.bootstrapServers(), cluster.topics().kpiChanges());
                         AlertNotifications alerts = AlertNotifications.start(config, cluster.clientConfig(),
                                 cluster.topics().alerts(), meters, "alert-console", alertConsole)) {
                        printAddresses(stack, cluster, serving.server());
                        if (alerts.postsToWebhook()) {
                            // The URL itself is a secret (a Slack webhook URL is its own credential): not printed.
                            System.out.println("  Alert webhook:    every alert is also posted to "
                                    + SalesPulseConfig.ALERTS_WEBHOOK_URL);
                        }
                        while (!shutdown.await(refresh)) {
                            if (pipeline.failure() != null) {
                                return 1;
                            }
                            System.out.println(table.render(Clock.systemUTC().instant()));
                            System.out.printf("  events sent: %,d   simulated time: %s%n", live.sent(), live.simulatedTime());
                            System.out.println(alertConsole.summary());
                        }
                        alertConsole.mute();
                        System.out.println("Stopping...");
                    }
                }
            }
            // Printed before the shutdown hook is released: once it returns, the JVM may halt at any moment.
            System.out.println("Stopped cleanly.");
        }
        return 0;
    }

    /**
     * Publishes the floor's events of the {@code --history} before its start, in time order, before live
     * traffic starts: the pipeline counts them like any backlog. The same floor, so its reps and teams are
     * the live traffic's; its leads are a population of their own.
     */
    private void loadHistory(final Cluster cluster, final GeneratorConfig floor) {
        if (history.isZero()) {
            return;
        }
        final Instant until = floor.start();
        final Instant from = Traffic.historyStart(cluster, until, history);
        if (!from.isBefore(until)) {
            System.out.println("History: none to load, " + cluster.topics().crmEvents().name()
                    + " already holds events up to now.");
            return;
        }
        final History past = History.of(floor, from, until);
        final Duration length = Duration.between(from, until);
        System.out.printf(Locale.ROOT, "Loading %s of history%s: %,d events ...%n", describe(length),
                length.equals(history) ? "" : " (since the latest event of the previous run)", past.events().size());
        final long started = System.nanoTime();
        final long published = Traffic.publishHistory(cluster, past);
        System.out.printf(Locale.ROOT, "History loaded: %,d events in %.1f s (lead ids %s...); the pipeline counts them"
                + " in the background.%n", published, (System.nanoTime() - started) / 1e9, past.idPrefix());
    }

    /** {@code 24 h}, {@code 1 h 30 min}, {@code 37 min}, {@code 45 s}. */
    static String describe(final Duration length) {
        final long hours = length.toHours();
        final long minutes = length.toMinutesPart();
        if (hours > 0) {
            return minutes > 0 ? hours + " h " + minutes + " min" : hours + " h";
        }
        return minutes > 0 ? minutes + " min" : Math.max(1, length.toSecondsPart()) + " s";
    }

    private static void printAddresses(final EmbeddedStack stack, final Cluster cluster, final ApiServer server) {
        System.out.println();
        System.out.println("SalesPulse demo is running.");
        System.out.println("  Dashboard:        http://localhost:" + server.port() + "/");
        System.out.println("  Query API:        http://localhost:" + server.port() + "/api/kpis (docs/api.md)");
        System.out.println("  Metrics:          http://localhost:" + server.port() + "/metrics");
        System.out.println("  Web forms:        curl -d email=a@b.c -d utm_medium=cpc http://localhost:" + server.port()
                + "/ingest/forms/contact");
        System.out.println("  Kafka broker:     " + stack.bootstrapServers());
        System.out.println("  Schema registry:  " + stack.schemaRegistryUrl());
        System.out.println("  KPI changes:      topic " + cluster.topics().kpiChanges().name()
                + " (Avro, Confluent wire format), e.g. kcat -b " + stack.bootstrapServers() + " -t "
                + cluster.topics().kpiChanges().name() + " -s value=avro -r " + stack.schemaRegistryUrl());
        System.out.println("  Events in:        topic " + cluster.topics().crmEvents().name());
        System.out.println("  Dead letters:     topic " + cluster.topics().dlq().name());
        System.out.println("  Alerts:           topic " + cluster.topics().alerts().name() + ", printed here as they arrive;"
                + " SLA policies in " + cluster.config().get(SalesPulseConfig.SLA_CONFIG));
        System.out.println("Ctrl-C stops it.");
    }
}
