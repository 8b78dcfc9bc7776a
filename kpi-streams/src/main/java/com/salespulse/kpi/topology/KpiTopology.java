package com.salespulse.kpi.topology;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.alert.AlertTopology;
import com.salespulse.kpi.bucket.BucketAggregator;
import com.salespulse.kpi.bucket.BucketSerde;
import com.salespulse.kpi.bucket.InternalAvroSerde;
import com.salespulse.kpi.bucket.MeasureDelta;
import com.salespulse.kpi.bucket.MeasureDeltaSerde;
import com.salespulse.kpi.bucket.Watermarks;
import com.salespulse.kpi.dedup.EventDedup;
import com.salespulse.kpi.dedup.Sightings;
import com.salespulse.kpi.journey.JourneyProcessor;
import com.salespulse.kpi.journey.LeadJourney;
import com.salespulse.kpi.webform.WebFormTopology;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The KPI pipeline.
 *
 * <pre>
 * sales.webform-submissions (submissionId → WebFormSubmission)
 *   └─ webform-normalise     store submission-store (submissionId → first seen); see {@link WebFormTopology}
 *   sales.crm-events (leadId → SalesEvent LEAD_CREATED)   sink webform-leads-sink
 *
 * sales.crm-events (leadId → SalesEvent)          sales.reps (repId → Rep, global table reps-store)
 *   └─ event-dedup           store event-id-store (key|eventId → first seen, for the dedup horizon):
 *        │                   a repeated eventId goes no further (counted in salespulse.duplicates)
 *      ├─ journey-update     stores lead-journey-store (leadId → LeadJourney), delta-buffer-store,
 *      │    │                event-clock-store, sla-due-store (SLA deadline|leadId → leadId, decided on event time)
 *      │    │ changes combined per (dimension member, slot: an hour where the zone allows) per flush, then added
 *      │    │ to every window holding the slot: bucket key → MeasureDelta
 *      │  bucket-deltas (repartition by bucket key: window|windowStart|dimension|value)
 *      │  └─ bucket-aggregate  store bucket-store (bucket key → measure totals, KPI revisions, what is
 *      │       │               not yet published), watermark-store, open-window-store
 *      │       │ KPI key → KpiChange, at most once per flush interval for every KPI of the catalog whose
 *      │       │ numbers moved since it was last published
 *      │  sales.kpi-changes    sink kpi-changes-sink
 *      └─ sla-check          see {@link AlertTopology}
 * </pre>
 *
 * <p>Windows: those of {@link PipelineOptions#windows()} (PT1H and P1D tumbling, aligned to the UTC
 * epoch; calendar day, week, month and quarter in the organisation's zone), by event time
 * ({@code occurredAt}; record timestamps stay the time records were written).
 * Grace: {@link PipelineOptions#grace()}; later
 * events go to sales.dlq as late. Journey tasks send watermarks on bucket-deltas to every bucket
 * task ({@link Watermarks}); bucket-aggregate publishes final values of closed windows and deletes
 * their buckets after the cohort horizon. Stores: event-clock-store (journey side), watermark-store
 * and open-window-store (bucket side).
 * Duplicates: event-dedup and webform-normalise remember what they let through in changelogged window stores
 * ({@link Sightings}) for {@link PipelineOptions#dedupHorizon()}, measured on record timestamps; both journey-update
 * and sla-check read event-dedup's output, so a repeat counts nowhere.
 * Invalid events and records that cannot be read go to sales.dlq through {@code DeadLetterHandler}.
 * Alerting ({@link AlertTopology}): sla-check beside journey-update on event-dedup's output (stores
 * sla-state-store, sla-deadline-store), kpi-rule-check on bucket-aggregate's output (store
 * kpi-rule-store), both to sales.alerts.
 * The shape does not depend on the number of KPIs: a KPI is a catalog entry.
 */
public final class KpiTopology {
    public static final String CRM_EVENTS_SOURCE = "crm-events-source";
    public static final String EVENT_DEDUP = "event-dedup";
    public static final String REPS_SOURCE = "reps-source";
    public static final String JOURNEY_PROCESSOR = "journey-update";
    public static final String BUCKET_DELTAS = "bucket-deltas";
    public static final String BUCKET_PROCESSOR = "bucket-aggregate";
    public static final String KPI_CHANGES_SINK = "kpi-changes-sink";

    public static final String REPS_STORE = "reps-store";
    public static final String LEAD_JOURNEY_STORE = "lead-journey-store";
    public static final String DELTA_BUFFER_STORE = "delta-buffer-store";
    public static final String BUCKET_STORE = "bucket-store";
    public static final String EVENT_CLOCK_STORE = "event-clock-store";
    public static final String WATERMARK_STORE = "watermark-store";
    public static final String OPEN_WINDOW_STORE = "open-window-store";
    /** The journey side's SLA deadline index (deadline|leadId → leadId), scanned on event time. */
    public static final String SLA_DUE_STORE = "sla-due-store";
    /** Every eventId let through (record key|eventId → first seen), kept for the dedup horizon. */
    public static final String EVENT_ID_STORE = "event-id-store";

    private KpiTopology() {
    }

    /**
     * Builds the topology. A pure function of its arguments: no I/O.
     *
     * @param topics          the topic contract (names and serdes)
     * @param options         windows, flush interval, clock, dedup horizon, lead id key, meters
     * @param streamsConfig   the Streams configuration the topology will run with (for naming checks)
     */
    public static Topology build(final Topics topics, final PipelineOptions options, final Properties streamsConfig) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Serde<MeasureDelta> deltaSerde = new MeasureDeltaSerde();

        final Topic<String, Rep> reps = topics.reps();
        builder.globalTable(reps.name(),
                Consumed.with(reps.keySerde(), reps.valueSerde()).withName(REPS_SOURCE),
                Materialized.<String, Rep, KeyValueStore<Bytes, byte[]>>as(REPS_STORE)
                        .withKeySerde(reps.keySerde()).withValueSerde(reps.valueSerde()));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEAD_JOURNEY_STORE),
                Serdes.String(), new InternalAvroSerde<>(LeadJourney.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DELTA_BUFFER_STORE),
                Serdes.String(), deltaSerde).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EVENT_CLOCK_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SLA_DUE_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUCKET_STORE),
                Serdes.String(), new BucketSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WATERMARK_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OPEN_WINDOW_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Sightings.storeBuilder(EVENT_ID_STORE, options.dedupHorizon()));

        final Topic<String, SalesEvent> events = topics.crmEvents();
        final Topic<String, KpiChange> kpiChanges = topics.kpiChanges();
        final JourneyProcessor.JourneyStores journeyStores = new JourneyProcessor.JourneyStores(
                LEAD_JOURNEY_STORE, DELTA_BUFFER_STORE, EVENT_CLOCK_STORE, REPS_STORE, SLA_DUE_STORE);
        final BucketAggregator.BucketStores bucketStores = new BucketAggregator.BucketStores(
                BUCKET_STORE, WATERMARK_STORE, OPEN_WINDOW_STORE, REPS_STORE);
        final KStream<String, SalesEvent> distinctEvents = builder.stream(events.name(),
                        Consumed.with(events.keySerde(), events.valueSerde()).withName(CRM_EVENTS_SOURCE))
                .processValues(() -> new EventDedup(EVENT_ID_STORE, options.dedupHorizon(), options.metrics()),
                        Named.as(EVENT_DEDUP), EVENT_ID_STORE);
        final KStream<String, KpiChange> changes = distinctEvents
                .process(() -> new JourneyProcessor(journeyStores, options),
                        Named.as(JOURNEY_PROCESSOR), LEAD_JOURNEY_STORE, DELTA_BUFFER_STORE, EVENT_CLOCK_STORE,
                        SLA_DUE_STORE)
                .repartition(Repartitioned.<String, MeasureDelta>as(BUCKET_DELTAS)
                        .withKeySerde(Serdes.String()).withValueSerde(deltaSerde)
                        .withStreamPartitioner(Watermarks.partitioner()))
                .process(() -> new BucketAggregator(bucketStores, options),
                        Named.as(BUCKET_PROCESSOR), BUCKET_STORE, WATERMARK_STORE, OPEN_WINDOW_STORE);
        changes.to(kpiChanges.name(), Produced.with(kpiChanges.keySerde(), kpiChanges.valueSerde()).withName(KPI_CHANGES_SINK));
        AlertTopology.addTo(builder, distinctEvents, changes, topics.alerts(), options, REPS_STORE);
        // Last, so that the sub-topologies before it keep their numbers: task ids name the state directories.
        WebFormTopology.addTo(builder, topics.webformSubmissions(), events, options);
        return builder.build(streamsConfig);
    }
}
