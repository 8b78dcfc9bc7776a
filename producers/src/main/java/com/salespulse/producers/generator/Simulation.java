package com.salespulse.producers.generator;

import com.salespulse.events.Activity;
import com.salespulse.events.Sentiment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the sales floor for a number of arrivals: each lead plays its {@link LeadJourney}, a few
 * events arrive about leads that were never created (another system's ids), and every channel
 * spends its daily budget. Leads draw from streams keyed by their number, so the same lead has
 * the same journey in a batch file and in live traffic.
 */
final class Simulation {
    private static final long ARRIVAL_STREAM = 2;
    private static final long LEAD_STREAM = 3;
    private static final long ORPHAN_STREAM = 5;
    /** About one lead in 300 has events but no LEAD_CREATED. */
    private static final double ORPHANS_PER_LEAD = 1.0 / 300;

    private final GeneratorConfig config;
    private final SalesFloor floor;
    private final CampaignSpend spend;

    Simulation(final GeneratorConfig config, final SalesFloor floor) {
        this.config = config;
        this.floor = floor;
        this.spend = new CampaignSpend(config);
    }

    /**
     * {@code leads} arrivals from {@code from}, numbered from {@code firstLeadNumber}; orphan leads
     * take the numbers after them. {@code index} keys the chunk's random streams.
     */
    Chunk run(final long index, final Instant from, final int leads, final long firstLeadNumber, final Ids ids) {
        // About eight events a lead; capped so a huge lead count cannot overflow the capacity.
        final List<Scheduled> timeline = new ArrayList<>((int) Math.min(1_000_000L, leads * 12L));
        final LeadArrivals arrivals = new LeadArrivals(config, Rng.of(config.seed(), ARRIVAL_STREAM, index), from);
        Instant end = from;
        for (int i = 0; i < leads; i++) {
            final LeadArrival arrival = arrivals.next(firstLeadNumber + i);
            final LeadEvents events = new LeadEvents(ids.lead(arrival.number()), arrival.number(), timeline);
            new LeadJourney(arrival, floor, ids, Rng.of(config.seed(), LEAD_STREAM, arrival.number()), events).play();
            end = arrival.at();
        }
        final long orphanStart = firstLeadNumber + leads;
        final int orphans = orphans(index, leads);
        final Rng orphanRng = Rng.of(config.seed(), ORPHAN_STREAM, index);
        for (int i = 0; i < orphans; i++) {
            orphan(orphanStart + i, from, end, ids, orphanRng, timeline);
        }
        spend.addDays(from, end, timeline);
        timeline.sort(Scheduled.ORDER);
        return new Chunk(timeline, end, orphanStart + orphans);
    }

    private int orphans(final long index, final int leads) {
        final double expected = leads * ORPHANS_PER_LEAD;
        final int whole = (int) expected;
        return whole + (Rng.of(config.seed(), ORPHAN_STREAM, -index - 1).chance(expected - whole) ? 1 : 0);
    }

    /** A touch, and sometimes a reply, about a lead whose LEAD_CREATED never arrives. */
    private void orphan(final long number, final Instant from, final Instant end, final Ids ids, final Rng rng,
                        final List<Scheduled> timeline) {
        final RepProfile rep = rng.pick(floor.reps());
        final long span = Math.max(1, Duration.between(from, end).getSeconds());
        final Instant touched = rep.nextWorkingMoment(from.plusSeconds((long) (rng.unit() * span)));
        final LeadEvents events = new LeadEvents(ids.lead(number), number, timeline);
        events.contacted(touched, rep.repId(), rng.chance(0.7) ? Activity.CALL : Activity.EMAIL, false);
        if (rng.chance(0.5)) {
            events.replied(touched.plusSeconds(rng.between(10, 300) * 60L),
                    rng.chance(0.5) ? Sentiment.POSITIVE : Sentiment.NEUTRAL);
        }
    }
}
