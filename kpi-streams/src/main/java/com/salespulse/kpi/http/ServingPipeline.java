package com.salespulse.kpi.http;

import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.runtime.KpiPipeline;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A pipeline process: the HTTP server, bound first so that its address can be the pipeline's
 * {@code application.server}, and the KPI pipeline it serves queries from.
 */
public final class ServingPipeline implements AutoCloseable {
    private final ApiServer server;
    private final KpiPipeline pipeline;

    private ServingPipeline(final ApiServer server, final KpiPipeline pipeline) {
        this.server = server;
        this.pipeline = pipeline;
    }

    /**
     * Binds the HTTP server and builds the pipeline; {@link #start} starts processing.
     *
     * @param clientConfig how to reach Kafka, for the live stream
     * @param endpoints    more endpoints the HTTP server serves (ingestion)
     */
    public static ServingPipeline create(final SalesPulseConfig config, final Topics topics,
                                         final Map<String, ?> clientConfig, final PrometheusMeterRegistry meters,
                                         final List<HttpEndpoints> endpoints) {
        final ApiServer server = ApiServer.start(config, topics, clientConfig, meters, endpoints);
        try {
            final KpiPipeline pipeline = new KpiPipeline(server.advertisedIn(config), topics, meters);
            server.serve(pipeline);
            return new ServingPipeline(server, pipeline);
        } catch (final RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Starts processing and waits until the pipeline runs (see {@link KpiPipeline#start}). */
    public void start(final Duration timeout) {
        pipeline.start(timeout);
    }

    public KpiPipeline pipeline() {
        return pipeline;
    }

    public ApiServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            server.close();
        }
    }
}
