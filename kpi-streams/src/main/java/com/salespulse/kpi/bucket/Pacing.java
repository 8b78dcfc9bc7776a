package com.salespulse.kpi.bucket;

import java.time.Duration;

/**
 * When the bucket stage publishes its pending KPI changes to sales.kpi-changes. Never twice within
 * one flush interval. While the pipeline keeps up with the wall clock, once every flush interval; while it
 * works through old events (its event time more than {@link #CATCH_UP_LAG} behind the wall clock:
 * a backfill, a replay, a restart after downtime), once every backfill interval, so that a bucket
 * that hours of old events reach in a few seconds changes once, not at every commit. Then, as soon as
 * the input goes idle (every journey task says so on its watermark), what is pending goes at once, so
 * the end of a backfill is never held back.
 *
 * <p>Not state: after a restart the first opportunity sends, which is always allowed.
 */
public final class Pacing {
    /** How far event time may trail the wall clock before changes are paced as a backfill. */
    public static final Duration CATCH_UP_LAG = Duration.ofMinutes(1);

    private final long intervalMs;
    private final long backfillIntervalMs;
    private long lastSentMs = Long.MIN_VALUE;

    /**
     * @param interval         the flush interval: the shortest time between two sends
     * @param backfillInterval the time between two sends while catching up; shorter than {@code interval} (ZERO)
     *                         means the flush interval
     */
    public Pacing(final Duration interval, final Duration backfillInterval) {
        this.intervalMs = interval.toMillis();
        this.backfillIntervalMs = Math.max(intervalMs, backfillInterval.toMillis());
    }

    /**
     * Whether pending changes may go now.
     *
     * @param wallClockMs the wall clock now
     * @param eventTimeMs how far event time has come (epoch millis), Long.MIN_VALUE while unknown
     * @param inputIdle   whether no more input is on its way
     */
    public boolean isDue(final long wallClockMs, final long eventTimeMs, final boolean inputIdle) {
        if (lastSentMs == Long.MIN_VALUE) {
            return true;
        }
        final long sinceSent = wallClockMs - lastSentMs;
        if (sinceSent < intervalMs) {
            return false;
        }
        final boolean catchingUp = eventTimeMs != Long.MIN_VALUE && wallClockMs - eventTimeMs > CATCH_UP_LAG.toMillis();
        return !catchingUp || inputIdle || sinceSent >= backfillIntervalMs;
    }

    /** Pending changes went at {@code wallClockMs}. */
    public void sent(final long wallClockMs) {
        lastSentMs = wallClockMs;
    }
}
