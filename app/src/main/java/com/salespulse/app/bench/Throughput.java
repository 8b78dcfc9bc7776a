package com.salespulse.app.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * How many events took how long.
 *
 * @param events  events handled
 * @param elapsed the wall-clock time they took
 */
public record Throughput(long events, Duration elapsed) {

    public double perSecond() {
        final long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }

    /** E.g. {@code 500,000 events in 4.2 s = 119,048 ev/s}. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d events in %.2f s = %,.0f ev/s", events, elapsed.toNanos() / 1e9, perSecond());
    }
}
