package com.salespulse.kpi.bucket;

import com.salespulse.kpi.catalog.Dimension;

/**
 * One bucket: a dimension member in one window. Encoded as {@code window|windowStart|dimension|value}
 * on the repartition topic and in stores; the value comes last so it may hold any character.
 *
 * @param dimension   the dimension
 * @param value       the member of the dimension (rep id, team id, region, channel, all)
 * @param window      the window's published name (PT1H, P1D, ...)
 * @param windowStart epoch millis of the window start
 */
public record BucketKey(Dimension dimension, String value, String window, long windowStart) {
    private static final char SEPARATOR = '|';

    public String encode() {
        return window + SEPARATOR + windowStart + SEPARATOR + dimension.label() + SEPARATOR + value;
    }

    public static BucketKey decode(final String encoded) {
        final int first = encoded.indexOf(SEPARATOR);
        final int second = encoded.indexOf(SEPARATOR, first + 1);
        final int third = encoded.indexOf(SEPARATOR, second + 1);
        if (first < 0 || second < 0 || third < 0) {
            throw new IllegalArgumentException("not a bucket key: " + encoded);
        }
        return new BucketKey(Dimension.fromLabel(encoded.substring(second + 1, third)), encoded.substring(third + 1),
                encoded.substring(0, first), Long.parseLong(encoded.substring(first + 1, second)));
    }
}
