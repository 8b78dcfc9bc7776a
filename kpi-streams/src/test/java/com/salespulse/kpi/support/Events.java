package com.salespulse.kpi.support;

import com.salespulse.events.Activity;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
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

    public Events automated() {
        builder.setActivity(Activity.EMAIL).setAutomated(true);
        return this;
    }

    public SalesEvent build() {
        return builder.build();
    }
}
