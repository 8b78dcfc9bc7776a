package com.salespulse.producers.generator;

import java.time.Instant;
import java.util.List;

/**
 * What one run of the simulation produced: its events in time order (without event ids yet),
 * where its arrivals stopped (the next chunk starts there) and the next free lead number.
 */
record Chunk(List<Scheduled> events, Instant arrivalsEnd, long nextLeadNumber) {
}
