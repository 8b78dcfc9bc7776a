package com.salespulse.kpi.catalog;

import static com.salespulse.kpi.catalog.Expression.of;
import static com.salespulse.kpi.catalog.Expression.sum;

import com.salespulse.events.Activity;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every KPI SalesPulse publishes. A KPI is one entry here plus its tests: adding one widens the
 * measure vector of each bucket but adds no topic, store or processor. The definitions are those of
 * docs/kpis.md, which states every rule in full.
 */
public final class KpiCatalog {
    public static final String SECONDS = "seconds";
    public static final String DAYS = "days";
    public static final String RATIO = "ratio";
    public static final String COUNT = "count";
    /** Money in the reporting currency. */
    public static final String MONEY = "money";
    public static final String SCORE = "score";
    public static final String MONEY_PER_DAY = "money_per_day";
    /** The calendar month window, the only one quota_attainment is published in. */
    public static final String MONTH = "month";

    private static final String HUMAN_TOUCH = "LEAD_CONTACTED with automated false";

    private static final List<Kpi> ALL = build();
    private static final Map<String, Kpi> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Kpi::name, Function.identity()));

    private KpiCatalog() {
    }

    public static List<Kpi> all() {
        return ALL;
    }

    public static Optional<Kpi> byName(final String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static List<Kpi> build() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.addAll(leadFlow());
        kpis.addAll(dealFlow());
        kpis.addAll(customerFlow());
        kpis.addAll(replyCohort());
        kpis.addAll(stageCohort());
        kpis.addAll(sla());
        return Collections.unmodifiableList(kpis);
    }

    private static List<Kpi> leadFlow() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.add(flow("first_response_time", SECONDS,
                mean(Measure.FIRST_RESPONSE_MILLIS, Expression.SECOND, Measure.FIRST_RESPONSE_LEADS),
                "Mean seconds from a lead's LEAD_CREATED to its first human touch (first " + HUMAN_TOUCH + "), "
                        + "counted in the window and for the rep of that touch; only when LEAD_CREATED arrived "
                        + "before the touch and the difference is not negative."));
        kpis.add(flow("leads_created", COUNT, total(of(Measure.LEADS_CREATED)),
                "Leads whose first LEAD_CREATED falls in the window, for the rep on it (else the lead's owner); "
                        + "a repeated LEAD_CREATED counts nothing."));
        for (final Activity activity : Activity.values()) {
            kpis.add(flow("activity_count." + lower(activity), COUNT, total(of(Measure.touches(activity))),
                    "Human touches (" + HUMAN_TOUCH + ") with activity " + activity.name() + " in the window, "
                            + "for the touch's rep; every touch counts, also on leads never created."));
        }
        kpis.add(flow("followed_up_leads", COUNT, total(of(Measure.FOLLOWED_UP_LEADS)),
                "Leads whose first human touch falls in the window, for that touch's rep; also leads never "
                        + "created, and whatever the touch's time relative to the creation."));
        kpis.add(flow("existing_customer_touches", COUNT, total(of(Measure.EXISTING_CUSTOMER_TOUCHES)),
                "Human touches in the window on leads whose current stage is CUSTOMER when the touch arrives."));
        kpis.add(flow("email_open_rate", RATIO, ratio(of(Measure.EMAIL_OPENED_LEADS), of(Measure.EMAILED_LEADS)),
                "Leads whose first EMAIL_OPENED falls in the window / leads whose first e-mail touch "
                        + "(LEAD_CONTACTED with activity EMAIL, automated or not) falls in the window. Both are "
                        + "counted when they happen, so an open in a later window than its e-mail can make a "
                        + "window's rate exceed 1."));
        return kpis;
    }

    private static List<Kpi> dealFlow() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.add(flow("opportunities_created", COUNT, total(of(Measure.OPPORTUNITIES_CREATED)),
                "OPPORTUNITY_CREATED events in the window, for their rep; one whose opportunityId is already open "
                        + "on the lead (created, not yet won) is a repeat and counts nothing."));
        kpis.add(flow("proposals_sent", COUNT, total(of(Measure.PROPOSALS_SENT)),
                "PROPOSAL_SENT events in the window, for their rep."));
        kpis.add(flow("deals_won", COUNT, total(of(Measure.DEALS_WON)),
                "DEAL_WON events in the window, for their rep."));
        kpis.add(flow("deals_lost", COUNT, total(of(Measure.DEALS_LOST)),
                "DEAL_LOST events in the window, for their rep."));
        kpis.add(flow("revenue_won", MONEY, total(money(of(Measure.REVENUE_WON))),
                "Sum of the amounts of the DEAL_WON events in the window, in the reporting currency."));
        kpis.add(flow("avg_deal_size", MONEY, ratio(money(of(Measure.REVENUE_WON)), of(Measure.DEALS_WON)),
                "revenue_won / deals_won of the window, in the reporting currency."));
        kpis.add(flow("win_rate", RATIO, ratio(of(Measure.DEALS_WON), sum(Measure.DEALS_WON, Measure.DEALS_LOST)),
                "deals_won / (deals_won + deals_lost) of the window; 0 with only losses."));
        kpis.add(flow("close_ratio", RATIO, ratio(of(Measure.DEALS_WON), of(Measure.OPPORTUNITIES_CREATED)),
                "deals_won / opportunities_created, both counted in the window (so it may exceed 1)."));
        kpis.add(flow("quote_to_close_ratio", RATIO, ratio(of(Measure.DEALS_WON), of(Measure.PROPOSALS_SENT)),
                "deals_won / proposals_sent, both counted in the window (so it may exceed 1)."));
        kpis.add(flow("sales_cycle_length", DAYS,
                mean(Measure.SALES_CYCLE_MILLIS, Expression.DAY, Measure.SALES_CYCLE_DEALS),
                "Mean days from OPPORTUNITY_CREATED to the first DEAL_WON of the same opportunity, at the won "
                        + "event; not measured when the lead's OPPORTUNITY_CREATED for it was never seen or the "
                        + "difference is negative."));
        kpis.add(flow("upsell_cross_sell_rate", RATIO,
                ratio(of(Measure.UPSELL_CROSS_SELL_DEALS), of(Measure.DEALS_WON)),
                "Won deals of type UPSELL or CROSS_SELL / won deals, in the window."));
        kpis.add(flow("avg_profit_margin", RATIO,
                ratio(money(of(Measure.COSTED_REVENUE).minus(Measure.COSTED_COST)), money(of(Measure.COSTED_REVENUE))),
                "(sum of amount - sum of cost) / sum of amount over the window's won deals that carry a cost; "
                        + "won deals without a cost are left out."));
        for (final Activity activity : Activity.values()) {
            kpis.add(flow("revenue_by_first_touch." + lower(activity), MONEY,
                    total(money(of(Measure.firstTouchRevenue(activity)))),
                    "Revenue won in the window from leads whose first human touch was " + activity.name()
                            + "; a deal of a lead without a human touch is attributed to no activity."));
        }
        kpis.add(flow("pipeline_velocity", MONEY_PER_DAY, PipelineVelocity.INSTANCE,
                "opportunities_created x win_rate x avg_deal_size / sales_cycle_length, all of the window, in "
                        + "money per day; null while any of them is undefined."));
        kpis.add(flow("quota_attainment", RATIO, ratio(money(of(Measure.REVENUE_WON)), money(of(Measure.QUOTA))),
                "revenue_won / the monthly quota of the rep (or the sum of the team's reps' quotas), in calendar "
                        + "months; null where there is no quota.")
                .onlyFor(Dimension.REP, Dimension.TEAM).onlyIn(MONTH));
        return kpis;
    }

    private static List<Kpi> customerFlow() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.add(flow("lead_lifecycle_length", DAYS,
                mean(Measure.LEAD_LIFECYCLE_MILLIS, Expression.DAY, Measure.LEAD_LIFECYCLE_LEADS),
                "Mean days from a lead's LEAD_CREATED to the first of its first DEAL_WON and its first reaching "
                        + "CUSTOMER, in that event's window; only when LEAD_CREATED arrived no later than that "
                        + "event and the difference is not negative; once per lead."));
        kpis.add(flow("nps", SCORE,
                ratio(of(Measure.NPS_PROMOTERS).minus(Measure.NPS_DETRACTORS).times(100), of(Measure.NPS_RESPONSES)),
                "Percent of the window's NPS_RESPONSEs that are promoters (9-10) minus percent that are "
                        + "detractors (0-6), -100..100; passives (7-8) count in the denominator only."));
        kpis.add(flow("churned_customers", COUNT, total(of(Measure.CHURNED_CUSTOMERS)),
                "CUSTOMER_CHURNED events in the window, for the lead's owner."));
        kpis.add(flow("cost_per_lead", MONEY, ratio(money(of(Measure.CAMPAIGN_SPEND)), of(Measure.LEADS_CREATED)),
                "Sum of CAMPAIGN_SPEND amounts in the window / leads_created in the window, per org and channel; "
                        + "null where spend has no leads.")
                .onlyFor(Dimension.ORG, Dimension.CHANNEL));
        kpis.add(flow("customer_acquisition_cost", MONEY,
                ratio(money(of(Measure.CAMPAIGN_SPEND)), of(Measure.NEW_CUSTOMERS)),
                "Sum of CAMPAIGN_SPEND amounts in the window / leads that reached CUSTOMER for the first time in "
                        + "the window, per org and channel.")
                .onlyFor(Dimension.ORG, Dimension.CHANNEL));
        return kpis;
    }

    private static List<Kpi> replyCohort() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.add(replyRate(Sentiment.POSITIVE, Measure.COHORT_POSITIVE_LEADS));
        kpis.add(replyRate(Sentiment.NEGATIVE, Measure.COHORT_NEGATIVE_LEADS));
        kpis.add(cohort("followed_up_pct", RATIO, ratio(of(Measure.COHORT_TOUCHED_LEADS), of(Measure.COHORT_LEADS)),
                "Fraction of the cohort's leads that have had at least one human touch."));
        kpis.add(cohort("response_rate", RATIO,
                ratio(of(Measure.COHORT_TOUCHED_REPLIED_LEADS), of(Measure.COHORT_TOUCHED_LEADS)),
                "Of the cohort's leads with at least one human touch, the fraction with any reply (any sentiment)."));
        kpis.add(cohort("reply_to_customer_rate", RATIO,
                ratio(of(Measure.COHORT_REPLIED_CUSTOMER_LEADS), of(Measure.COHORT_REPLIED_LEADS)),
                "Of the cohort's leads with any reply, the fraction that ever reached CUSTOMER."));
        return kpis;
    }

    private static List<Kpi> stageCohort() {
        final List<Kpi> kpis = new ArrayList<>();
        for (final Stage stage : Stage.values()) {
            kpis.add(cohort("lead_stage_share." + lower(stage), RATIO,
                    ratio(of(Measure.cohortStage(stage)), of(Measure.COHORT_LEADS)),
                    "Fraction of the cohort's leads whose current stage is " + stage.name() + " (latest "
                            + "LEAD_STAGE_CHANGED, else the stage on LEAD_CREATED, else LEAD)."));
        }
        kpis.add(cohort("lead_to_customer_rate", RATIO,
                ratio(of(Measure.COHORT_REACHED_CUSTOMER), of(Measure.COHORT_LEADS)),
                "Fraction of the cohort's leads that ever reached CUSTOMER (on LEAD_CREATED or by a stage change)."));
        kpis.add(conversion(Stage.MQL, Stage.SQL, Measure.COHORT_MQL_THEN_SQL, Measure.COHORT_REACHED_MQL));
        kpis.add(conversion(Stage.MQL, Stage.CUSTOMER, Measure.COHORT_MQL_THEN_CUSTOMER, Measure.COHORT_REACHED_MQL));
        kpis.add(conversion(Stage.SQL, Stage.CUSTOMER, Measure.COHORT_SQL_THEN_CUSTOMER, Measure.COHORT_REACHED_SQL));
        kpis.add(cohort("qualified_leads", COUNT, total(of(Measure.COHORT_QUALIFIED_LEADS)),
                "The cohort's leads that ever reached MQL or SQL."));
        return kpis;
    }

    /** First-response SLAs, decided on event time in the lead's journey (docs/kpis.md, SLA KPIs). */
    private static List<Kpi> sla() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.add(cohort("sla_met_pct", RATIO, ratio(of(Measure.COHORT_SLA_MET), of(Measure.COHORT_SLA_DECIDED)),
                "Of the cohort's leads with a decided first-response SLA, the fraction MET. A lead has an SLA when, "
                        + "at its first LEAD_CREATED with no human touch before it, the first SLA policy taking its "
                        + "channel, source, owner's team and region gives a deadline (target added in business "
                        + "hours). It is MET when its first human touch (" + HUMAN_TOUCH + ") occurred no later "
                        + "than the deadline, BREACHED when that touch came later or the partition's event time "
                        + "passed the deadline untouched; undecided leads count in neither part. Once decided, an "
                        + "outcome never changes."));
        kpis.add(flow("sla_breaches", COUNT, total(of(Measure.SLA_BREACHES)),
                "Leads whose first-response SLA became BREACHED: at a first human touch after the deadline, in "
                        + "that touch's window and for its rep; or when the partition's event time passed the "
                        + "deadline with no human touch, in the deadline's window and for the lead's owner then. "
                        + "Counted once per lead and never taken back."));
        return kpis;
    }

    /** {@code positive_reply_rate} or {@code negative_reply_rate}. */
    private static Kpi replyRate(final Sentiment sentiment, final Measure leads) {
        return cohort(lower(sentiment) + "_reply_rate", RATIO, ratio(of(leads), of(Measure.COHORT_TOUCHED_LEADS)),
                "Of the cohort's leads with at least one human touch, the fraction whose first reply that is "
                        + "not NEUTRAL is " + sentiment.name() + ".");
    }

    /** {@code <from>_to_<to>_rate}: of the leads that reached {@code from}, those that reached {@code to} later. */
    private static Kpi conversion(final Stage from, final Stage to, final Measure reachedThen, final Measure reached) {
        return cohort(lower(from) + "_to_" + lower(to) + "_rate", RATIO, ratio(of(reachedThen), of(reached)),
                "Of the cohort's leads that ever reached " + from.name() + ", the fraction that reached " + to.name()
                        + " after first reaching " + from.name() + ".");
    }

    private static Kpi flow(final String name, final String unit, final Formula formula, final String definition) {
        return new Kpi(name, Family.FLOW, unit, formula, definition);
    }

    private static Kpi cohort(final String name, final String unit, final Formula formula, final String definition) {
        return new Kpi(name, Family.COHORT, unit, formula, definition);
    }

    private static Formula ratio(final Expression numerator, final Expression denominator) {
        return new Formula.Ratio(numerator, denominator);
    }

    /** The mean of a sum of milliseconds over a count, in seconds or days. */
    private static Formula mean(final Measure millis, final long unit, final Measure count) {
        return ratio(of(millis).per(unit), of(count));
    }

    private static Formula total(final Expression amount) {
        return new Formula.Total(amount);
    }

    private static Expression money(final Expression amount) {
        return amount.per(Expression.MONEY);
    }

    private static String lower(final Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
