package com.salespulse.producers.generator;

import java.time.Instant;
import java.util.List;

/**
 * What one run of the simulation produced: its events in time order (without event ids yet),
 * where its arrivals stopped (the next chunk starts there) and the next free lead number.
 */
record Chunk(List<Scheduled> events, Instant arrivalsEnd, long nextLeadNumber) {

    /** Leads per chunk of an endless run: about a simulated hour of arrivals. */
    static int hourOfLeads(final GeneratorConfig config) {
        return Math.max(1, config.leadsPerDay() / 24);
    }
}
