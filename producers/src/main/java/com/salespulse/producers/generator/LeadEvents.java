package com.salespulse.producers.generator;

import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Writes one lead's events, in script order, onto the timeline. Only the builder calls live here;
 * what happens and when is the {@link LeadJourney}'s business. Event ids are given later, once the
 * whole simulation is in time order.
 */
final class LeadEvents {
    private final String leadId;
    private final long lane;
    private final List<Scheduled> timeline;
    private int sequence;

    LeadEvents(final String leadId, final long lane, final List<Scheduled> timeline) {
        this.leadId = leadId;
        this.lane = lane;
        this.timeline = timeline;
    }

    void created(final Instant at, final String repId, final EventSource source, final String channel,
                 final String region, final String campaignId, final Stage stage) {
        emit(base(EventType.LEAD_CREATED, at, repId)
                .setSource(source)
                .setChannel(channel)
                .setRegion(region)
                .setCampaignId(campaignId)
                .setStage(stage));
    }

    void assigned(final Instant at, final String repId) {
        emit(base(EventType.LEAD_ASSIGNED, at, repId));
    }

    void contacted(final Instant at, final String repId, final Activity activity, final boolean automated) {
        emit(base(EventType.LEAD_CONTACTED, at, repId).setActivity(activity).setAutomated(automated));
    }

    void emailOpened(final Instant at) {
        emit(base(EventType.EMAIL_OPENED, at, null));
    }

    void replied(final Instant at, final Sentiment sentiment) {
        emit(base(EventType.LEAD_REPLIED, at, null).setSentiment(sentiment));
    }

    void stageChanged(final Instant at, final Stage stage, final String repId) {
        emit(base(EventType.LEAD_STAGE_CHANGED, at, repId).setStage(stage));
    }

    void opportunityCreated(final Instant at, final String repId, final String opportunityId, final BigDecimal amount,
                            final String currency) {
        emit(base(EventType.OPPORTUNITY_CREATED, at, repId)
                .setOpportunityId(opportunityId)
                .setAmount(amount)
                .setCurrency(currency));
    }

    void proposalSent(final Instant at, final String repId, final String opportunityId, final BigDecimal amount,
                      final String currency) {
        emit(base(EventType.PROPOSAL_SENT, at, repId)
                .setOpportunityId(opportunityId)
                .setAmount(amount)
                .setCurrency(currency));
    }

    void dealWon(final Instant at, final String repId, final String opportunityId, final BigDecimal amount,
                 final BigDecimal cost, final String currency, final DealType dealType) {
        emit(base(EventType.DEAL_WON, at, repId)
                .setOpportunityId(opportunityId)
                .setAmount(amount)
                .setCost(cost)
                .setCurrency(currency)
                .setDealType(dealType));
    }

    void dealLost(final Instant at, final String repId, final String opportunityId, final String reason) {
        emit(base(EventType.DEAL_LOST, at, repId).setOpportunityId(opportunityId).setReason(reason));
    }

    void npsResponse(final Instant at, final int score) {
        emit(base(EventType.NPS_RESPONSE, at, null).setScore(score));
    }

    void churned(final Instant at) {
        emit(base(EventType.CUSTOMER_CHURNED, at, null));
    }

    /** A daily spend record of a channel; not about a lead, so {@code leadId} stays empty. */
    static SalesEvent campaignSpend(final Instant at, final String channel, final String campaignId,
                                    final BigDecimal amount) {
        return SalesEvent.newBuilder()
                .setEventId("")
                .setType(EventType.CAMPAIGN_SPEND)
                .setOccurredAt(at)
                .setChannel(channel)
                .setCampaignId(campaignId)
                .setAmount(amount)
                .build();
    }

    private SalesEvent.Builder base(final EventType type, final Instant at, final String repId) {
        return SalesEvent.newBuilder()
                .setEventId("")
                .setType(type)
                .setOccurredAt(at)
                .setLeadId(leadId)
                .setRepId(repId)
                .setSource(EventSource.CRM);
    }

    private void emit(final SalesEvent.Builder builder) {
        final SalesEvent event = builder.build();
        timeline.add(new Scheduled(event.getOccurredAt(), lane, sequence++, event));
    }
}
