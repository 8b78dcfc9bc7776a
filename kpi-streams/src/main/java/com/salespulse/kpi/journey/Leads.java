package com.salespulse.kpi.journey;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;

/**
 * How a lead's events accumulate into its {@link LeadJourney}, and what the KPIs read from it.
 * "First" and "latest" are in arrival order on the lead's partition (KPIS.md).
 */
public final class Leads {

    private Leads() {
    }

    /** A copy of {@code before} (or a new journey) with {@code event} applied. */
    public static LeadJourney apply(final LeadJourney before, final SalesEvent event) {
        final LeadJourney after = before == null ? new LeadJourney() : LeadJourney.newBuilder(before).build();
        switch (event.getType()) {
            case LEAD_CREATED -> {
                // A repeated LEAD_CREATED (a CRM resending) changes nothing: the first one defines the lead.
                if (after.getCreatedAt() == null) {
                    after.setCreatedAt(event.getOccurredAt());
                    after.setRegion(event.getRegion());
                    after.setChannel(event.getChannel());
                    after.setCreatedRepId(event.getRepId());
                    after.setCreatedStage(event.getStage() == null ? null : event.getStage().name());
                }
            }
            case LEAD_ASSIGNED -> after.setAssignedRepId(event.getRepId());
            case LEAD_CONTACTED -> {
                if (!event.getAutomated() && after.getFirstHumanTouchAt() == null) {
                    after.setFirstHumanTouchAt(event.getOccurredAt());
                }
            }
            case LEAD_REPLIED -> {
                if (event.getSentiment() != Sentiment.NEUTRAL && after.getFirstDecisiveSentiment() == null) {
                    after.setFirstDecisiveSentiment(event.getSentiment().name());
                }
            }
            case LEAD_STAGE_CHANGED -> after.setChangedStage(event.getStage().name());
            default -> {
                // Other events do not change what the lead-level KPIs read.
            }
        }
        return after;
    }

    public static boolean isCreated(final LeadJourney journey) {
        return journey != null && journey.getCreatedAt() != null;
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
        return journey.getFirstHumanTouchAt() != null;
    }
}
