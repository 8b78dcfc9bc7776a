package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.app.notify.AlertNotifications;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.metrics.PrometheusMeters;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.producers.ingest.IngestEndpoints;
import com.salespulse.producers.ingest.IngestSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The pipeline against an external Kafka cluster and schema registry, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the KPI pipeline against an external Kafka cluster and schema registry until stopped.")
public final class RunCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @Mixin
    private ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        final PrometheusMeterRegistry meters = PrometheusMeters.create();
        try (ShutdownSignal shutdown = new ShutdownSignal();
             Cluster cluster = Cluster.connect(connection.load()).ensureTopics();
             // Declared before the server that serves it, so that it is closed after the server has stopped.
             IngestEndpoints ingest = new IngestEndpoints(cluster.topics(), cluster.clientConfig(), meters,
                     IngestSettings.from(cluster.config()::get));
             ServingPipeline serving = ServingPipeline.create(cluster.config(), cluster.topics(), cluster.clientConfig(),
                     meters, List.of(ingest::register));
             AlertNotifications notifications = AlertNotifications.start(cluster.config(), cluster.clientConfig(),
                     cluster.topics().alerts(), meters, "alert-webhook")) {
            serving.start(START_TIMEOUT);
            final KpiPipeline pipeline = serving.pipeline();
            System.out.printf("SalesPulse pipeline %s running against %s (registry %s); HTTP on port %d, advertised as %s."
                            + " Ctrl-C stops it.%n", pipeline.applicationId(), cluster.config().bootstrapServers(),
                    cluster.config().schemaRegistryUrl(), serving.server().port(), serving.server().advertised());
            while (!shutdown.await(Duration.ofSeconds(1))) {
                if (pipeline.failure() != null) {
                    return 1;
                }
            }
            System.out.println("Stopping...");
        }
        return 0;
    }
}
