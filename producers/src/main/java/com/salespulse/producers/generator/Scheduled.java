package com.salespulse.producers.generator;

import com.salespulse.events.SalesEvent;
import java.time.Instant;
import java.util.Comparator;

/**
 * An event with its place in the simulation's total order: by time, then by lane (a lead's number;
 * negative for campaign spend, which so comes first in its millisecond), then by its sequence in
 * the lane, which is the order the lead's script wrote it.
 */
record Scheduled(Instant at, long lane, int sequence, SalesEvent event) {

    static final Comparator<Scheduled> ORDER = Comparator.comparing(Scheduled::at)
            .thenComparingLong(Scheduled::lane)
            .thenComparingInt(Scheduled::sequence);
}
