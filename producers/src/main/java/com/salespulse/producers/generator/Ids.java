package com.salespulse.producers.generator;

/**
 * How the simulation names things. A prefix keeps the ids of one run apart from another's (the
 * live demo uses one per start, so a restarted demo does not continue an old lead's journey).
 */
record Ids(String prefix) {

    static final Ids PLAIN = new Ids("");

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
