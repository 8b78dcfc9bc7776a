package com.salespulse.kpi.catalog;

import com.salespulse.events.Activity;
import com.salespulse.events.Stage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A whole-number quantity summed per bucket. KPIs are ratios of measures, so every bucket holds one
 * vector of measures however many KPIs read it. Measures are exact integers (milliseconds, counts,
 * money in 1/10,000 units of the reporting currency) so that adding and taking back contributions
 * never drifts. docs/kpis.md says when each one is counted.
 */
public enum Measure {
    /** Sum of first-response times in milliseconds. */
    FIRST_RESPONSE_MILLIS(Family.FLOW),
    /** Leads whose first response time was measured. */
    FIRST_RESPONSE_LEADS(Family.FLOW),
    /** Leads whose first LEAD_CREATED arrived. */
    LEADS_CREATED(Family.FLOW),
    /** Human touches (LEAD_CONTACTED, automated false) by call. */
    TOUCHES_CALL(Family.FLOW),
    TOUCHES_EMAIL(Family.FLOW),
    TOUCHES_MEETING(Family.FLOW),
    TOUCHES_DEMO(Family.FLOW),
    TOUCHES_SMS(Family.FLOW),
    TOUCHES_SOCIAL(Family.FLOW),
    /** Leads whose first human touch happened. */
    FOLLOWED_UP_LEADS(Family.FLOW),
    /** Human touches on leads whose current stage is CUSTOMER. */
    EXISTING_CUSTOMER_TOUCHES(Family.FLOW),
    /** OPPORTUNITY_CREATED events of opportunities not already open. */
    OPPORTUNITIES_CREATED(Family.FLOW),
    PROPOSALS_SENT(Family.FLOW),
    DEALS_WON(Family.FLOW),
    DEALS_LOST(Family.FLOW),
    /** Sum of won amounts, 1/10,000 reporting currency. */
    REVENUE_WON(Family.FLOW),
    /** Won deals of type UPSELL or CROSS_SELL. */
    UPSELL_CROSS_SELL_DEALS(Family.FLOW),
    /** Sum of the amounts of won deals that carry a cost, 1/10,000 reporting currency. */
    COSTED_REVENUE(Family.FLOW),
    /** Sum of the costs of won deals that carry a cost, 1/10,000 reporting currency. */
    COSTED_COST(Family.FLOW),
    /** Sum of milliseconds from OPPORTUNITY_CREATED to DEAL_WON of the same opportunity. */
    SALES_CYCLE_MILLIS(Family.FLOW),
    /** Won opportunities whose sales cycle was measured. */
    SALES_CYCLE_DEALS(Family.FLOW),
    /** Sum of milliseconds from LEAD_CREATED to the end of the lead's lifecycle (first DEAL_WON or CUSTOMER). */
    LEAD_LIFECYCLE_MILLIS(Family.FLOW),
    /** Leads whose lifecycle length was measured. */
    LEAD_LIFECYCLE_LEADS(Family.FLOW),
    /** Won amount of leads whose first human touch was a call, 1/10,000 reporting currency. */
    FIRST_TOUCH_REVENUE_CALL(Family.FLOW),
    FIRST_TOUCH_REVENUE_EMAIL(Family.FLOW),
    FIRST_TOUCH_REVENUE_MEETING(Family.FLOW),
    FIRST_TOUCH_REVENUE_DEMO(Family.FLOW),
    FIRST_TOUCH_REVENUE_SMS(Family.FLOW),
    FIRST_TOUCH_REVENUE_SOCIAL(Family.FLOW),
    /** Leads whose first e-mail touch (automated or not) happened. */
    EMAILED_LEADS(Family.FLOW),
    /** Leads whose first EMAIL_OPENED happened. */
    EMAIL_OPENED_LEADS(Family.FLOW),
    NPS_RESPONSES(Family.FLOW),
    /** NPS responses scoring 9 or 10. */
    NPS_PROMOTERS(Family.FLOW),
    /** NPS responses scoring 0 to 6. */
    NPS_DETRACTORS(Family.FLOW),
    CHURNED_CUSTOMERS(Family.FLOW),
    /** Sum of CAMPAIGN_SPEND amounts, 1/10,000 reporting currency; only in org and channel buckets. */
    CAMPAIGN_SPEND(Family.FLOW),
    /** Leads that reached CUSTOMER for the first time. */
    NEW_CUSTOMERS(Family.FLOW),
    /**
     * Monthly quota of the bucket's rep or team, 1/10,000 reporting currency. Never produced by an
     * event: the bucket aggregator sets it from the roster in rep and team month buckets.
     */
    QUOTA(Family.FLOW),

