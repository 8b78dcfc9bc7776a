package com.salespulse.kpi.bucket;

import com.salespulse.kpi.catalog.Measures;

/**
 * What one or more events add to (or take from) one bucket's measures, or a source partition's
 * watermark. The records of the delta-buffer-store and the bucket-deltas repartition topic.
 *
 * @param measures        the change per measure
 * @param earliestEventAt epoch millis of the earliest occurredAt among the events combined into it, for
 *                        event-to-KpiChange latency; null on watermarks
 * @param watermark       on a watermark record only: no event older than this (epoch millis) counts any more from
 *                        the sending source partition (Long.MIN_VALUE while it has seen no event)
 * @param inputIdle       on a watermark record only: the sending source partition had no input since its previous
 *                        flush, so the bucket stage need not wait for more before it publishes
 */
public record MeasureDelta(Measures measures, Long earliestEventAt, Long watermark, boolean inputIdle) {

    /** A change, or a watermark of a source partition whose input is not idle. */
    public MeasureDelta(final Measures measures, final Long earliestEventAt, final Long watermark) {
        this(measures, earliestEventAt, watermark, false);
    }

    public static MeasureDelta of(final Measures measures, final long earliestEventAt) {
        return new MeasureDelta(measures, earliestEventAt, null);
    }

    public static MeasureDelta watermark(final long watermark, final boolean inputIdle) {
        return new MeasureDelta(new Measures(), null, watermark, inputIdle);
    }

    /** This change and {@code later} together. */
    public MeasureDelta plus(final MeasureDelta later) {
        final long earliest = earliestEventAt == null ? later.earliestEventAt
                : later.earliestEventAt == null ? earliestEventAt : Math.min(earliestEventAt, later.earliestEventAt);
        return new MeasureDelta(measures.copy().plus(later.measures), earliest, null);
    }
}
