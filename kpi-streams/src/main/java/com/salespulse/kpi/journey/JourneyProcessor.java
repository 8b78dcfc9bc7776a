package com.salespulse.kpi.journey;

import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.events.validation.SalesEventValidator;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.bucket.MeasureDelta;
import com.salespulse.kpi.bucket.Watermarks;
import com.salespulse.kpi.catalog.Family;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.topology.PipelineOptions;
import com.salespulse.kpi.window.WindowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps each lead's journey and turns every event into bucket changes.
 *
 * <p>Changes are counted per slot ({@link Slots}: an hour, or less in zones on half hours), not
 * per window, so an event costs a handful of buffer updates whatever the number of windows; a
 * flush adds each slot's change to every window holding the slot. Changes to the same slot bucket
 * are combined in a changelogged buffer and sent on every {@code flushInterval} of wall-clock
 * time, which cuts the records crossing the repartition topic
 * by orders of magnitude (one {@code org/all} change per window per interval instead of one per
 * event). The buffer is a state store, so a change that was combined but not yet sent when the
 * task commits is committed with the journey that produced it and sent after a restart: nothing is
 * lost or counted twice. The store is written through, never read while the task runs: the
 * buffered changes are also kept as objects, loaded from the store when the task starts.
 *
 * <p>Event time: the partition's event time is the latest {@code occurredAt} seen, moved up to the
 * wall clock after a quiet period; it is kept in a changelogged store, so it is restored exactly
 * with the journeys it judged. It is not Kafka Streams' stream time: record timestamps stay the
 * times records were written, because brokers refuse changelog records stamped with an event time
 * too far in the future. An event
 * more than the grace period behind it is dead-lettered as late and changes nothing. After every
 * flush that sent changes or moved it, and once when the input goes idle, the task sends its
 * watermark (event time less grace) to every bucket task, which publishes on it.
 *
 * <p>SLA deadlines: a lead whose SLA is undecided is indexed in the SLA due store under its
 * deadline. Every flush decides BREACHED for each indexed lead whose deadline the partition's event
 * time has passed (the quiet clock included) and combines the resulting changes like an event's,
 * before the buffer is sent, so they cross before the watermark that could close their window.
 *
 * <p>Every event accepted (valid, on time, with its changes combined) is counted in
 * {@code salespulse.events.processed} by type; rejected ones are counted by the dead-letter handler.
 */
public final class JourneyProcessor implements Processor<String, SalesEvent, String, MeasureDelta> {
    private static final String EVENT_TIME = "event-time";
    private static final String QUIET_CLOCK = "quiet-clock";
    /**
     * How long a partition has had no input when its watermark says its input is idle: longer than a busy stream
     * thread leaves a task without records, short enough to end a backfill promptly.
     */
    private static final Duration IDLE_AFTER = Duration.ofSeconds(1);
    /** How often forgotten leads are swept out of the journey store. */
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private final JourneyStores stores;
    private final PipelineOptions options;

    private ProcessorContext<String, MeasureDelta> context;
    private KeyValueStore<String, LeadJourney> journeys;
    private KeyValueStore<String, MeasureDelta> buffer;
    /** What the buffer store holds, as objects: combining an event's changes reads no store. */
    private final Map<String, MeasureDelta> buffered = new HashMap<>();
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, String> slaDue;
    /** The earliest deadline in the SLA index, so that most events need no look at it. */
    private long earliestDue = Long.MIN_VALUE;
    private JourneyUpdate update;
    private boolean inputSinceFlush;
    /** Whether the last watermark sent said the input was idle. */
    private boolean reportedIdle;
    private long lastInputWallMs = Long.MIN_VALUE;
    private long lastSentWatermark = Long.MIN_VALUE;

    /**
     * The names of the stores the processor uses.
     *
     * @param slaDue the SLA deadline index: {@code <deadline millis, zero-padded>|<leadId>} to leadId
     */
    public record JourneyStores(String journeys, String buffer, String eventClock, String reps, String slaDue) {
    }

    public JourneyProcessor(final JourneyStores stores, final PipelineOptions options) {
        this.stores = stores;
        this.options = options;
    }

