package com.salespulse.kpi.journey;

import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Stage;
import com.salespulse.kpi.catalog.FirstResponseBands;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.money.EventAmounts;
import java.time.Instant;

/**
 * What an event measures when it happens, judged against the lead's journey before and after it.
 * These measurements belong to the window of the event and to the rep named on it (docs/kpis.md,
 * flow KPIs); {@link JourneyUpdate} decides the buckets.
 */
final class FlowMeasurements {
    private static final int PROMOTER = 9;
    private static final int DETRACTOR = 6;

    private FlowMeasurements() {
    }

    /**
     * @param before  the lead's journey before the event, null for a lead never seen or no lead
     * @param after   the journey after the event, null for an event without a lead
     * @param event   a valid event
     * @param amounts the event's money in the reporting currency
     */
    static Measures of(final LeadJourney before, final LeadJourney after, final SalesEvent event,
                       final EventAmounts amounts) {
        final LeadJourney known = before == null ? LeadJourney.newBuilder().build() : before;
        final Measures measures = new Measures();
        switch (event.getType()) {
            case LEAD_CREATED -> measures.addOneIf(Measure.LEADS_CREATED, !Leads.isCreated(known));
            case LEAD_CONTACTED -> contacted(measures, known, after, event);
            case OPPORTUNITY_CREATED -> measures.addOneIf(Measure.OPPORTUNITIES_CREATED,
                    Leads.openedAt(known, event.getOpportunityId()) == null);
            case PROPOSAL_SENT -> measures.add(Measure.PROPOSALS_SENT, 1);
            case DEAL_WON -> won(measures, known, event, amounts);
            case DEAL_LOST -> measures.add(Measure.DEALS_LOST, 1);
            case EMAIL_OPENED -> measures.addOneIf(Measure.EMAIL_OPENED_LEADS, !known.getEmailOpened());
            case NPS_RESPONSE -> {
                measures.add(Measure.NPS_RESPONSES, 1);
                measures.addOneIf(Measure.NPS_PROMOTERS, event.getScore() >= PROMOTER);
                measures.addOneIf(Measure.NPS_DETRACTORS, event.getScore() <= DETRACTOR);
            }
            case CUSTOMER_CHURNED -> measures.add(Measure.CHURNED_CUSTOMERS, 1);
            case CAMPAIGN_SPEND -> measures.add(Measure.CAMPAIGN_SPEND, amounts.amount());
            default -> {
                // LEAD_ASSIGNED, LEAD_REPLIED and LEAD_STAGE_CHANGED measure only the milestones below.
            }
        }
        if (after != null) {
            milestones(measures, known, after, event);
        }
        return measures;
    }

    private static void contacted(final Measures measures, final LeadJourney before, final LeadJourney after,
                                  final SalesEvent event) {
        measures.addOneIf(Measure.EMAILED_LEADS, event.getActivity() == Activity.EMAIL && !before.getEmailed());
        if (event.getAutomated()) {
            return;
        }
        measures.add(Measure.touches(event.getActivity()), 1);
        measures.addOneIf(Measure.EXISTING_CUSTOMER_TOUCHES, Leads.stage(after) == Stage.CUSTOMER);
        if (!Leads.isTouched(before)) {
            measures.add(Measure.FOLLOWED_UP_LEADS, 1);
            if (Leads.isCreated(before)) {
                final long waited = measureSince(measures, Measure.FIRST_RESPONSE_MILLIS, Measure.FIRST_RESPONSE_LEADS,
                        before.getCreatedAt(), event.getOccurredAt());
                // A band for exactly the leads measured above, so that a bucket's bands sum to its measured leads.
                if (waited >= 0) {
                    measures.add(FirstResponseBands.of(waited).measure(), 1);
                }
            }
        }
    }

    private static void won(final Measures measures, final LeadJourney before, final SalesEvent event,
                            final EventAmounts amounts) {
        final long amount = amounts.amount();
        measures.add(Measure.DEALS_WON, 1).add(Measure.REVENUE_WON, amount);
        final DealType type = event.getDealType();
        measures.addOneIf(Measure.UPSELL_CROSS_SELL_DEALS, type == DealType.UPSELL || type == DealType.CROSS_SELL);
        if (amounts.cost() != null) {
            measures.add(Measure.COSTED_REVENUE, amount).add(Measure.COSTED_COST, amounts.cost());
        }
        final Activity firstTouch = Leads.firstTouchActivity(before);
        if (firstTouch != null) {
            measures.add(Measure.firstTouchRevenue(firstTouch), amount);
        }
        final Instant opened = Leads.openedAt(before, event.getOpportunityId());
        if (opened != null) {
            measureSince(measures, Measure.SALES_CYCLE_MILLIS, Measure.SALES_CYCLE_DEALS, opened, event.getOccurredAt());
        }
    }

    /**
     * Reaching CUSTOMER for the first time, the end of the lead's lifecycle, and an SLA breached by a
     * late first human touch, whichever event does it.
     */
    private static void milestones(final Measures measures, final LeadJourney before, final LeadJourney after,
                                   final SalesEvent event) {
        measures.addOneIf(Measure.SLA_BREACHES, Leads.becameBreached(before, after));
        measures.addOneIf(Measure.NEW_CUSTOMERS,
                !Leads.hasReached(before, Stage.CUSTOMER) && Leads.hasReached(after, Stage.CUSTOMER));
        if (!Leads.lifecycleEnded(before) && Leads.lifecycleEnded(after) && Leads.isCreated(after)) {
            measureSince(measures, Measure.LEAD_LIFECYCLE_MILLIS, Measure.LEAD_LIFECYCLE_LEADS,
                    after.getCreatedAt(), event.getOccurredAt());
        }
    }

    /**
     * Adds the milliseconds from {@code from} to {@code to} and one measurement, unless they are negative.
     *
     * @return the milliseconds, negative when nothing was measured
     */
    private static long measureSince(final Measures measures, final Measure millis, final Measure measured,
                                     final Instant from, final Instant to) {
        final long difference = to.toEpochMilli() - from.toEpochMilli();
        if (difference >= 0) {
            measures.add(millis, difference).add(measured, 1);
        }
        return difference;
    }
}
