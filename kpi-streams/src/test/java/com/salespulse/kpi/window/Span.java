package com.salespulse.kpi.window;

import java.time.Instant;

/** A window's bounds as instants, so that a failed assertion prints readable times. */
record Span(Instant start, Instant end) {

    static Span of(final String start, final String end) {
        return new Span(Instant.parse(start), Instant.parse(end));
    }

    /** The window of {@code spec} holding {@code instant}. */
    static Span windowOf(final WindowSpec spec, final String instant) {
        final long start = spec.startOf(at(instant));
        return new Span(Instant.ofEpochMilli(start), Instant.ofEpochMilli(spec.endOf(start)));
    }

    static long at(final String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
