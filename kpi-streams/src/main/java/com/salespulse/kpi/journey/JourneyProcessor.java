package com.salespulse.kpi.journey;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.events.validation.SalesEventValidator;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.bucket.MeasureDelta;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.window.Windows;
import java.time.Duration;
import java.util.ArrayList;
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
 * Keeps each lead's journey and turns every event into bucket changes. Changes to the same bucket
 * are combined in a changelogged buffer and sent on every {@code flushInterval} of wall-clock
 * time, which cuts the records crossing the repartition topic by orders of magnitude (one
 * {@code org/all} change per window per interval instead of one per event). The buffer is a state
 * store, so a change that was combined but not yet sent when the task commits is committed with
 * the journey that produced it and sent after a restart: nothing is lost or counted twice.
 */
public final class JourneyProcessor implements Processor<String, SalesEvent, String, MeasureDelta> {
    private final String journeyStoreName;
    private final String bufferStoreName;
    private final String repsStoreName;
    private final Windows windows;
    private final Duration flushInterval;

    private ProcessorContext<String, MeasureDelta> context;
    private KeyValueStore<String, LeadJourney> journeys;
    private KeyValueStore<String, MeasureDelta> buffer;
    private JourneyUpdate update;

    public JourneyProcessor(final String journeyStoreName, final String bufferStoreName, final String repsStoreName,
                            final Windows windows, final Duration flushInterval) {
        this.journeyStoreName = journeyStoreName;
        this.bufferStoreName = bufferStoreName;
        this.repsStoreName = repsStoreName;
        this.windows = windows;
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(final ProcessorContext<String, MeasureDelta> processorContext) {
        this.context = processorContext;
        this.journeys = processorContext.getStateStore(journeyStoreName);
        this.buffer = processorContext.getStateStore(bufferStoreName);
        final KeyValueStore<String, ValueAndTimestamp<Rep>> reps = processorContext.getStateStore(repsStoreName);
        this.update = new JourneyUpdate(windows, repId -> {
            final ValueAndTimestamp<Rep> rep = reps.get(repId);
            return rep == null ? null : rep.value().getTeamId();
        });
        processorContext.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, timestamp -> flush());
    }

    @Override
    public void process(final Record<String, SalesEvent> record) {
        final SalesEvent event = record.value();
        if (event == null) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, "record without a value");
        }
        SalesEventValidator.validate(event);
        final String leadId = event.getLeadId();
        if (leadId == null) {
            // Events about no lead (campaign spend) carry no lead state.
            return;
        }
        if (!leadId.equals(record.key())) {
            throw new InvalidRecordException(RejectReason.KEY_MISMATCH,
                    "record key is not the event's leadId, so the lead's events could not stay in order");
        }
        final JourneyUpdate.Result result = update.apply(journeys.get(leadId), event);
        journeys.put(leadId, result.after());
        for (final Map.Entry<BucketKey, Measures> delta : result.deltas().entrySet()) {
            final String key = delta.getKey().encode();
            final MeasureDelta buffered = buffer.get(key);
            final Measures combined = buffered == null
                    ? delta.getValue()
                    : Measures.fromMap(buffered.getValues()).plus(delta.getValue());
            buffer.put(key, new MeasureDelta(combined.toMap()));
        }
    }

    private void flush() {
        final List<KeyValue<String, MeasureDelta>> pending = new ArrayList<>();
        try (KeyValueIterator<String, MeasureDelta> all = buffer.all()) {
            all.forEachRemaining(pending::add);
        }
        final long timestamp = Math.max(0, context.currentStreamTimeMs());
        for (final KeyValue<String, MeasureDelta> entry : pending) {
            if (!entry.value.getValues().isEmpty()) {
                context.forward(new Record<>(entry.key, entry.value, timestamp));
            }
            buffer.delete(entry.key);
        }
    }
}
