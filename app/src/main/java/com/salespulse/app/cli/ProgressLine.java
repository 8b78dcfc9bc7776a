package com.salespulse.app.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** A progress line on standard error for long reads, rewritten in place about twice a second. */
final class ProgressLine {
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintWriter err;
    private long lastNanos = System.nanoTime();
    private boolean shown;

    ProgressLine(final PrintWriter err) {
        this.err = err;
    }

    /** Shows {@code text} if the last line is older than the interval; {@code text} is only built then. */
    void update(final Supplier<String> text) {
        final long now = System.nanoTime();
        if (now - lastNanos >= INTERVAL_NANOS) {
            lastNanos = now;
            shown = true;
            err.print("\r  " + text.get() + "   ");
            err.flush();
        }
    }

    /** Ends the line, if one was shown, so that what follows starts on a line of its own. */
    void done() {
        if (shown) {
            err.println();
            err.flush();
            shown = false;
        }
    }
}
