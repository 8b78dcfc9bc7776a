package com.salespulse.kpi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.salespulse.events.KpiChange;
import java.util.Map;

/** Assertions on the latest KpiChange of a key; numbers are compared to 1e-9 (they are hand-computed decimals). */
public final class KpiAssert {
    private static final double TOLERANCE = 1e-9;

    private KpiAssert() {
    }

    /** The latest change of {@code key} carries these numbers; {@code value} null means a null value. */
    public static void assertKpi(final Map<String, KpiChange> latest, final String key, final double numerator,
                                 final double denominator, final Double value) {
        final KpiChange change = latest.get(key);
        assertThat(change).as(key).isNotNull();
        assertThat(change.getNumerator()).as(key + " numerator").isCloseTo(numerator, within(TOLERANCE));
        assertThat(change.getDenominator()).as(key + " denominator").isCloseTo(denominator, within(TOLERANCE));
        if (value == null) {
            assertThat(change.getValue()).as(key + " value").isNull();
        } else {
            assertThat(change.getValue()).as(key + " value").isNotNull().isCloseTo(value, within(TOLERANCE));
        }
    }

    /** A ratio: value = numerator / denominator. */
    public static void assertRatio(final Map<String, KpiChange> latest, final String key, final double numerator,
                                   final double denominator) {
        assertKpi(latest, key, numerator, denominator, numerator / denominator);
    }

    /** A count or sum: denominator 1, value = numerator. */
    public static void assertTotal(final Map<String, KpiChange> latest, final String key, final double total) {
        assertKpi(latest, key, total, 1.0, total);
    }

    /** Nothing was ever published under {@code key}. */
    public static void assertUnpublished(final Map<String, KpiChange> latest, final String key) {
        assertThat(latest).as(key).doesNotContainKey(key);
    }
}
