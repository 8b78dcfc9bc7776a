package com.salespulse.kpi.sla;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.SalesEventValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * First-response SLA clocks, one per lead, on sales.crm-events (keyed by leadId, so in the same task
 * as the lead's journey); alerts out, keyed by leadId.
 *
 * <p>{@code LEAD_CREATED} starts the clock: the first matching policy fixes the lead's moments —
 * at-risk fractions, the deadline, the escalation — in its business calendar, and they are kept in
 * the lead's {@link SlaState}. The first human touch stops it; an automated touch does not. A lead
 * reassigned keeps its clock; alerts name its owner at the time they are raised. A breached lead's
 * first human touch raises {@code SLA_RESOLVED}.
 *
 * <p>Timers: every lead's next moment is one entry of a deadline index ({@code <dueAt>|<leadId>},
 * ordered by time) in a state store. A wall-clock punctuator scans the index up to now every
 * {@link SlaSettings#checkInterval()}, so alerts come on time with no other traffic. The alert and
 * the index update are written in the same task, so under exactly_once_v2 they commit together: a
 * crash before the commit raises the alert again from the restored index, one after it finds the
 * entry gone. Alert ids are deterministic.
 *
 * <p>When several moments of a lead are due at one check (after a restart or a backlog), the
 * at-risk alerts a later moment overtook are passed over: only the latest due at-risk alert is
 * raised, and none once the deadline is due too.
 *
 * <p>Events that break the event contract are left to {@code journey-update}, which dead-letters
 * them; this processor skips them and never throws on input.
 */
public final class SlaProcessor implements Processor<String, SalesEvent, String, Alert> {
    /** Wide enough for any epoch millisecond of the next few centuries; keeps index keys in time order. */
    private static final String TIME_FORMAT = "%015d";

    private final SlaStores stores;
    private final SlaSettings settings;

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, SlaState> states;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, ValueAndTimestamp<Rep>> reps;
    private long lastInputWallMs;
    /** The latest occurredAt this task has seen since it started: the event time of its input. */
    private long inputEventTimeMs = Long.MIN_VALUE;

    /** The names of the stores the processor uses: its own two and the roster's global store. */
    public record SlaStores(String states, String deadlines, String reps) {
    }

    public SlaProcessor(final SlaStores stores, final SlaSettings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Alert> processorContext) {
        this.context = processorContext;
        this.states = processorContext.getStateStore(stores.states());
        this.deadlines = processorContext.getStateStore(stores.deadlines());
        this.reps = processorContext.getStateStore(stores.reps());
        // Until input has been seen, assume a backlog may be waiting (after a restart): see slaNow.
        this.lastInputWallMs = processorContext.currentSystemTimeMs();
        processorContext.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(final Record<String, SalesEvent> record) {
        final SalesEvent event = record.value();
        if (event == null) {
            return;
        }
        final long wallMs = context.currentSystemTimeMs();
        lastInputWallMs = wallMs;
        inputEventTimeMs = Math.max(inputEventTimeMs, event.getOccurredAt().toEpochMilli());
        final EventType type = event.getType();
        if (type != EventType.LEAD_CREATED && type != EventType.LEAD_ASSIGNED && type != EventType.LEAD_CONTACTED
                || event.getLeadId() == null || !event.getLeadId().equals(record.key())) {
            return;
        }
        try {
            SalesEventValidator.validate(event);
        } catch (final InvalidRecordException invalid) {
            return;
        }
        switch (type) {
            case LEAD_CREATED -> created(event, wallMs);
            case LEAD_ASSIGNED -> assigned(event, wallMs);
            case LEAD_CONTACTED -> {
                if (!event.getAutomated()) {
                    touched(event, wallMs);
                }
            }
            default -> {
                // Filtered out above: other events neither start nor stop the clock.
            }
        }
    }

    private void created(final SalesEvent event, final long wallMs) {
        final String leadId = event.getLeadId();
        final SlaState stored = states.get(leadId);
        if (stored != null && stored.getCreatedAt() != null) {
            return;
        }
        final SlaState state = stored == null ? fresh() : stored;
        final Instant createdAt = event.getOccurredAt();
        state.setCreatedAt(createdAt);
        state.setRegion(event.getRegion());
        if (!state.getAssigned()) {
            state.setOwnerRepId(event.getRepId());
        }
        if (state.getFirstHumanTouchAt() == null) {
            final Optional<SlaPolicy> policy = settings.policyFor(event.getChannel(),
                    event.getSource() == null ? null : event.getSource().name(), teamOf(state.getOwnerRepId()),
                    event.getRegion());
            policy.ifPresent(matched -> startClock(state, matched, createdAt));
        }
        schedule(event.getLeadId(), state, stored == null ? null : stored.getDueAt(), wallMs);
    }

    private void startClock(final SlaState state, final SlaPolicy policy, final Instant createdAt) {
        final long target = policy.target().toMillis();
        final Instant deadline = policy.deadline(createdAt);
        final List<SlaCheckpoint> checkpoints = new ArrayList<>();
        for (final double fraction : settings.atRiskFractions()) {
            checkpoints.add(new SlaCheckpoint(AlertKind.SLA_AT_RISK.name(), 0, (int) Math.round(fraction * 100),
                    policy.atFraction(createdAt, fraction), Math.round(target * fraction)));
        }
        checkpoints.add(new SlaCheckpoint(AlertKind.SLA_BREACHED.name(), 0, 100, deadline, target));
        if (policy.escalation() != null) {
            final long escalation = policy.escalation().toMillis();
            checkpoints.add(new SlaCheckpoint(AlertKind.SLA_ESCALATED.name(), 1,
                    (int) Math.round(100.0 * escalation / target), policy.escalationDeadline(createdAt), escalation));
        }
        state.setPolicy(policy.name());
        state.setTargetMillis(target);
        state.setDeadline(deadline);
        state.setCheckpoints(checkpoints);
        state.setHandled(0);
    }

    private void assigned(final SalesEvent event, final long wallMs) {
        final SlaState stored = states.get(event.getLeadId());
        final SlaState state = stored == null ? fresh() : stored;
        state.setOwnerRepId(event.getRepId());
        state.setAssigned(true);
        if (stored == null) {
            schedule(event.getLeadId(), state, null, wallMs);
        } else {
            states.put(event.getLeadId(), state);
        }
    }

    private void touched(final SalesEvent event, final long wallMs) {
        final String leadId = event.getLeadId();
        final SlaState stored = states.get(leadId);
        if (stored != null && stored.getFirstHumanTouchAt() != null) {
            return;
        }
        final SlaState state = stored == null ? fresh() : stored;
        state.setFirstHumanTouchAt(event.getOccurredAt());
        if (state.getBreached()) {
            final Duration waitedBusiness = settings.policy(state.getPolicy())
                    .map(policy -> policy.calendar().openBetween(state.getCreatedAt(), state.getFirstHumanTouchAt()))
                    .orElse(null);
            raise(SlaAlerts.resolved(leadId, state, waitedBusiness, owner(state), Instant.ofEpochMilli(wallMs)), wallMs);
        }
        schedule(leadId, state, stored == null ? null : stored.getDueAt(), wallMs);
    }

    /** Scans the deadline index up to now and raises what fell due. */
    private void check(final long wallMs) {
        final long now = slaNow(wallMs);
        if (now < 0) {
            return;
        }
        final List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range(indexKey(0, ""), String.format(TIME_FORMAT, now) + "}")) {
            entries.forEachRemaining(due::add);
        }
        for (final KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            final String leadId = entry.value;
            final SlaState state = states.get(leadId);
            if (state == null || !entry.key.equals(indexKey(state.getDueAt().toEpochMilli(), leadId))) {
                continue;
            }
            if (!running(state)) {
                states.delete(leadId);
                continue;
            }
            fire(leadId, state, now, wallMs);
            schedule(leadId, state, null, wallMs);
        }
    }

    /**
     * The instant deadlines are judged against: the wall clock, except while the partition is working
     * through input from more than the tolerated lag ago (a backlog after a restart, a replay), when it is
     * the input's event time — a touch still in the backlog must be seen before its lead is declared
     * breached. Without input for the tolerated lag, the wall clock rules again. Right after a start, before
     * any input, nothing is judged for the tolerated lag: a backlog may be about to arrive.
     */
    private long slaNow(final long wallMs) {
        final long tolerance = settings.inputLagTolerance().toMillis();
        final boolean receiving = wallMs - lastInputWallMs < tolerance;
        return receiving && inputEventTimeMs < wallMs - tolerance ? inputEventTimeMs : wallMs;
    }

    private void fire(final String leadId, final SlaState state, final long now, final long wallMs) {
        final List<SlaCheckpoint> checkpoints = state.getCheckpoints();
        final int first = state.getHandled();
        int last = first - 1;
        while (last + 1 < checkpoints.size() && checkpoints.get(last + 1).getDueAt().toEpochMilli() <= now) {
            last++;
        }
        boolean overtaken = false;
        int latestAtRisk = -1;
        for (int i = first; i <= last; i++) {
            if (AlertKind.SLA_AT_RISK.name().equals(checkpoints.get(i).getKind())) {
                latestAtRisk = i;
            } else {
                overtaken = true;
            }
        }
        final SlaAlerts.Owner owner = owner(state);
        final Instant raisedAt = Instant.ofEpochMilli(wallMs);
        for (int i = first; i <= last; i++) {
            final SlaCheckpoint checkpoint = checkpoints.get(i);
            final AlertKind kind = AlertKind.valueOf(checkpoint.getKind());
            if (kind == AlertKind.SLA_AT_RISK && (overtaken || i != latestAtRisk)) {
                continue;
            }
            if (kind == AlertKind.SLA_BREACHED) {
                state.setBreached(true);
            } else if (kind == AlertKind.SLA_ESCALATED) {
                state.setEscalated(true);
            }
            raise(SlaAlerts.checkpoint(leadId, state, checkpoint, owner, raisedAt), wallMs);
        }
        state.setHandled(last + 1);
    }

    private void raise(final Alert alert, final long wallMs) {
        context.forward(new Record<>(alert.getLeadId(), alert, wallMs));
    }

    /** A clock that has started, not stopped, and has moments left. */
    private static boolean running(final SlaState state) {
        return state.getPolicy() != null && state.getFirstHumanTouchAt() == null
                && state.getHandled() < state.getCheckpoints().size();
    }

    /** Stores the state with its next moment, and moves its index entry there. */
    private void schedule(final String leadId, final SlaState state, final Instant previousDue, final long wallMs) {
        final Instant next = running(state)
                ? state.getCheckpoints().get(state.getHandled()).getDueAt()
                : Instant.ofEpochMilli(wallMs).plus(settings.retention());
        if (previousDue != null) {
            deadlines.delete(indexKey(previousDue.toEpochMilli(), leadId));
        }
        state.setDueAt(next);
        states.put(leadId, state);
        deadlines.put(indexKey(next.toEpochMilli(), leadId), leadId);
    }

    private SlaAlerts.Owner owner(final SlaState state) {
        final Rep rep = rep(state.getOwnerRepId());
        final String region = state.getRegion() != null ? state.getRegion() : rep == null ? null : rep.getRegion();
        return new SlaAlerts.Owner(state.getOwnerRepId(), rep == null ? null : rep.getTeamId(), region);
    }

    private String teamOf(final String repId) {
        final Rep rep = rep(repId);
        return rep == null ? null : rep.getTeamId();
    }

    private Rep rep(final String repId) {
        if (repId == null) {
            return null;
        }
        final ValueAndTimestamp<Rep> rep = reps.get(repId);
        return rep == null ? null : rep.value();
    }

    private static SlaState fresh() {
        return SlaState.newBuilder().setDueAt(Instant.EPOCH).build();
    }

    static String indexKey(final long dueAtMs, final String leadId) {
        return String.format(TIME_FORMAT, dueAtMs) + '|' + leadId;
    }
}
