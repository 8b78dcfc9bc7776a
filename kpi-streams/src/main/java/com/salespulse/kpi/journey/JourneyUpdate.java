package com.salespulse.kpi.journey;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.money.CurrencyRates;
import com.salespulse.kpi.money.EventAmounts;
import com.salespulse.kpi.sla.SlaPolicy;
import com.salespulse.kpi.sla.SlaSettings;
import com.salespulse.kpi.window.WindowSpec;
import com.salespulse.kpi.window.Windows;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one event does to the KPIs: the lead's new journey, and the change it makes to every bucket
 * it touches. Flow measurements ({@link FlowMeasurements}) are added to the buckets of the event's
 * window and rep; the lead's cohort contribution ({@link CohortContribution}) is taken back from the
 * buckets it was counted in and added to the buckets of its new state, so cohort numerators and
 * denominators always describe the leads' current state. Money is converted into the reporting
 * currency first, so an event in a currency without a rate is rejected before it changes anything.
 *
 * <p>First-response SLAs are decided on event time, so that they replay the same way every time: the
 * deadline is set at the lead's first LEAD_CREATED, the outcome at its first human touch
 * ({@link Leads}) or, for an untouched lead, when the partition's event time passes the deadline
 * ({@link #deadlinePassed}).
 */
public final class JourneyUpdate {

    /**
     * The lead's journey after the event, and the non-zero change per bucket.
     *
     * @param after  the journey to store for the lead; for an event about no lead (CAMPAIGN_SPEND) the
     *               journey passed in, unchanged (null when none was)
     * @param deltas the change per bucket
     */
    public record Result(LeadJourney after, Map<BucketKey, Measures> deltas) {
    }

    private final Windows windows;
    private final TeamLookup teams;
    private final CurrencyRates rates;
    private final SlaSettings sla;

    /** Money in USD only: an event in any other currency is rejected; no SLA policies. */
    public JourneyUpdate(final Windows windows, final TeamLookup teams) {
        this(windows, teams, CurrencyRates.usdOnly());
    }

    /** No SLA policies: no lead has an SLA. */
    public JourneyUpdate(final Windows windows, final TeamLookup teams, final CurrencyRates rates) {
        this(windows, teams, rates, null);
    }

    /**
     * @param sla the SLA policies that set leads' deadlines at LEAD_CREATED; null for none
     */
    public JourneyUpdate(final Windows windows, final TeamLookup teams, final CurrencyRates rates,
                         final SlaSettings sla) {
        this.windows = windows;
        this.teams = teams;
        this.rates = rates;
        this.sla = sla;
    }

    /**
     * @param before the lead's journey before the event, null for a lead never seen (or for an event
     *               about no lead)
     * @param event  a valid event: about a lead, or a CAMPAIGN_SPEND, which is about no lead
     * @throws com.salespulse.events.validation.InvalidRecordException when the event's money cannot be
     *                                                                 converted into the reporting currency
     */
    public Result apply(final LeadJourney before, final SalesEvent event) {
        final EventAmounts amounts = rates.convert(event);
        final Map<BucketKey, Measures> deltas = new HashMap<>();
        if (event.getType() == EventType.CAMPAIGN_SPEND) {
            addTo(deltas, spendMembers(event), event.getOccurredAt(), FlowMeasurements.of(null, null, event, amounts), +1);
            return new Result(before, deltas);
        }
        final LeadJourney after = Leads.apply(before, event);
        if (event.getType() == EventType.LEAD_CREATED && !Leads.isCreated(before) && !Leads.isTouched(before)) {
            startSla(after, event);
        }
        recount(deltas, before, after);

        final Measures flow = FlowMeasurements.of(before, after, event, amounts);
        if (!flow.isZero()) {
            addTo(deltas, flowMembers(after, event), event.getOccurredAt(), flow, +1);
        }
        deltas.values().removeIf(Measures::isZero);
        return new Result(after, deltas);
    }

    /**
     * What the partition's event time passing a lead's SLA deadline does: an untouched lead whose SLA is
     * undecided becomes BREACHED, which moves its cohort contribution and counts one SLA breach in the
     * deadline's window, for the lead's owner now. Any other journey is returned unchanged, with no deltas.
     *
     * @param before the lead's stored journey
     */
    public Result deadlinePassed(final LeadJourney before) {
        final Map<BucketKey, Measures> deltas = new HashMap<>();
        if (!Leads.slaPending(before) || Leads.isTouched(before)) {
            return new Result(before, deltas);
        }
        final LeadJourney after = LeadJourney.newBuilder(before).build();
        after.setSlaOutcome(Leads.SLA_BREACHED);
        recount(deltas, before, after);
        final String owner = Leads.owner(after);
        addTo(deltas, leadMembers(after, owner, teamOf(owner)), after.getSlaDeadline(),
                new Measures().add(Measure.SLA_BREACHES, 1), +1);
        deltas.values().removeIf(Measures::isZero);
        return new Result(after, deltas);
    }

    /** Sets the deadline of the first policy that takes the lead just created, if any. */
    private void startSla(final LeadJourney after, final SalesEvent event) {
        if (sla == null) {
            return;
        }
        final Optional<SlaPolicy> policy = sla.policyFor(after.getChannel(),
                event.getSource() == null ? null : event.getSource().name(), teamOf(Leads.owner(after)),
                after.getRegion());
        policy.ifPresent(matched -> after.setSlaDeadline(matched.deadline(after.getCreatedAt())));
    }

    /** Takes the lead's cohort contribution back from where it was counted and adds its new one. */
    private void recount(final Map<BucketKey, Measures> deltas, final LeadJourney before, final LeadJourney after) {
        if (Leads.isCreated(before)) {
            addTo(deltas, cohortMembers(before, before.getCohortTeamId()), before.getCreatedAt(),
                    CohortContribution.of(before), -1);
        }
        if (Leads.isCreated(after)) {
            after.setCohortTeamId(teamOf(Leads.owner(after)));
            addTo(deltas, cohortMembers(after, after.getCohortTeamId()), after.getCreatedAt(),
                    CohortContribution.of(after), +1);
        }
    }

    private static Map<Dimension, String> cohortMembers(final LeadJourney journey, final String teamId) {
        return leadMembers(journey, Leads.owner(journey), teamId);
    }

    /** A flow measurement belongs to the rep named on the event, else the lead's current owner. */
    private Map<Dimension, String> flowMembers(final LeadJourney after, final SalesEvent event) {
        final String rep = event.getRepId() != null ? event.getRepId() : Leads.owner(after);
        return leadMembers(after, rep, teamOf(rep));
    }

    private static Map<Dimension, String> leadMembers(final LeadJourney journey, final String rep, final String team) {
        final Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        members.put(Dimension.ORG, Dimension.ALL);
        members.put(Dimension.REGION, orElse(journey.getRegion(), Dimension.UNKNOWN));
        members.put(Dimension.CHANNEL, orElse(journey.getChannel(), Dimension.UNKNOWN));
        members.put(Dimension.TEAM, orElse(team, Dimension.UNASSIGNED));
        members.put(Dimension.REP, orElse(rep, Dimension.UNASSIGNED));
        return members;
    }

    /** Spend is about a channel, not a lead or a rep: it counts for the organisation and its channel only. */
    private static Map<Dimension, String> spendMembers(final SalesEvent event) {
        final Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        members.put(Dimension.ORG, Dimension.ALL);
        members.put(Dimension.CHANNEL, event.getChannel());
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

    private static String orElse(final String value, final String fallback) {
        return value == null ? fallback : value;
    }
}
