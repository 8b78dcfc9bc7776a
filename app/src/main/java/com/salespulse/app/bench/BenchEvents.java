package com.salespulse.app.bench;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's events, from the seeded synthetic sales floor of {@link CrmGenerator}.
 *
 * <p>The history that is loaded before the pipeline starts is shifted in time to end just before
 * the run, so that the events of the latency phase, stamped with the wall clock, come after it in
 * event time and are never late. The latency phase's events come from a floor of their own with
 * prefixed ids, so they start new leads instead of continuing the history's journeys (the
 * generator names leads {@code L1, L2, ...} whatever the seed). The history's leads arrive at a rate
 * that spreads it over a given number of weeks, so that its windows, cohorts and journeys are those
 * of weeks of sales work, not of a few hours.
 */
public final class BenchEvents {
    private static final int SAMPLE_LEADS = 500;
    private static final double HEADROOM = 1.05;
    private static final int WEEKDAYS = 5;

    private BenchEvents() {
    }

    /** The roster of the floor every benchmark event comes from. */
    public static List<Rep> roster(final long seed) {
        return new CrmGenerator(GeneratorConfig.of(seed, 0)).roster();
    }

    /**
     * The first {@code count} events of a floor with enough leads arriving over about {@code weeks}
     * weeks, in time order, shifted so that the last one happened at {@code endingAt}.
     */
    public static List<SalesEvent> history(final long seed, final int count, final int weeks, final Instant endingAt) {
        final GeneratorConfig floor = GeneratorConfig.of(seed, 0);
        final double eventsPerLead = eventsPerLead(floor);
        final List<SalesEvent> events = atLeast(floor.withLeadsPerDay(leadsPerDay(count, eventsPerLead, weeks)), count,
                eventsPerLead);
        if (!events.isEmpty()) {
            shift(events, Duration.between(events.get(events.size() - 1).getOccurredAt(), endingAt));
        }
        return events;
    }

    /**
     * The first {@code count} events of a floor with enough leads, their lead, opportunity and
     * event ids prefixed with {@code idPrefix}. Their times are the simulation's; the sender
     * stamps each with the instant it is due.
     */
    public static List<SalesEvent> fresh(final long seed, final int count, final String idPrefix) {
        final GeneratorConfig floor = GeneratorConfig.of(seed, 0);
        final List<SalesEvent> events = atLeast(floor, count, eventsPerLead(floor));
        prefixIds(events, idPrefix);
        return events;
    }

    /** Events per lead of the floor, from a sample of {@value #SAMPLE_LEADS} leads; at least 1. */
    static double eventsPerLead(final GeneratorConfig floor) {
        final int sampleSize = new CrmGenerator(floor.withLeadCount(SAMPLE_LEADS)).generate().size();
        return Math.max(1.0, (double) sampleSize / SAMPLE_LEADS);
    }

    /**
     * Leads per weekday that make {@code count} events span about {@code weeks} weeks: leads arrive
     * on weekdays mostly (a trickle over the weekend), so a week counts as its five weekdays.
     */
    static int leadsPerDay(final int count, final double eventsPerLead, final int weeks) {
        return (int) Math.max(1, Math.ceil(count / eventsPerLead / (weeks * (double) WEEKDAYS)));
    }

    /**
     * Generates the floor with as many leads as it takes to reach {@code count} events, and keeps
     * the first {@code count}. Events come in time order, so cutting the tail leaves whole days.
     *
     * @param eventsPerLead the floor's {@link #eventsPerLead}, for a first guess of the leads it takes
     */
    static List<SalesEvent> atLeast(final GeneratorConfig floor, final int count, final double eventsPerLead) {
        if (count <= 0) {
            return new ArrayList<>();
        }
        int leads = (int) Math.ceil(count / eventsPerLead * HEADROOM) + 1;
        while (true) {
            final List<SalesEvent> events = new CrmGenerator(floor.withLeadCount(leads)).generate();
            if (events.size() >= count) {
                return new ArrayList<>(events.subList(0, count));
            }
            leads = (int) Math.ceil(leads * ((double) count / Math.max(1, events.size())) * HEADROOM) + 1;
        }
    }

    static void shift(final List<SalesEvent> events, final Duration by) {
        for (final SalesEvent event : events) {
            event.setOccurredAt(event.getOccurredAt().plus(by));
        }
    }

    static void prefixIds(final List<SalesEvent> events, final String prefix) {
        for (final SalesEvent event : events) {
            event.setEventId(prefix + event.getEventId());
            if (event.getLeadId() != null) {
                event.setLeadId(prefix + event.getLeadId());
            }
            if (event.getOpportunityId() != null) {
                event.setOpportunityId(prefix + event.getOpportunityId());
            }
        }
    }
}
