package com.salespulse.kpi.support;

import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small builders for test events: {@code Events.leadCreated("L1").by("R1").at(T0)}. A LEAD_CREATED
 * defaults to region EMEA and channel paid unless a test sets them.
 */
public final class Events {
    /** Monday 2 November 2026, 09:00 UTC: the start of every scenario. */
    public static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private static final AtomicLong IDS = new AtomicLong();

    private final SalesEvent.Builder builder;

    private Events(final EventType type, final String leadId) {
        this.builder = SalesEvent.newBuilder()
                .setEventId("E" + IDS.incrementAndGet())
                .setType(type)
                .setLeadId(leadId)
                .setOccurredAt(T0);
    }

    public static Instant minutes(final long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    public static Events leadCreated(final String leadId) {
        return new Events(EventType.LEAD_CREATED, leadId).region("EMEA").channel("paid");
    }

    public static Events assigned(final String leadId) {
        return new Events(EventType.LEAD_ASSIGNED, leadId);
    }

    /** A human touch by call; {@link #automated()} and {@link #activity(Activity)} change that. */
    public static Events contacted(final String leadId) {
        return new Events(EventType.LEAD_CONTACTED, leadId).activity(Activity.CALL);
    }

    public static Events replied(final String leadId, final Sentiment sentiment) {
        final Events events = new Events(EventType.LEAD_REPLIED, leadId);
        events.builder.setSentiment(sentiment);
        return events;
    }

    public static Events stageChanged(final String leadId, final Stage stage) {
        return new Events(EventType.LEAD_STAGE_CHANGED, leadId).stage(stage);
    }

    public static Events opportunityCreated(final String leadId, final String opportunityId) {
        return new Events(EventType.OPPORTUNITY_CREATED, leadId).opportunity(opportunityId).amount("0");
    }

    public static Events proposalSent(final String leadId, final String opportunityId) {
        return new Events(EventType.PROPOSAL_SENT, leadId).opportunity(opportunityId);
    }

    /** A won NEW deal of 0 USD; {@link #amount}, {@link #currency}, {@link #cost} and {@link #dealType} change that. */
    public static Events dealWon(final String leadId, final String opportunityId) {
        return new Events(EventType.DEAL_WON, leadId).opportunity(opportunityId).amount("0");
    }

    public static Events dealLost(final String leadId, final String opportunityId) {
        return new Events(EventType.DEAL_LOST, leadId).opportunity(opportunityId);
    }

    public static Events emailOpened(final String leadId) {
        return new Events(EventType.EMAIL_OPENED, leadId);
    }

    public static Events npsResponse(final String leadId, final int score) {
        final Events events = new Events(EventType.NPS_RESPONSE, leadId);
        events.builder.setScore(score);
        return events;
    }

    public static Events churned(final String leadId) {
        return new Events(EventType.CUSTOMER_CHURNED, leadId);
    }

    /** Spend on a channel: an event about no lead. */
    public static Events campaignSpend(final String channel, final String amount) {
        return new Events(EventType.CAMPAIGN_SPEND, null).channel(channel).amount(amount);
    }

    /** The eventId, for a redelivery of the same event. */
    public Events id(final String eventId) {
        builder.setEventId(eventId);
        return this;
    }

    public Events source(final EventSource source) {
        builder.setSource(source);
        return this;
    }

    public Events by(final String repId) {
        builder.setRepId(repId);
        return this;
    }

    public Events at(final Instant occurredAt) {
        builder.setOccurredAt(occurredAt);
        return this;
    }

    public Events region(final String region) {
        builder.setRegion(region);
        return this;
    }

    public Events channel(final String channel) {
        builder.setChannel(channel);
        return this;
    }

    public Events stage(final Stage stage) {
        builder.setStage(stage);
        return this;
    }

    public Events activity(final Activity activity) {
        builder.setActivity(activity);
        return this;
    }

    public Events opportunity(final String opportunityId) {
        builder.setOpportunityId(opportunityId);
        return this;
    }

    /** A decimal amount, e.g. {@code "1200.50"}. */
    public Events amount(final String amount) {
        builder.setAmount(new BigDecimal(amount).setScale(4));
        return this;
    }

    public Events cost(final String cost) {
        builder.setCost(new BigDecimal(cost).setScale(4));
        return this;
    }

    public Events currency(final String currency) {
        builder.setCurrency(currency);
        return this;
    }

    public Events dealType(final DealType dealType) {
        builder.setDealType(dealType);
        return this;
    }

    public Events automated() {
        builder.setActivity(Activity.EMAIL).setAutomated(true);
        return this;
    }

    public SalesEvent build() {
        return builder.build();
    }
}
