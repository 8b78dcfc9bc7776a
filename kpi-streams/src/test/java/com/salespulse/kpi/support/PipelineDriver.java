package com.salespulse.kpi.support;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.bucket.Bucket;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.config.StreamsProperties;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.topology.KpiTopology;
import com.salespulse.kpi.topology.PipelineOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology, built by the production method, in a TopologyTestDriver with an
 * in-memory schema registry. Bucket changes are sent when {@link #flush()} advances the wall clock
 * by one flush interval, as the running pipeline does every interval. The topology's meters and the
 * dead-letter handler's count in {@link #meters()}, as the running pipeline's count in its registry.
 */
public final class PipelineDriver implements AutoCloseable {
    public static final Instant EMITTED_AT = Instant.parse("2026-11-02T12:00:00Z");
    private static final Duration FLUSH = Duration.ofMillis(100);

    private final Topics topics = new Topics("", new InMemorySchemaRegistryClient());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Topology topology;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SalesEvent> events;
    private final TestInputTopic<String, byte[]> rawEvents;
    private final TestInputTopic<String, Rep> reps;
    private final TestInputTopic<String, WebFormSubmission> submissions;
    private final TestOutputTopic<String, KpiChange> kpiChanges;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<String, SalesEvent> writtenEvents;

    public PipelineDriver() {
        this(UnaryOperator.identity());
    }

    /**
     * @param customize changes the test defaults (PT1H and P1D windows, 100 ms flushes, 2 h grace, 90 day horizon,
     *                  5 min quiet period, one partition, a clock fixed at {@link #EMITTED_AT}, meters in
     *                  {@link #meters()})
     */
    public PipelineDriver(final UnaryOperator<PipelineOptions> customize) {
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(SalesPulseConfig.APPLICATION_ID, "kpi-topology-test",
                SalesPulseConfig.STATE_DIR, TestDirectories.create("kpi-topology-test").toString()));
        final Properties props = StreamsProperties.of(config, topics.dlq().name(), meters);
        topology = KpiTopology.build(topics,
                customize.apply(PipelineOptions.defaults().withFlushInterval(FLUSH)
                        .withClock(Clock.fixed(EMITTED_AT, ZoneOffset.UTC)).withMetrics(new PipelineMetrics(meters))),
                props);
        driver = new TopologyTestDriver(topology, props, EMITTED_AT);
        final Topic<String, SalesEvent> eventTopic = topics.crmEvents();
        events = driver.createInputTopic(eventTopic.name(), new StringSerializer(), eventTopic.valueSerde().serializer());
        rawEvents = driver.createInputTopic(eventTopic.name(), new StringSerializer(), new ByteArraySerializer());
        final Topic<String, Rep> repTopic = topics.reps();
        reps = driver.createInputTopic(repTopic.name(), new StringSerializer(), repTopic.valueSerde().serializer());
        final Topic<String, KpiChange> kpiTopic = topics.kpiChanges();
        kpiChanges = driver.createOutputTopic(kpiTopic.name(), kpiTopic.keySerde().deserializer(),
                kpiTopic.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.dlq().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final Topic<String, WebFormSubmission> submissionTopic = topics.webformSubmissions();
        submissions = driver.createInputTopic(submissionTopic.name(), new StringSerializer(),
                submissionTopic.valueSerde().serializer());
        writtenEvents = driver.createOutputTopic(eventTopic.name(), eventTopic.keySerde().deserializer(),
                eventTopic.valueSerde().deserializer());
    }

    public Topology topology() {
        return topology;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    public PipelineDriver rep(final String repId, final String teamId) {
        return rep(Rep.newBuilder().setRepId(repId).setName("Rep " + repId).setTeamId(teamId)
                .setRegion("EMEA").setTimezone("Europe/Berlin").build());
    }

    /** Puts a whole roster entry, monthly quota included, on sales.reps. */
    public PipelineDriver rep(final Rep rep) {
        reps.pipeInput(rep.getRepId(), rep);
        return this;
    }

    /** Sends events keyed by their lead, in this order. */
    public PipelineDriver send(final Events... builders) {
        for (final Events builder : builders) {
            final SalesEvent event = builder.build();
            events.pipeInput(event.getLeadId(), event, event.getOccurredAt());
        }
        return this;
    }

    public PipelineDriver sendKeyed(final String key, final SalesEvent event) {
        events.pipeInput(key, event, event.getOccurredAt());
        return this;
    }

    /**
     * Sends an event keyed by its lead in a record written at {@code writtenAt}: a redelivery comes later than the
     * event's occurredAt, which it repeats.
     */
    public PipelineDriver sendWritten(final Instant writtenAt, final SalesEvent event) {
        events.pipeInput(event.getLeadId(), event, writtenAt);
        return this;
    }

    /** Puts an event on sales.crm-events as {@code salespulse dlq replay} sends a dead letter back. */
    public PipelineDriver sendReplayed(final Instant writtenAt, final SalesEvent event, final String deadLetter) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.REPLAYED_FROM, deadLetter.getBytes(StandardCharsets.UTF_8));
        events.pipeInput(new TestRecord<>(event.getLeadId(), event, headers, writtenAt));
        return this;
    }

    /** Puts a submission on sales.webform-submissions keyed by its submissionId, written at its submittedAt. */
    public PipelineDriver submit(final WebFormSubmission submission) {
        return submit(submission, submission.getSubmittedAt());
    }

    /** Puts a submission on sales.webform-submissions keyed by its submissionId, written at {@code writtenAt}. */
    public PipelineDriver submit(final WebFormSubmission submission, final Instant writtenAt) {
        submissions.pipeInput(submission.getSubmissionId(), submission, writtenAt);
        return this;
    }

    /** The records the pipeline itself wrote to sales.crm-events since the last call (the leads of web forms). */
    public List<TestRecord<String, SalesEvent>> writtenEvents() {
        return writtenEvents.readRecordsToList();
    }

    /** Every topic the pipeline wrote to so far: outputs, the repartition topic and the changelogs. */
    public Set<String> producedTopics() {
        return driver.producedTopicNames();
    }

    /** The records written to {@code topic} since the last read of it, as bytes. */
    public List<TestRecord<byte[], byte[]>> rawRecords(final String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** A state store of the topology, by name. */
    public StateStore store(final String name) {
        return driver.getAllStateStores().get(name);
    }

    public PipelineDriver sendRaw(final String key, final byte[] value) {
        rawEvents.pipeInput(key, value, Events.T0);
        return this;
    }

    /** Lets one flush interval pass and returns the KPI changes published. */
    public List<TestRecord<String, KpiChange>> flush() {
        driver.advanceWallClockTime(FLUSH);
        return kpiChanges.readRecordsToList();
    }

    /** Lets {@code quiet} pass on the wall clock with no input, then one more flush interval; returns what was published. */
    public List<TestRecord<String, KpiChange>> idle(final Duration quiet) {
        driver.advanceWallClockTime(quiet);
        return flush();
    }

    /** Flushes and returns the latest change per KPI key, of everything published so far. */
    public Map<String, KpiChange> latest(final Map<String, KpiChange> soFar) {
        final Map<String, KpiChange> latest = new LinkedHashMap<>(soFar);
        flush().forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    /** A bucket's measure totals as bucket-aggregate holds them in bucket-store; all 0 for a bucket it does not hold. */
    public Measures bucketTotals(final BucketKey bucket) {
        final KeyValueStore<String, Bucket> buckets = driver.getKeyValueStore(KpiTopology.BUCKET_STORE);
        final Bucket stored = buckets.get(bucket.encode());
        return stored == null ? new Measures() : stored.totals();
    }

    /** The dead letters written since the last call. */
    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
