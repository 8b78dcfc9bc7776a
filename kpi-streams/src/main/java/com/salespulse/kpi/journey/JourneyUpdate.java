package com.salespulse.kpi.journey;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.window.WindowSpec;
import com.salespulse.kpi.window.Windows;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What one event does to the KPIs: the lead's new journey, and the change it makes to every bucket
 * it touches. Flow measurements are added to the buckets of the event's window and rep; the lead's
 * cohort contribution is taken back from the buckets it was counted in and added to the buckets of
 * its new state, so cohort numerators and denominators always describe the leads' current state.
 */
public final class JourneyUpdate {

    /** The lead's journey after the event, and the non-zero change per bucket. */
    public record Result(LeadJourney after, Map<BucketKey, Measures> deltas) {
    }

    private final Windows windows;
    private final TeamLookup teams;

    public JourneyUpdate(final Windows windows, final TeamLookup teams) {
        this.windows = windows;
        this.teams = teams;
    }

    /**
     * @param before the lead's journey before the event, null for a lead never seen
     * @param event  a valid event about the lead
     */
    public Result apply(final LeadJourney before, final SalesEvent event) {
        final LeadJourney after = Leads.apply(before, event);
        final Map<BucketKey, Measures> deltas = new HashMap<>();

        if (Leads.isCreated(before)) {
            addTo(deltas, cohortMembers(before, before.getCohortTeamId()), before.getCreatedAt(),
                    cohortContribution(before), -1);
        }
        if (Leads.isCreated(after)) {
            after.setCohortTeamId(teamOf(Leads.owner(after)));
            addTo(deltas, cohortMembers(after, after.getCohortTeamId()), after.getCreatedAt(),
                    cohortContribution(after), +1);
        }

        final Measures flow = flowMeasurements(before, event);
        if (!flow.isZero()) {
            addTo(deltas, flowMembers(after, event), event.getOccurredAt(), flow, +1);
        }
        deltas.values().removeIf(Measures::isZero);
        return new Result(after, deltas);
    }

    /** What the lead counts for in its cohort buckets. */
    static Measures cohortContribution(final LeadJourney journey) {
        final Measures measures = new Measures()
                .add(Measure.COHORT_LEADS, 1)
                .add(Measure.cohortStage(Leads.stage(journey)), 1);
        if (Leads.isTouched(journey)) {
            measures.add(Measure.COHORT_TOUCHED_LEADS, 1);
            final String sentiment = journey.getFirstDecisiveSentiment();
            if (Sentiment.POSITIVE.name().equals(sentiment)) {
                measures.add(Measure.COHORT_POSITIVE_LEADS, 1);
            } else if (Sentiment.NEGATIVE.name().equals(sentiment)) {
                measures.add(Measure.COHORT_NEGATIVE_LEADS, 1);
            }
        }
        return measures;
    }

    /** What the event measures when it happens, judged against the lead's journey before it. */
    static Measures flowMeasurements(final LeadJourney before, final SalesEvent event) {
        final Measures measures = new Measures();
        if (event.getType() == EventType.LEAD_CONTACTED && !event.getAutomated()
                && (before == null || before.getFirstHumanTouchAt() == null) && Leads.isCreated(before)) {
            final long millis = event.getOccurredAt().toEpochMilli() - before.getCreatedAt().toEpochMilli();
            if (millis >= 0) {
                measures.add(Measure.FIRST_RESPONSE_MILLIS, millis).add(Measure.FIRST_RESPONSE_LEADS, 1);
            }
        }
        return measures;
    }

    private static Map<Dimension, String> cohortMembers(final LeadJourney journey, final String teamId) {
        final Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        members.put(Dimension.ORG, Dimension.ALL);
        members.put(Dimension.REGION, orUnknown(journey.getRegion()));
        members.put(Dimension.CHANNEL, orUnknown(journey.getChannel()));
        members.put(Dimension.TEAM, teamId == null ? Dimension.UNASSIGNED : teamId);
        final String owner = Leads.owner(journey);
        members.put(Dimension.REP, owner == null ? Dimension.UNASSIGNED : owner);
        return members;
    }

    /** A flow measurement belongs to the rep named on the event, else the lead's current owner. */
    private Map<Dimension, String> flowMembers(final LeadJourney after, final SalesEvent event) {
        final String rep = event.getRepId() != null ? event.getRepId() : Leads.owner(after);
        final String team = teamOf(rep);
        final Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        members.put(Dimension.ORG, Dimension.ALL);
        members.put(Dimension.REGION, orUnknown(after.getRegion()));
        members.put(Dimension.CHANNEL, orUnknown(after.getChannel()));
        members.put(Dimension.TEAM, team == null ? Dimension.UNASSIGNED : team);
        members.put(Dimension.REP, rep == null ? Dimension.UNASSIGNED : rep);
        return members;
    }

    private void addTo(final Map<BucketKey, Measures> deltas, final Map<Dimension, String> members, final Instant at,
                       final Measures measures, final int sign) {
        final long epochMillis = at.toEpochMilli();
        for (final WindowSpec window : windows.specs()) {
            final long start = window.startOf(epochMillis);
            for (final Map.Entry<Dimension, String> member : members.entrySet()) {
                final Measures delta = deltas.computeIfAbsent(
                        new BucketKey(member.getKey(), member.getValue(), window.name(), start), key -> new Measures());
                if (sign > 0) {
                    delta.plus(measures);
                } else {
                    delta.minus(measures);
                }
            }
        }
    }

    private String teamOf(final String repId) {
        return repId == null ? null : teams.teamOf(repId);
    }

    private static String orUnknown(final String value) {
        return value == null ? Dimension.UNKNOWN : value;
    }
}
