package com.salespulse.producers;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;

/** The record key of an event on {@code sales.crm-events}. */
public final class EventKeys {
    private EventKeys() {
    }

    /**
     * The event's leadId, so that all of a lead's events share a partition and keep their order;
     * a CAMPAIGN_SPEND, which is about no lead, is keyed by its channel.
     */
    public static String keyOf(final SalesEvent event) {
        return event.getType() == EventType.CAMPAIGN_SPEND ? event.getChannel() : event.getLeadId();
    }
}
