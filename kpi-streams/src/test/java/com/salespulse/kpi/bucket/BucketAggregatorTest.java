package com.salespulse.kpi.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.topology.PipelineOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publication rule of the bucket stage (docs/kpis.md, Publication): at most one KpiChange per
 * KPI and bucket per flush interval, carrying the bucket's numbers at the end of that interval.
 * Bucket changes and watermarks are fed to the processor as the repartition topic delivers them;
 * the wall clock is the mock context's.
 */
class BucketAggregatorTest {
    private static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
    private static final long WALL = Instant.parse("2026-11-02T12:00:00Z").toEpochMilli();
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final String FRT = "first_response_time";
    private static final BucketKey ORG_HOUR = new BucketKey(Dimension.ORG, Dimension.ALL, "PT1H", T0);
    private static final String ORG_HOUR_FRT = FRT + "|org|all|PT1H|2026-11-02T09:00:00Z";

    private final List<KeyValueStore<?, ?>> stores = new ArrayList<>();
    private MockProcessorContext<String, KpiChange> context = new MockProcessorContext<>();
    private BucketAggregator aggregator;

    @BeforeEach
    void startAggregator() {
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("buckets"), Serdes.String(),
                new BucketSerde()).withLoggingDisabled().build());
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watermarks"), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build());
        addStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("open-windows"), Serdes.String(),
                Serdes.Long()).withLoggingDisabled().build());
        addStore(Stores.<String, Rep>timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore("reps"),
                Serdes.String(), new Topics("", new InMemorySchemaRegistryClient()).reps().valueSerde())
                .withLoggingDisabled().build());
        context.setCurrentSystemTimeMs(WALL);
        aggregator = start(PipelineOptions.defaults());
    }

    /** A processor on the stores, in a context of its own, as a task (re)starting on its restored state. */
    private BucketAggregator start(final PipelineOptions options) {
        final long wallClockMs = context.currentSystemTimeMs();
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(wallClockMs);
        stores.forEach(context::addStateStore);
        final BucketAggregator started = new BucketAggregator(new BucketAggregator.BucketStores("buckets", "watermarks",
                "open-windows", "reps"), options.withFlushInterval(INTERVAL)
                .withClock(Clock.fixed(Instant.ofEpochMilli(WALL), ZoneOffset.UTC)));
        started.init(context);
        return started;
    }

    @Test
    void shouldPublishEachKpiOnceWithTheIntervalsLastNumbersWhenABucketChangesSeveralTimesInOneInterval() {
        // Given three changes to the org hour within one flush interval: 600 s, then 1,200 s, then 300 s measured
        change(ORG_HOUR, responses(600, 1), T0 + 1_000);
        change(ORG_HOUR, responses(1_200, 1), T0 + 2_000);
        change(ORG_HOUR, responses(300, 1), T0 + 500);

        // When a watermark ends the journey task's flush
        watermark(T0 - 1);

        // Then first_response_time is published once, with the interval's last numbers: 2,100 s / 3 = 700 s
        final Map<String, List<KpiChange>> published = published();
        assertThat(published.get(ORG_HOUR_FRT)).singleElement().satisfies(change -> {
            assertThat(change.getNumerator()).isEqualTo(2_100.0);
            assertThat(change.getDenominator()).isEqualTo(3.0);
            assertThat(change.getValue()).isEqualTo(700.0);
            assertThat(change.getRevision()).isEqualTo(1L);
            assertThat(change.getPreviousValue()).isNull();
        });
        // and every KPI key of the bucket at most once, each stamped with the earliest event it reflects
        assertThat(published.values()).allSatisfy(changes -> assertThat(changes).hasSize(1));
        assertThat(context.forwarded()).allSatisfy(forward -> assertThat(eventTimeHeader(forward)).isEqualTo(T0 + 500));
    }

    @Test
    void shouldHoldAChangeUntilTheIntervalHasPassedWhenTheBucketWasPublishedLessThanAnIntervalAgo() {
        // Given the org hour published at 600 s
        change(ORG_HOUR, responses(600, 1), T0 + 1_000);
        watermark(T0 - 1);
        context.resetForwards();

        // When 40 ms later another change and watermark arrive
        context.setCurrentSystemTimeMs(WALL + 40);
        change(ORG_HOUR, responses(1_200, 1), T0 + 2_000);
        watermark(T0 - 1);

        // Then nothing is published yet
        assertThat(context.forwarded()).isEmpty();

        // and once the interval has passed, the punctuation publishes it as the next revision
        punctuate(WALL + 100);
        assertThat(published().get(ORG_HOUR_FRT)).singleElement().satisfies(change -> {
            assertThat(change.getValue()).isEqualTo(900.0);
            assertThat(change.getRevision()).isEqualTo(2L);
            assertThat(change.getPreviousValue()).isEqualTo(600.0);
        });
    }

    @Test
    void shouldPublishNothingForAKpiWhoseNumbersAreBackWhereTheyWerePublishedWhenTheIntervalEnds() {
        // Given the org hour published with one lead created and 600 s measured
        change(ORG_HOUR, responses(600, 1).add(Measure.LEADS_CREATED, 1), T0 + 1_000);
        watermark(T0 - 1);
        context.resetForwards();

        // When within the next interval a lead is created and then taken back (a correction), and a response measured
        change(ORG_HOUR, new Measures().add(Measure.LEADS_CREATED, 1), T0 + 2_000);
        change(ORG_HOUR, new Measures().add(Measure.LEADS_CREATED, -1).add(Measure.FIRST_RESPONSE_MILLIS, 1_200_000)
                .add(Measure.FIRST_RESPONSE_LEADS, 1), T0 + 3_000);
        punctuate(WALL + 100);

        // Then leads_created, which ends the interval where it was published, is not published again
        final Map<String, List<KpiChange>> published = published();
        assertThat(published).doesNotContainKey("leads_created|org|all|PT1H|2026-11-02T09:00:00Z");
        assertThat(published.get(ORG_HOUR_FRT)).singleElement()
                .satisfies(change -> assertThat(change.getValue()).isEqualTo(900.0));
    }

    @Test
    void shouldCarryAPendingChangeInTheFinalRecordWhenItsWindowClosesInTheSameInterval() {
        // Given the org hour published at 600 s, and a change to 900 s not yet published
        change(ORG_HOUR, responses(600, 1), T0 + 1_000);
        watermark(T0 - 1);
        context.resetForwards();
        context.setCurrentSystemTimeMs(WALL + 40);
        change(ORG_HOUR, responses(1_200, 1), T0 + 2_000);

        // When the watermark passes the hour's end, and the interval ends
        watermark(T0 + Duration.ofHours(1).toMillis());
        punctuate(WALL + 100);

        // Then first_response_time is published once: final, with the new value, as the next revision
        assertThat(published().get(ORG_HOUR_FRT)).singleElement().satisfies(change -> {
            assertThat(change.getFinal$()).isTrue();
            assertThat(change.getValue()).isEqualTo(900.0);
            assertThat(change.getPreviousValue()).isEqualTo(600.0);
            assertThat(change.getRevision()).isEqualTo(2L);
        });
    }

    @Test
    void shouldPublishAChangeAfterARestartWhenItWasCountedButNotYetPublished() {
        // Given the org hour published at 600 s, then a change to 900 s counted but not yet published
        change(ORG_HOUR, responses(600, 1), T0 + 1_000);
        watermark(T0 - 1);
        context.setCurrentSystemTimeMs(WALL + 40);
        change(ORG_HOUR, responses(1_200, 1), T0 + 2_000);
        context.resetForwards();

        // When the task starts again on its stores (a new processor, as after a crash and restore)
        aggregator = start(PipelineOptions.defaults());
        punctuate(WALL + 1_000);

        // Then the change is published once, as the next revision, stamped with its event's time
        assertThat(published().get(ORG_HOUR_FRT)).singleElement().satisfies(change -> {
            assertThat(change.getValue()).isEqualTo(900.0);
            assertThat(change.getRevision()).isEqualTo(2L);
            assertThat(change.getPreviousValue()).isEqualTo(600.0);
        });
        assertThat(context.forwarded()).allSatisfy(forward -> assertThat(eventTimeHeader(forward)).isEqualTo(T0 + 2_000));

        // and nothing is left to publish
        context.resetForwards();
        punctuate(WALL + 2_000);
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void shouldPublishOnlyOncePerBackfillIntervalWhenEventTimeTrailsTheWallClockUntilTheInputIsIdle() {
        // Given a 5 s backfill interval, event time days behind the wall clock, and the org hour just published
        aggregator = start(PipelineOptions.defaults().withBackfillInterval(Duration.ofSeconds(5)));
        change(ORG_HOUR, responses(600, 1), T0 + 1_000);
        watermark(T0 - Duration.ofDays(3).toMillis());
        context.resetForwards();

        // When changes and watermarks keep arriving every flush interval for 2 s
        for (long at = WALL + 100; at < WALL + 2_000; at += 100) {
            context.setCurrentSystemTimeMs(at);
            change(ORG_HOUR, responses(1_200, 1), T0 + 2_000);
            watermark(T0 - Duration.ofDays(3).toMillis());
            punctuate(at + 50);
        }

        // Then nothing is published while the input keeps coming
        assertThat(context.forwarded()).isEmpty();

        // and everything at once when the journey task says its input is idle: 600 + 19 x 1,200 s over 20 leads
        context.setCurrentSystemTimeMs(WALL + 2_100);
        aggregator.process(new Record<>(Watermarks.key(0), MeasureDelta.watermark(T0 - Duration.ofDays(3).toMillis(), true),
                context.currentSystemTimeMs()));
        assertThat(published().get(ORG_HOUR_FRT)).singleElement()
                .satisfies(change -> assertThat(change.getValue()).isEqualTo((600.0 + 19 * 1_200.0) / 20));
    }

    private static Measures responses(final long seconds, final long leads) {
        return new Measures().add(Measure.FIRST_RESPONSE_MILLIS, seconds * 1_000).add(Measure.FIRST_RESPONSE_LEADS, leads);
    }

    private void change(final BucketKey bucket, final Measures measures, final long earliestEventAt) {
        aggregator.process(new Record<>(bucket.encode(), MeasureDelta.of(measures, earliestEventAt),
                context.currentSystemTimeMs()));
    }

    private void watermark(final long watermark) {
        aggregator.process(new Record<>(Watermarks.key(0), MeasureDelta.watermark(watermark, false),
                context.currentSystemTimeMs()));
    }

    private void punctuate(final long wallClockMs) {
        context.setCurrentSystemTimeMs(wallClockMs);
        context.scheduledPunctuators().stream()
                .filter(punctuator -> punctuator.getType() == PunctuationType.WALL_CLOCK_TIME)
                .forEach(punctuator -> punctuator.getPunctuator().punctuate(wallClockMs));
    }

    /** The KPI changes forwarded so far, by KPI key, in order. */
    private Map<String, List<KpiChange>> published() {
        return context.forwarded().stream().map(CapturedForward::record)
                .collect(Collectors.groupingBy(Record::key, Collectors.mapping(Record::value, Collectors.toList())));
    }

    private static long eventTimeHeader(final CapturedForward<? extends String, ? extends KpiChange> forward) {
        return Long.parseLong(new String(forward.record().headers().lastHeader(BucketAggregator.EVENT_TIME_HEADER)
                .value(), StandardCharsets.UTF_8));
    }

    private void addStore(final KeyValueStore<?, ?> store) {
        store.init(context.getStateStoreContext(), store);
        stores.add(store);
    }
}