    @Override
    public void init(final ProcessorContext<String, MeasureDelta> processorContext) {
        this.context = processorContext;
        this.journeys = processorContext.getStateStore(stores.journeys());
        this.buffer = processorContext.getStateStore(stores.buffer());
        buffered.clear();
        try (KeyValueIterator<String, MeasureDelta> all = buffer.all()) {
            all.forEachRemaining(entry -> buffered.put(entry.key, entry.value));
        }
        this.clock = processorContext.getStateStore(stores.eventClock());
        this.slaDue = processorContext.getStateStore(stores.slaDue());
        this.earliestDue = firstDeadline();
        final KeyValueStore<String, ValueAndTimestamp<Rep>> reps = processorContext.getStateStore(stores.reps());
        this.update = new JourneyUpdate(Slots.of(options.windows()), repId -> {
            final ValueAndTimestamp<Rep> rep = reps.get(repId);
            return rep == null ? null : rep.value().getTeamId();
        }, options.currencyRates(), options.alerts().sla());
        processorContext.schedule(options.flushInterval(), PunctuationType.WALL_CLOCK_TIME, this::flush);
        processorContext.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClockMs -> sweep());
    }

    @Override
    public void process(final Record<String, SalesEvent> record) {
        inputSinceFlush = true;
        final SalesEvent event = record.value();
        if (event == null) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, "record without a value");
        }
        SalesEventValidator.validate(event);
        final long occurredAt = event.getOccurredAt().toEpochMilli();
        final long latest = eventTime();
        if (latest != Long.MIN_VALUE && occurredAt < latest - options.grace().toMillis()) {
            throw new InvalidRecordException(RejectReason.LATE, "occurredAt is more than the grace period ("
                    + options.grace() + ") behind the partition's event time");
        }
        if (occurredAt > latest) {
            clock.put(EVENT_TIME, occurredAt);
        }
        final long eventTime = Math.max(latest, occurredAt);
        // Deadlines are decided here, in the order of the partition's events, not only at flushes: whether a late
        // first touch or the passing deadline decides a breach (and so its window and rep) must not depend on timing.
        decideDueSlas(eventTime - options.grace().toMillis());
        final String leadId = event.getLeadId();
        final JourneyUpdate.Result result;
        if (leadId == null || event.getType() == EventType.CAMPAIGN_SPEND) {
            // Campaign spend carries no lead state (a leadId on it is ignored), so it may be keyed by its channel.
            result = update.apply(null, event);
        } else {
            if (!leadId.equals(record.key())) {
                throw new InvalidRecordException(RejectReason.KEY_MISMATCH,
                        "record key is not the event's leadId, so the lead's events could not stay in order");
            }
            final LeadJourney before = journeys.get(leadId);
            result = update.apply(before, event);
            result.after().setLastSeenAt(eventTime);
            journeys.put(leadId, result.after());
            reindexSla(leadId, before, result.after());
        }
        combineAll(result, occurredAt);
        options.metrics().eventProcessed(event.getType());
    }

    private void combineAll(final JourneyUpdate.Result result, final long occurredAt) {
        for (final Map.Entry<BucketKey, Measures> delta : result.deltas().entrySet()) {
            combine(delta.getKey().encode(), delta.getValue(), occurredAt);
        }
    }

    /** Keeps the lead in the SLA due index exactly while its SLA has a deadline and no outcome. */
    private void reindexSla(final String leadId, final LeadJourney before, final LeadJourney after) {
        final String was = Leads.slaPending(before) ? dueKey(before.getSlaDeadline().toEpochMilli(), leadId) : null;
        final String is = Leads.slaPending(after) ? dueKey(after.getSlaDeadline().toEpochMilli(), leadId) : null;
        if (was != null && !was.equals(is)) {
            slaDue.delete(was);
        }
        if (is != null && !is.equals(was)) {
            slaDue.put(is, leadId);
            earliestDue = Math.min(earliestDue, after.getSlaDeadline().toEpochMilli());
        }
    }

    private static String dueKey(final long deadlineMillis, final String leadId) {
        return String.format("%019d|%s", Math.max(0, deadlineMillis), leadId);
    }

    /**
     * Decides BREACHED for every lead in the SLA due index whose deadline is not after the event time,
     * in deadline order; the changes count in the deadline's window (docs/kpis.md, sla_breaches).
     */
    private void decideDueSlas(final long decidedUpTo) {
        if (earliestDue == Long.MAX_VALUE || earliestDue > decidedUpTo) {
            return;
        }
        final List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> all = slaDue.all()) {
            while (all.hasNext()) {
                final KeyValue<String, String> entry = all.next();
                if (Long.parseLong(entry.key.substring(0, entry.key.indexOf('|'))) > decidedUpTo) {
                    break;
                }
                due.add(entry);
            }
        }
        for (final KeyValue<String, String> entry : due) {
            slaDue.delete(entry.key);
            final LeadJourney before = journeys.get(entry.value);
            if (before == null) {
                continue;
            }
            final JourneyUpdate.Result result = update.deadlinePassed(before);
            if (result.after() != before) {
                journeys.put(entry.value, result.after());
                combineAll(result, before.getSlaDeadline().toEpochMilli());
            }
        }
        earliestDue = firstDeadline();
    }

    /** The earliest deadline in the SLA index, or Long.MAX_VALUE when it is empty. */
    private long firstDeadline() {
        try (KeyValueIterator<String, String> all = slaDue.all()) {
            if (!all.hasNext()) {
                return Long.MAX_VALUE;
            }
            final String first = all.next().key;
            return Long.parseLong(first.substring(0, first.indexOf('|')));
        }
    }

    /**
     * Forgets leads whose latest event is older than the lead retention: their windows are final, so
     * forgetting them changes no published value. Bounded state costs one scan of the store an hour.
     */
    private void sweep() {
        final long eventTime = eventTime();
        if (eventTime == Long.MIN_VALUE) {
            return;
        }
        final long forgetBefore = eventTime - options.leadRetention().toMillis();
        final List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, LeadJourney> all = journeys.all()) {
            all.forEachRemaining(entry -> {
                // 0: written before leads carried lastSeenAt; kept until its next event stamps it
                if (entry.value.getLastSeenAt() > 0 && entry.value.getLastSeenAt() < forgetBefore) {
                    forgotten.add(entry.key);
                }
            });
        }
        forgotten.forEach(journeys::delete);
    }

    /**
     * Adds each buffered slot change to every window holding the slot, combined per window bucket:
     * done once per flush in memory, so an event costs a few slot updates and a flush sends one
     * record per window bucket it changed.
     */
    private Map<String, MeasureDelta> toWindows(final Map<String, MeasureDelta> slotChanges) {
        final Map<String, MeasureDelta> byBucket = new HashMap<>();
        for (final Map.Entry<String, MeasureDelta> change : slotChanges.entrySet()) {
            final BucketKey slot = BucketKey.decode(change.getKey());
            for (final WindowSpec window : options.windows().specs()) {
                final String bucket = new BucketKey(slot.dimension(), slot.value(), window.name(),
                        window.startOf(slot.windowStart())).encode();
                final MeasureDelta combined = byBucket.get(bucket);
                byBucket.put(bucket, combined == null ? change.getValue().copy() : combined.plusInPlace(change.getValue()));
            }
        }
        return byBucket;
    }

    /** The partition's event time: the latest occurredAt, or the wall clock once the input has gone quiet. */
    private long eventTime() {
        final Long latest = clock.get(EVENT_TIME);
        final Long quiet = clock.get(QUIET_CLOCK);
        return Math.max(latest == null ? Long.MIN_VALUE : latest, quiet == null ? Long.MIN_VALUE : quiet);
    }


    private void combine(final String key, final Measures delta, final long occurredAt) {
        final MeasureDelta change = MeasureDelta.of(delta, occurredAt);
        final MeasureDelta before = buffered.get(key);
        // The vectors are this processor's own: the event's changes are made for it, the buffered ones only held here.
        final MeasureDelta combined = before == null ? change : before.plusInPlace(change);
        buffered.put(key, combined);
        buffer.put(key, combined);
    }

    private void flush(final long wallClockMs) {
        if (inputSinceFlush || lastInputWallMs == Long.MIN_VALUE) {
            // Input is noticed at flushes, on the punctuation clock, so quietness is measured on one clock only.
            lastInputWallMs = wallClockMs;
            inputSinceFlush = false;
        }
        final boolean idle = wallClockMs - lastInputWallMs >= IDLE_AFTER.toMillis();
        if (!options.quietPeriod().isZero() && wallClockMs - lastInputWallMs >= options.quietPeriod().toMillis()) {
            final Long quiet = clock.get(QUIET_CLOCK);
            if (quiet == null || quiet < wallClockMs) {
                clock.put(QUIET_CLOCK, wallClockMs);
            }
        }
        final long eventTime = eventTime();
        if (eventTime != Long.MIN_VALUE) {
            // Only once no on-time touch can still be dated before a deadline: a touch older than event time less the
            // grace is late and dead-lettered, so the outcome is the same however the input is batched.
            decideDueSlas(eventTime - options.grace().toMillis());
        }
        final long timestamp = wallClockMs;
        boolean sent = false;
        for (final Map.Entry<String, MeasureDelta> change : toWindows(buffered).entrySet()) {
            if (!change.getValue().measures().isZero()) {
                context.forward(new Record<>(change.getKey(), change.getValue(), timestamp));
                sent = true;
            }
        }
        buffered.keySet().forEach(buffer::delete);
        buffered.clear();
        // Also after every flush that sent changes, unmoved: a bucket task publishes on a watermark, so the changes
        // just sent are published without waiting for its own punctuation; and once when the input goes idle, so that
        // a bucket task pacing a backfill publishes its last changes at once.
        final long watermark = eventTime == Long.MIN_VALUE ? Long.MIN_VALUE : eventTime - options.grace().toMillis();
        if (watermark > lastSentWatermark || sent || idle && !reportedIdle) {
            lastSentWatermark = Math.max(lastSentWatermark, watermark);
            reportedIdle = idle;
            context.forward(new Record<>(Watermarks.key(context.taskId().partition()),
                    MeasureDelta.watermark(lastSentWatermark, idle), timestamp));
        }
    }
}
