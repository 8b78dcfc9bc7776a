package com.salespulse.kpi.bucket;

import com.salespulse.kpi.catalog.Kpi;
import java.time.Instant;

/** The key of a KpiChange on sales.kpi-changes: {@code kpi|dimension|value|window|windowStart}. */
public final class KpiKeys {

    private KpiKeys() {
    }

    public static String of(final Kpi kpi, final BucketKey bucket) {
        return of(kpi.name(), bucket.dimension().label(), bucket.value(), bucket.window(),
                Instant.ofEpochMilli(bucket.windowStart()));
    }

    public static String of(final String kpi, final String dimension, final String value, final String window,
                            final Instant windowStart) {
        return kpi + '|' + dimension + '|' + value + '|' + window + '|' + windowStart;
    }
}
