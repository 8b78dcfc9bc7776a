package com.salespulse.kpi.catalog;

import com.salespulse.events.Stage;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A whole-number quantity summed per bucket. KPIs are ratios of measures, so every bucket holds one
 * vector of measures however many KPIs read it. Measures are exact integers (milliseconds, counts,
 * money in 1/10,000 units) so that adding and taking back contributions never drifts.
 */
public enum Measure {
    /** Flow: sum of first-response times in milliseconds. */
    FIRST_RESPONSE_MILLIS,
    /** Flow: leads whose first response time was measured. */
    FIRST_RESPONSE_LEADS,
    /** Cohort: leads created in the window. */
    COHORT_LEADS,
    /** Cohort: leads with at least one human touch. */
    COHORT_TOUCHED_LEADS,
    /** Cohort: touched leads whose first non-neutral reply is POSITIVE. */
    COHORT_POSITIVE_LEADS,
    /** Cohort: touched leads whose first non-neutral reply is NEGATIVE. */
    COHORT_NEGATIVE_LEADS,
    COHORT_STAGE_SUBSCRIBER,
    COHORT_STAGE_LEAD,
    COHORT_STAGE_MQL,
    COHORT_STAGE_SQL,
    COHORT_STAGE_OPPORTUNITY,
    COHORT_STAGE_CUSTOMER,
    COHORT_STAGE_EVANGELIST,
    COHORT_STAGE_DISQUALIFIED;

    private static final Measure[] VALUES = values();
    private static final Map<String, Measure> BY_KEY = new HashMap<>();

    static {
        for (final Measure measure : VALUES) {
            BY_KEY.put(measure.key(), measure);
        }
    }

    /** The stable name under which the measure is stored; never reuse a key for another meaning. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The measure for a key, or null for a key this version does not know. */
    public static Measure byKey(final String key) {
        return BY_KEY.get(key);
    }

    public static Measure byOrdinal(final int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }

    /** Cohort leads whose current stage is {@code stage}. */
    public static Measure cohortStage(final Stage stage) {
        return valueOf("COHORT_STAGE_" + stage.name());
    }
}
