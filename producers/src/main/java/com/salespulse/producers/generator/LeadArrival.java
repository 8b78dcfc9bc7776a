package com.salespulse.producers.generator;

import java.time.Instant;

/** A lead walking in: when, from which region, through which channel. */
record LeadArrival(long number, Instant at, RegionProfile region, ChannelProfile channel) {
}
