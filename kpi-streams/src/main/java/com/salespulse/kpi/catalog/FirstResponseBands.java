package com.salespulse.kpi.catalog;

import java.util.List;

/**
 * How many leads got their first human response within each band of time: the distribution behind
 * {@code first_response_time}'s mean, served by the API (docs/api.md) and not published as KPIs. A lead
 * counts in exactly one band exactly when it counts in {@link Measure#FIRST_RESPONSE_LEADS}, in the same
 * bucket, so the bands of a bucket sum to its measured leads (docs/kpis.md, first-response bands).
 */
public final class FirstResponseBands {
    private static final long MILLIS_PER_SECOND = 1000;

    /**
     * One band: first-response times from the previous band's bound (inclusive; 0 for the first) up to this one's.
     *
     * @param label       what the dashboard shows
     * @param upToSeconds the exclusive upper bound in seconds; null for the last band, which has none
     * @param measure     the measure that counts the band's leads
     */
    public record Band(String label, Long upToSeconds, Measure measure) {

        private boolean holds(final long millis) {
            return upToSeconds == null || millis < upToSeconds * MILLIS_PER_SECOND;
        }
    }

    private static final List<Band> ALL = List.of(
            new Band("< 5 min", 300L, Measure.FIRST_RESPONSE_UNDER_5_MIN),
            new Band("5-15 min", 900L, Measure.FIRST_RESPONSE_5_TO_15_MIN),
            new Band("15-60 min", 3_600L, Measure.FIRST_RESPONSE_15_TO_60_MIN),
            new Band("1-4 h", 14_400L, Measure.FIRST_RESPONSE_1_TO_4_H),
            new Band("4-24 h", 86_400L, Measure.FIRST_RESPONSE_4_TO_24_H),
            new Band("≥ 1 day", null, Measure.FIRST_RESPONSE_1_DAY_OR_MORE));

    private FirstResponseBands() {
    }

    /** The bands, shortest first. */
    public static List<Band> all() {
        return ALL;
    }

    /**
     * The band of a measured first-response time.
     *
     * @param millis the first-response time in milliseconds, not negative
     */
    public static Band of(final long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a first-response time is never negative: " + millis);
        }
        for (final Band band : ALL) {
            if (band.holds(millis)) {
                return band;
            }
        }
        throw new IllegalStateException("the last band has no upper bound");
    }
}
