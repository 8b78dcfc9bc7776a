package com.salespulse.kpi.journey;

import com.salespulse.events.Activity;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import java.time.Instant;
import java.util.Map;

/**
 * How a lead's events accumulate into its {@link LeadJourney}, and what the KPIs read from it.
 * "First" and "latest" are in arrival order on the lead's partition (KPIS.md).
 */
public final class Leads {
    /** The most open opportunities a lead remembers; creating one more forgets the earliest created. */
    static final int MAX_OPEN_OPPORTUNITIES = 32;

    /** The position of the stage a lead is created with: before every LEAD_STAGE_CHANGED. */
    private static final int CREATION = 0;

    private Leads() {
    }

    /** A copy of {@code before} (or a new journey) with {@code event} applied. */
    public static LeadJourney apply(final LeadJourney before, final SalesEvent event) {
        // The builder fills the defaults (empty maps) that the no-argument constructor leaves null.
        final LeadJourney after = before == null ? LeadJourney.newBuilder().build() : LeadJourney.newBuilder(before).build();
        switch (event.getType()) {
            case LEAD_CREATED -> created(after, event);
            case LEAD_ASSIGNED -> after.setAssignedRepId(event.getRepId());
            case LEAD_CONTACTED -> contacted(after, event);
            case LEAD_REPLIED -> replied(after, event);
            case LEAD_STAGE_CHANGED -> {
                after.setStageChanges(after.getStageChanges() + 1);
                after.setChangedStage(event.getStage().name());
                reach(after, event.getStage(), after.getStageChanges());
            }
            case OPPORTUNITY_CREATED -> opened(after, event);
            case DEAL_WON -> {
                after.setDealWon(true);
                after.getOpenOpportunities().remove(event.getOpportunityId());
            }
            case EMAIL_OPENED -> after.setEmailOpened(true);
            default -> {
                // Other events do not change what the lead-level KPIs read.
            }
        }
        return after;
    }

    private static void created(final LeadJourney after, final SalesEvent event) {
        // A repeated LEAD_CREATED (a CRM resending) changes nothing: the first one defines the lead.
        if (after.getCreatedAt() == null) {
            after.setCreatedAt(event.getOccurredAt());
            after.setRegion(event.getRegion());
            after.setChannel(event.getChannel());
            after.setCreatedRepId(event.getRepId());
            after.setCreatedStage(event.getStage() == null ? null : event.getStage().name());
            reach(after, event.getStage() == null ? Stage.LEAD : event.getStage(), CREATION);
        }
    }

    private static void contacted(final LeadJourney after, final SalesEvent event) {
        if (event.getActivity() == Activity.EMAIL) {
            after.setEmailed(true);
        }
        if (!event.getAutomated() && after.getFirstHumanTouchAt() == null) {
            after.setFirstHumanTouchAt(event.getOccurredAt());
            after.setFirstHumanTouchActivity(event.getActivity().name());
            if (slaPending(after)) {
                after.setSlaOutcome(event.getOccurredAt().isAfter(after.getSlaDeadline()) ? SLA_BREACHED : SLA_MET);
            }
        }
    }

    private static void replied(final LeadJourney after, final SalesEvent event) {
        after.setReplied(true);
        if (event.getSentiment() != Sentiment.NEUTRAL && after.getFirstDecisiveSentiment() == null) {
            after.setFirstDecisiveSentiment(event.getSentiment().name());
        }
    }

    private static void reach(final LeadJourney after, final Stage stage, final int position) {
        after.getFirstReached().merge(stage.name(), position, Math::min);
        after.getLastReached().merge(stage.name(), position, Math::max);
    }

    /** Remembers an opportunity not already open; a repeated OPPORTUNITY_CREATED keeps the first time. */
    private static void opened(final LeadJourney after, final SalesEvent event) {
        final Map<String, Long> open = after.getOpenOpportunities();
        if (open.containsKey(event.getOpportunityId())) {
            return;
        }
        if (open.size() >= MAX_OPEN_OPPORTUNITIES) {
            open.entrySet().stream()
                    .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.<String, Long>comparingByKey()))
                    .map(Map.Entry::getKey)
                    .ifPresent(open::remove);
        }
        open.put(event.getOpportunityId(), event.getOccurredAt().toEpochMilli());
    }

    public static boolean isCreated(final LeadJourney journey) {
        return journey != null && journey.getCreatedAt() != null;
    }

    /** {@link LeadJourney#getSlaOutcome()} of a lead first touched by its SLA deadline. */
    public static final String SLA_MET = "MET";
    /** {@link LeadJourney#getSlaOutcome()} of a lead first touched after its SLA deadline, or not by then. */
    public static final String SLA_BREACHED = "BREACHED";

    /** Whether the lead has an SLA deadline and no outcome yet. */
    public static boolean slaPending(final LeadJourney journey) {
        return journey != null && journey.getSlaDeadline() != null && journey.getSlaOutcome() == null;
    }

    /** Whether the lead's SLA outcome went from undecided to BREACHED between the two journeys. */
    public static boolean becameBreached(final LeadJourney before, final LeadJourney after) {
        return (before == null || before.getSlaOutcome() == null) && after != null
                && SLA_BREACHED.equals(after.getSlaOutcome());
    }

    /** The current owner: latest LEAD_ASSIGNED, else the rep on LEAD_CREATED, else null. */
    public static String owner(final LeadJourney journey) {
        if (journey == null) {
            return null;
        }
        return journey.getAssignedRepId() != null ? journey.getAssignedRepId() : journey.getCreatedRepId();
    }

    /** The current stage: latest LEAD_STAGE_CHANGED, else the stage on LEAD_CREATED, else LEAD. */
    public static Stage stage(final LeadJourney journey) {
        if (journey.getChangedStage() != null) {
            return Stage.valueOf(journey.getChangedStage());
        }
        return journey.getCreatedStage() != null ? Stage.valueOf(journey.getCreatedStage()) : Stage.LEAD;
    }

    public static boolean isTouched(final LeadJourney journey) {
        return journey != null && journey.getFirstHumanTouchAt() != null;
    }

    /** The activity of the first human touch, or null when the lead has none. */
    public static Activity firstTouchActivity(final LeadJourney journey) {
        return journey == null || journey.getFirstHumanTouchActivity() == null ? null
                : Activity.valueOf(journey.getFirstHumanTouchActivity());
    }

    /** Whether the lead ever reached {@code stage}: on LEAD_CREATED or by a LEAD_STAGE_CHANGED. */
    public static boolean hasReached(final LeadJourney journey, final Stage stage) {
        return journey != null && journey.getFirstReached().containsKey(stage.name());
    }

    /** Whether the lead reached {@code later} after it first reached {@code first}. */
    public static boolean reachedThen(final LeadJourney journey, final Stage first, final Stage later) {
        final Integer firstAt = journey.getFirstReached().get(first.name());
        final Integer laterAt = journey.getLastReached().get(later.name());
        return firstAt != null && laterAt != null && firstAt < laterAt;
    }

    /** Whether the lead's lifecycle has ended: it won a deal or reached CUSTOMER. */
    public static boolean lifecycleEnded(final LeadJourney journey) {
        return journey != null && (journey.getDealWon() || hasReached(journey, Stage.CUSTOMER));
    }

    /** When the opportunity was created, or null when the lead has no such open opportunity. */
    public static Instant openedAt(final LeadJourney journey, final String opportunityId) {
        final Long millis = journey == null ? null : journey.getOpenOpportunities().get(opportunityId);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
