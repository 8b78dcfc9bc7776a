package com.salespulse.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.events.validation.SalesEventValidator;
import java.time.Instant;

/**
 * The JSON form of a {@link SalesEvent} (DESIGN.md section 5), as it arrives on the CRM webhook
 * and in import files. Parsing yields the same record the Avro topic carries, so the rest of the
 * pipeline never knows which way an event came in: amounts at scale 4, times in milliseconds, blank
 * strings as absent, and the contract checked by {@link SalesEventValidator}.
 *
 * <p>{@code parse(write(event))} equals {@code event} for every valid event.
 */
public final class SalesEventJson {
    private SalesEventJson() {
    }

    /**
     * Parses one event. Unknown fields are ignored, so that a CRM may send more than the contract
     * names.
     *
     * @throws InvalidRecordException {@link RejectReason#MALFORMED_JSON} for text that is not a JSON
     *                                object, {@link RejectReason#UNKNOWN_ENUM} for a value outside an
     *                                enum, {@link RejectReason#BAD_TIMESTAMP} for an occurredAt that is
     *                                not an ISO-8601 instant, {@link RejectReason#BAD_VALUE} for a
     *                                malformed number, boolean or an amount with more than four
     *                                decimal places, and whatever {@link SalesEventValidator} refuses
     */
    public static SalesEvent parse(final String json) {
        final ObjectNode node = JsonSupport.readObject(json, "event");
        // The type first, so that every later message can say which kind of event was bad.
        final EventType type = JsonSupport.enumValue(node, "type", EventType.class, "event");
        final String what = type == null ? "event" : type.name() + " event";

        final SalesEvent event = new SalesEvent();
        event.setEventId(JsonSupport.text(node, "eventId", what));
        event.setType(type);
        final Instant occurredAt = JsonSupport.instant(node, "occurredAt", what);
        // The generated setter cannot take null; left unset, the validator reports it as missing.
        if (occurredAt != null) {
            event.setOccurredAt(occurredAt);
        }
        event.setLeadId(JsonSupport.text(node, "leadId", what));
        event.setRepId(JsonSupport.text(node, "repId", what));
        event.setSource(JsonSupport.enumValue(node, "source", EventSource.class, what));
        event.setChannel(JsonSupport.text(node, "channel", what));
        event.setRegion(JsonSupport.text(node, "region", what));
        event.setCampaignId(JsonSupport.text(node, "campaignId", what));
        event.setActivity(JsonSupport.enumValue(node, "activity", Activity.class, what));
        event.setAutomated(JsonSupport.bool(node, "automated", what));
        event.setSentiment(JsonSupport.enumValue(node, "sentiment", Sentiment.class, what));
        event.setStage(JsonSupport.enumValue(node, "stage", Stage.class, what));
        event.setOpportunityId(JsonSupport.text(node, "opportunityId", what));
        event.setAmount(JsonSupport.decimal(node, "amount", what));
        event.setCurrency(JsonSupport.text(node, "currency", what));
        event.setCost(JsonSupport.decimal(node, "cost", what));
        event.setDealType(JsonSupport.enumValue(node, "dealType", DealType.class, what));
        event.setReason(JsonSupport.text(node, "reason", what));
        event.setScore(JsonSupport.integer(node, "score", what));

        SalesEventValidator.validate(event);
        return event;
    }

    /**
     * Writes one event as compact JSON: the fields of DESIGN.md section 5 in its order, absent
     * fields left out, {@code automated} only when true, amounts as plain JSON numbers without
     * trailing zeros, and occurredAt as an ISO-8601 instant. Writes what it is given; it does not
     * validate.
     */
    public static String write(final SalesEvent event) {
        return JsonSupport.writeObject(generator -> {
            JsonSupport.writeTextIfPresent(generator, "eventId", event.getEventId());
            JsonSupport.writeEnumIfPresent(generator, "type", event.getType());
            if (event.getOccurredAt() != null) {
                JsonSupport.writeInstant(generator, "occurredAt", event.getOccurredAt());
            }
            JsonSupport.writeTextIfPresent(generator, "leadId", event.getLeadId());
            JsonSupport.writeTextIfPresent(generator, "repId", event.getRepId());
            JsonSupport.writeEnumIfPresent(generator, "source", event.getSource());
            JsonSupport.writeTextIfPresent(generator, "channel", event.getChannel());
            JsonSupport.writeTextIfPresent(generator, "region", event.getRegion());
            JsonSupport.writeTextIfPresent(generator, "campaignId", event.getCampaignId());
            JsonSupport.writeEnumIfPresent(generator, "activity", event.getActivity());
            if (Boolean.TRUE.equals(event.getAutomated())) {
                generator.writeBooleanField("automated", true);
            }
            JsonSupport.writeEnumIfPresent(generator, "sentiment", event.getSentiment());
            JsonSupport.writeEnumIfPresent(generator, "stage", event.getStage());
            JsonSupport.writeTextIfPresent(generator, "opportunityId", event.getOpportunityId());
            if (event.getAmount() != null) {
                JsonSupport.writeDecimal(generator, "amount", event.getAmount());
            }
            JsonSupport.writeTextIfPresent(generator, "currency", event.getCurrency());
            if (event.getCost() != null) {
                JsonSupport.writeDecimal(generator, "cost", event.getCost());
            }
            JsonSupport.writeEnumIfPresent(generator, "dealType", event.getDealType());
            JsonSupport.writeTextIfPresent(generator, "reason", event.getReason());
            if (event.getScore() != null) {
                generator.writeNumberField("score", event.getScore());
            }
        });
    }
}
