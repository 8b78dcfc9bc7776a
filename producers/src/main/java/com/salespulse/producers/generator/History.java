package com.salespulse.producers.generator;

import com.salespulse.events.SalesEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The recent past of a simulated floor, so that a demo does not open on an empty dashboard: every
 * event of the floor whose {@code occurredAt} falls in {@code [from, until)}, in time order, with
 * event ids in that order.
 *
 * <p>The floor is in full swing when the window opens: arrivals start {@link #LEAD_IN} before it,
 * so the window holds the follow-ups, deals, NPS answers and churn of leads created earlier, as an
 * export of a CRM cut at a date does. Those leads' {@code LEAD_CREATED} lies before the window and
 * is not part of it (the pipeline counts their events for flow KPIs, with region and channel
 * {@code unknown}; docs/kpis.md). Journeys that would go on past {@code until} stop there.
 *
 * <p>The leads are a population of their own: the roster is the floor's, so rep and team ids match
 * {@link LiveTraffic}'s on the same config, but arrivals, journeys and spend draw from streams of
 * another seed (else the history's lead n would repeat the live lead n's journey), and lead,
 * opportunity and event ids carry a prefix that starts with {@code H} where live traffic's starts
 * with {@code D}.
 *
 * @param idPrefix the prefix of every id in {@code events}
 * @param events   the window's events, in time order
 */
public record History(String idPrefix, Instant from, Instant until, List<SalesEvent> events) {
    /** Long enough for most journeys that reach the window to be under way: deals take days, churn weeks. */
    static final Duration LEAD_IN = Duration.ofDays(21);
    /** Keeps the history's random streams apart from those of the floor's own seed. */
    private static final long HISTORY_SEED = 0x4869_7374_6F72_7921L;

    public History {
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        events = List.copyOf(events);
    }

    /**
     * The history of {@code floor} in {@code [from, until)}: the floor's {@code start} and
     * {@code leadCount} do not apply (arrivals run from {@link #LEAD_IN} before {@code from} until
     * {@code until}); ids are prefixed by {@code H} and {@code until} in epoch seconds, base 36.
     */
    public static History of(final GeneratorConfig floor, final Instant from, final Instant until) {
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("from must not be after until");
        }
        final Ids ids = Ids.ofRun(Ids.HISTORY, until);
        if (from.equals(until)) {
            return new History(ids.prefix(), from, until, List.of());
        }
        final GeneratorConfig population = floor.withSeed(floor.seed() ^ HISTORY_SEED);
        final Simulation simulation = new Simulation(population, new SalesFloor(floor));
        final int leadsPerChunk = Chunk.hourOfLeads(floor);
        final List<Scheduled> window = new ArrayList<>();
        Instant arrivals = from.minus(LEAD_IN);
        long nextLeadNumber = 1;
        for (long index = 0; arrivals.isBefore(until); index++) {
            final Chunk chunk = simulation.run(index, arrivals, leadsPerChunk, nextLeadNumber, ids);
            for (final Scheduled scheduled : chunk.events()) {
                if (!scheduled.at().isBefore(from) && scheduled.at().isBefore(until)) {
                    window.add(scheduled);
                }
            }
            arrivals = chunk.arrivalsEnd();
            nextLeadNumber = chunk.nextLeadNumber();
        }
        // Each chunk is in order on its own; leads of several chunks interleave in the window.
        window.sort(Scheduled.ORDER);
        final List<SalesEvent> events = new ArrayList<>(window.size());
        long sequence = 0;
        for (final Scheduled scheduled : window) {
            final SalesEvent event = scheduled.event();
            event.setEventId(ids.event(++sequence));
            events.add(event);
        }
        return new History(ids.prefix(), from, until, events);
    }
}
