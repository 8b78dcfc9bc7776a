package com.salespulse.producers.generator;

import java.time.Instant;

/**
 * How the simulation names things. A prefix keeps the ids of one run apart from another's (the
 * live demo uses one per start, so a restarted demo does not continue an old lead's journey).
 */
record Ids(String prefix) {

    static final Ids PLAIN = new Ids("");
    /** First letter of {@link LiveTraffic}'s prefixes. */
    static final char LIVE = 'D';
    /** First letter of {@link History}'s prefixes: never a live one's, whenever either started. */
    static final char HISTORY = 'H';

    /** The prefix of one run: its population's letter and its start in epoch seconds, base 36 ({@code D1k2j3l-}). */
    static Ids ofRun(final char population, final Instant startedAt) {
        return new Ids(population + Long.toString(startedAt.getEpochSecond(), 36) + "-");
    }

    String lead(final long number) {
        return prefix + "L" + number;
    }

    String opportunity(final long leadNumber, final int ordinal) {
        return prefix + "O" + leadNumber + (ordinal == 1 ? "" : "-" + ordinal);
    }

    String event(final long sequence) {
        return prefix + "E" + sequence;
    }
}
