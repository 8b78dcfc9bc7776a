package com.salespulse.producers.generator;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A seeded synthetic sales floor: a roster of reps and the CRM events of {@code leadCount} leads,
 * from their creation to won or lost deals, NPS answers and churn, plus daily campaign spend.
 * The same config always gives the same roster and the same events, ids included.
 *
 * <p>Events come in {@code occurredAt} order; events of the same millisecond are ordered by lead
 * and, within a lead, in the order its script wrote them, so a lead's events are always in causal
 * order. Event ids are {@code E1, E2, ...} in that order.
 */
public final class CrmGenerator {
    private final GeneratorConfig config;
    private final SalesFloor floor;
    private final Simulation simulation;

    public CrmGenerator(final GeneratorConfig config) {
        this.config = config;
        this.floor = new SalesFloor(config);
        this.simulation = new Simulation(config, floor);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Reps R1..Rn in teams T1..Tk, with region, an IANA time zone of that region, and a monthly quota. */
    public List<Rep> roster() {
        return floor.roster();
    }

    /** Every event of the simulation, in time order; fresh objects on every call. */
    public List<SalesEvent> generate() {
        final Chunk chunk = simulation.run(0, config.start(), config.leadCount(), 1, Ids.PLAIN);
        final List<SalesEvent> events = new ArrayList<>(chunk.events().size());
        long sequence = 0;
        for (final Scheduled scheduled : chunk.events()) {
            final SalesEvent event = scheduled.event();
            event.setEventId(Ids.PLAIN.event(++sequence));
            events.add(event);
        }
        return events;
    }

    /** {@link #generate()} as a stream. */
    public Stream<SalesEvent> events() {
        return generate().stream();
    }

    /** One slice of an endless run, for {@link LiveTraffic}. */
    Chunk chunk(final long index, final Instant from, final int leads, final long firstLeadNumber,
                final Ids ids) {
        return simulation.run(index, from, leads, firstLeadNumber, ids);
    }
}
