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

    /** The same change with a vector of its own. */
    public MeasureDelta copy() {
        return new MeasureDelta(measures.copy(), earliestEventAt, watermark, inputIdle);
    }

    /**
     * This change and {@code later} together, {@code later}'s measures added into this change's own
     * vector rather than a copy: only for a change nobody else holds, such as one just read from a store.
     */
    public MeasureDelta plusInPlace(final MeasureDelta later) {
        final Long earliest = earliestEventAt == null ? later.earliestEventAt
                : later.earliestEventAt == null ? earliestEventAt : Long.valueOf(Math.min(earliestEventAt, later.earliestEventAt));
        measures.plus(later.measures);
        return new MeasureDelta(measures, earliest, null);
    }
}
