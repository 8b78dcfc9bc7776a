package com.salespulse.events.validation;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of DESIGN.md section 5 that the Avro schema cannot state: which fields each event
 * type requires, and the ranges of amounts, scores and currencies. The schema makes most fields
 * optional because they belong to some types only, so every entry point (Avro topic, webhook,
 * import file) runs the same checks here, and a record that breaks one goes to the dead-letter
 * topic with the same reason whichever way it came in.
 *
 * <p>Messages name the field and the event type, never a value: leads carry e-mail addresses and
 * phone numbers, and the message ends up in dead-letter headers and logs.
 */
public final class SalesEventValidator {
    /** Types with an acting rep (assigned, contact, opportunity, proposal, won, lost). */
    private static final Set<EventType> ACTOR_EVENTS = EnumSet.of(EventType.LEAD_ASSIGNED, EventType.LEAD_CONTACTED,
            EventType.OPPORTUNITY_CREATED, EventType.PROPOSAL_SENT, EventType.DEAL_WON, EventType.DEAL_LOST);
    private static final Set<EventType> OPPORTUNITY_EVENTS = EnumSet.of(EventType.OPPORTUNITY_CREATED,
            EventType.PROPOSAL_SENT, EventType.DEAL_WON, EventType.DEAL_LOST);
    private static final Set<EventType> AMOUNT_EVENTS = EnumSet.of(EventType.OPPORTUNITY_CREATED,
            EventType.DEAL_WON, EventType.CAMPAIGN_SPEND);
    private static final Set<EventType> CHANNEL_EVENTS = EnumSet.of(EventType.LEAD_CREATED, EventType.CAMPAIGN_SPEND);

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MIN_SCORE = 0;
    private static final int MAX_SCORE = 10;

    private SalesEventValidator() {
    }

    /**
     * Checks {@code event} against the contract.
     *
     * @throws InvalidRecordException with {@link RejectReason#MISSING_FIELD} for a missing or blank
     *                                required field, {@link RejectReason#NEGATIVE_AMOUNT} for an
     *                                amount or cost below zero, {@link RejectReason#BAD_VALUE} for a
     *                                score outside 0-10 or a currency that is not three upper-case
     *                                letters; a null event (a tombstone) is a missing event
     */
    public static void validate(final SalesEvent event) {
        if (event == null) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no event (null value)");
        }
        final EventType type = event.getType();
        final String typeName = type == null ? "event" : type.name() + " event";
        requireText(event.getEventId(), "eventId", typeName);
        require(type, "type", typeName);
        require(event.getOccurredAt(), "occurredAt", typeName);

        if (type != EventType.CAMPAIGN_SPEND) {
            requireText(event.getLeadId(), "leadId", typeName);
        }
        if (ACTOR_EVENTS.contains(type)) {
            requireText(event.getRepId(), "repId", typeName);
        }
        if (CHANNEL_EVENTS.contains(type)) {
            requireText(event.getChannel(), "channel", typeName);
        }
        if (type == EventType.LEAD_CREATED) {
            requireText(event.getRegion(), "region", typeName);
        }
        if (type == EventType.LEAD_CONTACTED) {
            require(event.getActivity(), "activity", typeName);
        }
        if (type == EventType.LEAD_REPLIED) {
            require(event.getSentiment(), "sentiment", typeName);
        }
        if (type == EventType.LEAD_STAGE_CHANGED) {
            require(event.getStage(), "stage", typeName);
        }
        if (OPPORTUNITY_EVENTS.contains(type)) {
            requireText(event.getOpportunityId(), "opportunityId", typeName);
        }
        if (AMOUNT_EVENTS.contains(type)) {
            require(event.getAmount(), "amount", typeName);
        }
        if (type == EventType.NPS_RESPONSE) {
            require(event.getScore(), "score", typeName);
        }

        requireNotNegative(event.getAmount(), "amount", typeName);
        requireNotNegative(event.getCost(), "cost", typeName);
        // A score outside 0-10 is wrong on any type, not only where it is required.
        final Integer score = event.getScore();
        if (score != null && (score < MIN_SCORE || score > MAX_SCORE)) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    typeName + " has a score outside " + MIN_SCORE + "-" + MAX_SCORE);
        }
        final String currency = event.getCurrency();
        if (!isBlank(currency) && !CURRENCY.matcher(currency).matches()) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    typeName + " has a currency that is not an ISO 4217 code (three upper-case letters)");
        }
    }

    private static void require(final Object value, final String field, final String typeName) {
        if (value == null) {
            throw missing(field, typeName);
        }
    }

    private static void requireText(final String value, final String field, final String typeName) {
        if (isBlank(value)) {
            throw missing(field, typeName);
        }
    }

    private static void requireNotNegative(final BigDecimal value, final String field, final String typeName) {
        if (value != null && value.signum() < 0) {
            throw new InvalidRecordException(RejectReason.NEGATIVE_AMOUNT, typeName + " has a negative " + field);
        }
    }

    private static InvalidRecordException missing(final String field, final String typeName) {
        return new InvalidRecordException(RejectReason.MISSING_FIELD, typeName + " lacks required field " + field);
    }

    private static boolean isBlank(final String value) {
        return value == null || value.isBlank();
    }
}