    /** Leads created in the window. */
    COHORT_LEADS(Family.COHORT),
    /** Leads with at least one human touch. */
    COHORT_TOUCHED_LEADS(Family.COHORT),
    /** Touched leads whose first non-neutral reply is POSITIVE. */
    COHORT_POSITIVE_LEADS(Family.COHORT),
    /** Touched leads whose first non-neutral reply is NEGATIVE. */
    COHORT_NEGATIVE_LEADS(Family.COHORT),
    COHORT_STAGE_SUBSCRIBER(Family.COHORT),
    COHORT_STAGE_LEAD(Family.COHORT),
    COHORT_STAGE_MQL(Family.COHORT),
    COHORT_STAGE_SQL(Family.COHORT),
    COHORT_STAGE_OPPORTUNITY(Family.COHORT),
    COHORT_STAGE_CUSTOMER(Family.COHORT),
    COHORT_STAGE_EVANGELIST(Family.COHORT),
    COHORT_STAGE_DISQUALIFIED(Family.COHORT),
    /** Touched leads with any reply. */
    COHORT_TOUCHED_REPLIED_LEADS(Family.COHORT),
    /** Leads with any reply. */
    COHORT_REPLIED_LEADS(Family.COHORT),
    /** Leads with any reply that ever reached CUSTOMER. */
    COHORT_REPLIED_CUSTOMER_LEADS(Family.COHORT),
    /** Leads that ever reached CUSTOMER. */
    COHORT_REACHED_CUSTOMER(Family.COHORT),
    /** Leads that ever reached MQL. */
    COHORT_REACHED_MQL(Family.COHORT),
    /** Leads that ever reached SQL. */
    COHORT_REACHED_SQL(Family.COHORT),
    /** Leads that reached MQL and later SQL. */
    COHORT_MQL_THEN_SQL(Family.COHORT),
    /** Leads that reached MQL and later CUSTOMER. */
    COHORT_MQL_THEN_CUSTOMER(Family.COHORT),
    /** Leads that reached SQL and later CUSTOMER. */
    COHORT_SQL_THEN_CUSTOMER(Family.COHORT),
    /** Leads that ever reached MQL or SQL. */
    COHORT_QUALIFIED_LEADS(Family.COHORT),

    // Appended: measures are stored by ordinal (MeasureDeltaSerde, BucketSerde; BucketSerdeTest freezes the order),
    // so new ones go last.
    /**
     * Leads whose first-response SLA became BREACHED: at a first human touch after the deadline (in
     * the touch's window, for its rep) or when event time passed the deadline untouched (in the
     * deadline's window, for the lead's owner then).
     */
    SLA_BREACHES(Family.FLOW),
    /** Leads with an SLA whose outcome is decided (MET or BREACHED). */
    COHORT_SLA_DECIDED(Family.COHORT),
    /** Leads whose SLA outcome is MET. */
    COHORT_SLA_MET(Family.COHORT),
    /**
     * Leads of {@link #FIRST_RESPONSE_LEADS} by the band their first-response time falls in
     * ({@link FirstResponseBands}): a distribution the API serves; no KPI reads them.
     */
    FIRST_RESPONSE_UNDER_5_MIN(Family.FLOW),
    FIRST_RESPONSE_5_TO_15_MIN(Family.FLOW),
    FIRST_RESPONSE_15_TO_60_MIN(Family.FLOW),
    FIRST_RESPONSE_1_TO_4_H(Family.FLOW),
    FIRST_RESPONSE_4_TO_24_H(Family.FLOW),
    FIRST_RESPONSE_1_DAY_OR_MORE(Family.FLOW);

    private static final Measure[] VALUES = values();
    private static final String[] KEYS = Arrays.stream(VALUES)
            .map(measure -> measure.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final Map<String, Measure> BY_KEY = new HashMap<>();

    static {
        for (final Measure measure : VALUES) {
            BY_KEY.put(measure.key(), measure);
        }
    }

    private final Family family;

    Measure(final Family family) {
        this.family = family;
    }

    /**
     * FLOW for measurements added when an event happens (kept for the window's grace), COHORT for
     * lead contributions that are taken back and re-added as leads change (kept for the cohort horizon).
     */
    public Family family() {
        return family;
    }

    /** The stable name under which the measure is stored; never reuse a key for another meaning. */
    public String key() {
        return KEYS[ordinal()];
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

    /** Human touches by {@code activity}. */
    public static Measure touches(final Activity activity) {
        return valueOf("TOUCHES_" + activity.name());
    }

    /** Revenue won from leads whose first human touch was {@code activity}. */
    public static Measure firstTouchRevenue(final Activity activity) {
        return valueOf("FIRST_TOUCH_REVENUE_" + activity.name());
    }
}
