package com.salespulse.kpi.sla;

import com.salespulse.events.Alert;
import com.salespulse.events.EventSource;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.alert.AlertSettings;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.config.StreamsProperties;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.support.Events;
import com.salespulse.kpi.support.TestDirectories;
import com.salespulse.kpi.topology.KpiTopology;
import com.salespulse.kpi.topology.PipelineOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology (built by {@link KpiTopology#build}) in a TopologyTestDriver, with given
 * alert settings and a wall clock the test moves: {@link #stepUntil} moves it in small steps and
 * notes when each alert appeared, so that tests can say how soon after its moment an alert came.
 */
public final class AlertDriver implements AutoCloseable {
    /** The wall clock moves in steps this long: the flush interval, half the SLA check interval. */
    public static final Duration STEP = Duration.ofMillis(100);
    private static final Duration APPROACH = Duration.ofMillis(300);

    private final Topics topics = new Topics("", new InMemorySchemaRegistryClient());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Topology topology;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SalesEvent> events;
    private final TestInputTopic<String, Rep> reps;
    private final TestOutputTopic<String, Alert> alerts;
    private Instant wallClock;

    /** An alert and the wall-clock time of the step at which it appeared. */
    public record Raised(Instant seenAt, String key, Alert alert) {
    }

    public AlertDriver(final AlertSettings settings, final Instant wallClockStart) {
        final SalesPulseConfig config = SalesPulseConfig.of(Map.of(SalesPulseConfig.APPLICATION_ID, "alert-topology-test",
                SalesPulseConfig.STATE_DIR, TestDirectories.create("alert-topology-test").toString()));
        final Properties props = StreamsProperties.of(config, topics.dlq().name(), meters);
        topology = KpiTopology.build(topics, PipelineOptions.defaults().withFlushInterval(STEP)
                .withClock(Clock.fixed(wallClockStart, ZoneOffset.UTC)).withAlerts(settings)
                .withMetrics(new PipelineMetrics(meters)), props);
        driver = new TopologyTestDriver(topology, props, wallClockStart);
        wallClock = wallClockStart;
        final Topic<String, SalesEvent> eventTopic = topics.crmEvents();
        events = driver.createInputTopic(eventTopic.name(), new StringSerializer(), eventTopic.valueSerde().serializer());
        final Topic<String, Rep> repTopic = topics.reps();
        reps = driver.createInputTopic(repTopic.name(), new StringSerializer(), repTopic.valueSerde().serializer());
        final Topic<String, Alert> alertTopic = topics.alerts();
        alerts = driver.createOutputTopic(alertTopic.name(), alertTopic.keySerde().deserializer(),
                alertTopic.valueSerde().deserializer());
    }

    /** A LEAD_CREATED that came through a web form. */
    public static SalesEvent webForm(final Events created) {
        final SalesEvent event = created.build();
        event.setSource(EventSource.WEB_FORM);
        return event;
    }

    public Topology topology() {
        return topology;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    public Instant wallClock() {
        return wallClock;
    }

    public AlertDriver rep(final String repId, final String teamId, final String region) {
        reps.pipeInput(repId, Rep.newBuilder().setRepId(repId).setName("Rep " + repId).setTeamId(teamId)
                .setRegion(region).setTimezone("Europe/Berlin").build());
        return this;
    }

    /** Sends events keyed by their lead, in this order, without moving the wall clock. */
    public AlertDriver send(final Events... builders) {
        for (final Events builder : builders) {
            send(builder.build());
        }
        return this;
    }

    public AlertDriver send(final SalesEvent... built) {
        for (final SalesEvent event : built) {
            events.pipeInput(event.getLeadId(), event, event.getOccurredAt());
        }
        return this;
    }

    /** Moves the wall clock to {@code until} in one jump (one punctuation) and returns what was raised. */
    public List<Raised> jumpTo(final Instant until) {
        if (!until.isAfter(wallClock)) {
            return List.of();
        }
        driver.advanceWallClockTime(Duration.between(wallClock, until));
        wallClock = until;
        return raised();
    }

    /**
     * Jumps to just before {@code moment}, then steps until just after it, and returns what was raised on
     * the way, with when. Each step commits the task's stores, as a running pipeline does every commit
     * interval, so tests step only around the moments they time.
     */
    public List<Raised> stepThrough(final Instant moment) {
        final List<Raised> seen = new ArrayList<>(jumpTo(moment.minus(APPROACH)));
        seen.addAll(stepUntil(moment.plus(APPROACH).plus(STEP)));
        return seen;
    }

    /** Moves the wall clock to {@code until} in {@link #STEP}s and returns what was raised, with when. */
    public List<Raised> stepUntil(final Instant until) {
        final List<Raised> seen = new ArrayList<>();
        while (wallClock.isBefore(until)) {
            final Duration step = Duration.between(wallClock, until).compareTo(STEP) < 0
                    ? Duration.between(wallClock, until) : STEP;
            driver.advanceWallClockTime(step);
            wallClock = wallClock.plus(step);
            seen.addAll(raised());
        }
        return seen;
    }

    private List<Raised> raised() {
        return alerts.readRecordsToList().stream()
                .map(record -> new Raised(wallClock, record.key(), record.value())).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
