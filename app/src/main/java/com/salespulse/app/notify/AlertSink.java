package com.salespulse.app.notify;

import com.salespulse.events.Alert;

/** Somewhere alerts go besides sales.alerts. Called on the feed's thread: it must return at once. */
@FunctionalInterface
public interface AlertSink {

    /**
     * @param alert  the alert
     * @param origin where it was read, {@code topic-partition@offset}: what logs may name (never the alert's content)
     */
    void accept(Alert alert, String origin);
}
