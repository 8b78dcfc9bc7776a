package com.salespulse.kpi.support;

import com.salespulse.kpi.bucket.KpiKeys;
import java.time.Instant;

/** Builds the sales.kpi-changes key the pipeline publishes under. */
public final class KpiKey {

    private KpiKey() {
    }

    public static String of(final String kpi, final String dimension, final String value, final String window,
                            final Instant windowStart) {
        return KpiKeys.of(kpi, dimension, value, window, windowStart);
    }

    /** The key of a KPI in the hour window starting at {@code hour}. */
    public static String hourly(final String kpi, final String dimension, final String value, final Instant hour) {
        return of(kpi, dimension, value, "PT1H", hour);
    }

    /** The key of a KPI in the UTC day window starting at {@code day}. */
    public static String daily(final String kpi, final String dimension, final String value, final Instant day) {
        return of(kpi, dimension, value, "P1D", day);
    }
}
