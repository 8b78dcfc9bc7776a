package com.salespulse.kpi.runtime;

import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.kpi.alert.AlertTopology;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.config.StreamsProperties;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.query.StoreRouter;
import com.salespulse.kpi.topology.KpiTopology;
import com.salespulse.kpi.topology.PipelineOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI topology running in a {@link KafkaStreams} client: wiring of configuration, topology and
 * metrics, and the lifecycle around it. More instances with the same application id share the work
 * by partition.
 */
public final class KpiPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KpiPipeline.class);

    private final SalesPulseConfig config;
    private final Topics topics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final int sourcePartitions;

    /** The pipeline with the options its configuration asks for. */
    public KpiPipeline(final SalesPulseConfig config, final Topics topics, final MeterRegistry meters) {
        this(config, topics, meters, PipelineOptions.from(config));
    }

    public KpiPipeline(final SalesPulseConfig config, final Topics topics, final MeterRegistry meters,
                       final PipelineOptions options) {
        this.config = config;
        this.topics = topics;
        if (!options.leadIdKey().isSet()) {
            LOG.warn("{} is not set: web-form submissions without a leadId go to the dead-letter topic (reason {})",
                    SalesPulseConfig.PII_HMAC_KEY, RejectReason.NO_PII_KEY.tag());
        }
        final Properties props = StreamsProperties.of(config, topics.dlq().name(), meters);
        this.sourcePartitions = partitionsOf(config, topics.crmEvents().name());
        final Topology topology = KpiTopology.build(topics, options.withSourcePartitions(sourcePartitions)
                .withMetrics(new PipelineMetrics(meters)), props);
        this.streams = new KafkaStreams(topology, props);
        this.streams.setUncaughtExceptionHandler(exception -> {
            failure.set(exception);
            LOG.error("The KPI pipeline stopped on an error it cannot get past", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        this.streamsMetrics.bindTo(meters);
    }

    /**
     * Starts processing and waits until the pipeline is RUNNING.
     *
     * @throws IllegalStateException when it fails, or is not running within {@code timeout}
     */
    public void start(final Duration timeout) {
        final CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING || newState == KafkaStreams.State.ERROR
                    || newState == KafkaStreams.State.PENDING_ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the KPI pipeline was not running after " + timeout);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the KPI pipeline", e);
        }
        if (streams.state() != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.REBALANCING) {
            throw new IllegalStateException("the KPI pipeline failed to start: " + streams.state(), failure.get());
        }
    }

    /** Windows close when every input partition has passed them, so the topology needs their number. */
    private static int partitionsOf(final SalesPulseConfig config, final String topic) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (final ExecutionException e) {
            throw new IllegalStateException("cannot describe the input topic " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The error that stopped the pipeline, or null. */
    public Throwable failure() {
        return failure.get();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public String applicationId() {
        return config.applicationId();
    }

    /** Every topic the pipeline consumes with its consumer group: the inputs and its own repartition topic. */
    public List<String> consumedTopics() {
        return List.of(topics.webformSubmissions().name(), topics.crmEvents().name(),
                storeTopics().get(KpiTopology.BUCKET_STORE).topic());
    }

    /** The stores the query API reads, each with the topic whose partitions are the store's partitions. */
    public Map<String, StoreRouter.StoreTopic> storeTopics() {
        return Map.of(
                KpiTopology.BUCKET_STORE, new StoreRouter.StoreTopic(
                        config.applicationId() + "-" + KpiTopology.BUCKET_DELTAS + "-repartition", sourcePartitions),
                AlertTopology.SLA_STATE_STORE, new StoreRouter.StoreTopic(topics.crmEvents().name(), sourcePartitions));
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }
}
