package com.salespulse.producers.generator;

import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.EventSource;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The script of one lead, from the web form or CRM entry to a closed deal (or silence): routing,
 * the automated welcome e-mail, the owner's first touch after their personal delay in working
 * time, follow-ups, replies, qualification, the opportunity and its proposal, the close, and for
 * customers an NPS answer, sometimes evangelism, expansion or churn.
 *
 * <p>Every step happens strictly after the step it depends on, so the lead's events are in
 * causal order; automated e-mails all happen before the first human touch, because a nurture
 * sequence stops once a rep engages.
 */
final class LeadJourney {
    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    /** Ten hours of office time. */
    private static final long WORKING_DAY = 10 * HOUR;

    private static final List<Activity> TOUCHES = List.of(Activity.CALL, Activity.EMAIL, Activity.SMS, Activity.SOCIAL);
    private static final double[] FIRST_TOUCH_WEIGHTS = {0.45, 0.38, 0.07, 0.10};
    private static final double[] FOLLOW_UP_WEIGHTS = {0.40, 0.36, 0.09, 0.15};
    private static final List<DealType> EXPANSIONS = List.of(DealType.UPSELL, DealType.CROSS_SELL, DealType.RENEWAL);
    private static final double[] EXPANSION_WEIGHTS = {0.45, 0.35, 0.20};
    private static final List<String> LOST_REASONS = List.of("price", "competitor", "no_budget", "timing",
            "no_decision", "product_fit");
    /** Relative frequency of NPS scores 0..10: mostly passives and promoters, a tail of detractors. */
    private static final double[] NPS_WEIGHTS = {1, 1, 1, 1.5, 2, 3, 4, 9, 14, 22, 18};
    private static final double BASE_DEAL_SIZE = 12_000;

    private final LeadArrival arrival;
    private final SalesFloor floor;
    private final Ids ids;
    private final Rng rng;
    private final LeadEvents events;
    private RepProfile owner;
    private Stage stage;
    private boolean opened;
    private int opportunities;

    LeadJourney(final LeadArrival arrival, final SalesFloor floor, final Ids ids, final Rng rng,
                final LeadEvents events) {
        this.arrival = arrival;
        this.floor = floor;
        this.ids = ids;
        this.rng = rng;
        this.events = events;
    }

    void play() {
        final Instant created = arrival.at();
        owner = floor.ownerFor(arrival.region().name(), rng);
        final Instant owned = create(created);
        final Instant welcomed = welcomeEmail(owned);
        final Instant ready = maybeHandOverUntouched(latest(owned, welcomed));
        if (rng.chance(owner.neglectRate())) {
            neverTouched(ready);
            return;
        }
        Instant firstTouch = owner.afterWorkingTime(ready, owner.firstResponseSeconds(rng));
        if (!firstTouch.isAfter(ready)) {
            firstTouch = ready.plusSeconds(MINUTE);
        }
        nurtureEmail(welcomed, ready, firstTouch);
        if (stage == Stage.SUBSCRIBER && rng.chance(0.5)) {
            // A subscriber becomes a lead once a rep starts working them.
            changeStage(firstTouch.plusSeconds(rng.between(5, 120)), Stage.LEAD, owner.repId());
        }
        final Outcome outcome = work(firstTouch);
        if (outcome.decision() == Sentiment.POSITIVE) {
            qualify(outcome.at());
        } else if (outcome.decision() == Sentiment.NEGATIVE) {
            if (rng.chance(0.6)) {
                changeStage(outcome.at().plusSeconds(rng.between(1, 24) * HOUR), Stage.DISQUALIFIED, owner.repId());
            }
        } else {
            undecided(outcome.at());
        }
    }

    /** LEAD_CREATED, then LEAD_ASSIGNED where routing or the CRM records the owner separately. */
    private Instant create(final Instant created) {
        final ChannelProfile channel = arrival.channel();
        final boolean ownedAtCreation = rng.chance(0.85);
        stage = initialStage(channel);
        final EventSource source = rng.chance(channel.webFormShare()) ? EventSource.WEB_FORM : EventSource.CRM;
        final String campaign = rng.chance(channel.campaignShare())
                ? channel.campaignId(rng.between(1, channel.campaigns())) : null;
        // Half the plain leads leave the stage out, as many CRMs do (it defaults to LEAD).
        final Stage statedStage = stage == Stage.LEAD && rng.chance(0.5) ? null : stage;
        events.created(created, ownedAtCreation ? owner.repId() : null, source, channel.name(),
                arrival.region().name(), campaign, statedStage);
        if (!ownedAtCreation) {
            final Instant routed = created.plusSeconds(rng.between(1, 20) * MINUTE);
            events.assigned(routed, owner.repId());
            return routed;
        }
        if (rng.chance(0.08)) {
            final Instant confirmed = created.plusSeconds(rng.between(5, 90));
            events.assigned(confirmed, owner.repId());
            return confirmed;
        }
        return created;
    }

    private Stage initialStage(final ChannelProfile channel) {
        final double subscriber = "organic".equals(channel.name()) ? 0.22 : 0.05;
        final double mql = "event".equals(channel.name()) || "referral".equals(channel.name()) ? 0.20 : 0.04;
        final double draw = rng.unit();
        if (draw < subscriber) {
            return Stage.SUBSCRIBER;
        }
        return draw < subscriber + mql ? Stage.MQL : Stage.LEAD;
    }

    /** The automated welcome e-mail most leads get within minutes; null when there is none. */
    private Instant welcomeEmail(final Instant owned) {
        if (!rng.chance(0.85)) {
            return null;
        }
        final Instant sent = owned.plusSeconds(rng.between(15, 240));
        events.contacted(sent, owner.repId(), Activity.EMAIL, true);
        maybeOpened(sent, 0.30);
        return sent;
    }

    /** A lead still waiting with a slow rep is sometimes handed to a colleague before anyone calls. */
    private Instant maybeHandOverUntouched(final Instant from) {
        final double chance = owner.pace() == RepProfile.Pace.SLOW ? 0.12 : 0.03;
        if (!rng.chance(chance)) {
            return from;
        }
        final Instant at = from.plusSeconds(rng.between(20, 240) * MINUTE);
        owner = floor.otherThan(owner, rng);
        events.assigned(at, owner.repId());
        return at;
    }

    /** The follow-up of the nurture sequence, sent only if no rep has engaged by then. */
    private void nurtureEmail(final Instant welcomed, final Instant ready, final Instant firstTouch) {
        if (welcomed == null || !rng.chance(0.5)) {
            return;
        }
        final Instant sent = welcomed.plusSeconds(DAY + rng.between(-2, 2) * HOUR);
        if (sent.isAfter(ready) && sent.isBefore(firstTouch)) {
            events.contacted(sent, owner.repId(), Activity.EMAIL, true);
            maybeOpened(sent, 0.25);
        }
    }

    private void neverTouched(final Instant ready) {
        if (rng.chance(0.4)) {
            final Instant sent = ready.plusSeconds(DAY + rng.between(0, 12) * HOUR);
            events.contacted(sent, owner.repId(), Activity.EMAIL, true);
            maybeOpened(sent, 0.2);
        }
        if (rng.chance(0.25)) {
            // Marketing closes stale leads after a few days.
            changeStage(ready.plusSeconds(rng.between(3, 7) * DAY), Stage.DISQUALIFIED, null);
        }
    }

    /** When the lead's last word came and what it was (null: no decisive reply). */
    private record Outcome(Instant at, Sentiment decision) {
    }

    /**
     * The first human touch and the follow-ups, until the lead gives a decisive answer or the rep
     * runs out of attempts. Some leads first reply non-committally and decide later.
     */
    private Outcome work(final Instant firstTouch) {
        final int attempts = 1 + Math.min(6, (int) rng.exponential(2.6));
        final boolean handOverAfterFirstTouch = rng.chance(0.07);
        final double replyChance = 0.40 * arrival.channel().replyFactor();
        final double positiveChance = Math.min(0.9, arrival.channel().positiveShare() * Math.sqrt(owner.skill()));
        Instant cursor = firstTouch;
        Activity activity = TOUCHES.get(rng.weighted(FIRST_TOUCH_WEIGHTS));
        events.contacted(cursor, owner.repId(), activity, false);
        boolean replied = false;
        for (int attempt = 1; ; attempt++) {
            if (activity == Activity.EMAIL) {
                maybeOpened(cursor, 0.45);
            }
            if (rng.chance(replied ? 0.6 : replyChance)) {
                cursor = cursor.plusSeconds(Math.min(3 * DAY, Math.round(rng.logNormal(2 * HOUR, 1.0))));
                final Sentiment sentiment;
                if (!replied && rng.chance(0.25)) {
                    sentiment = Sentiment.NEUTRAL;
                } else {
                    sentiment = rng.chance(positiveChance) ? Sentiment.POSITIVE : Sentiment.NEGATIVE;
                }
                events.replied(cursor, sentiment);
                replied = true;
                if (sentiment != Sentiment.NEUTRAL) {
                    return new Outcome(cursor, sentiment);
                }
            }
            if (handOverAfterFirstTouch && attempt == 1) {
                cursor = cursor.plusSeconds(rng.between(1, 20) * HOUR);
                owner = floor.otherThan(owner, rng);
                events.assigned(cursor, owner.repId());
            }
            if (attempt >= attempts) {
                return new Outcome(cursor, null);
            }
            cursor = owner.afterWorkingTime(cursor, rng.between(2 * 60, 15 * 60) * MINUTE);
            activity = TOUCHES.get(rng.weighted(FOLLOW_UP_WEIGHTS));
            events.contacted(cursor, owner.repId(), activity, false);
        }
    }

    /** No decisive answer: lead scoring promotes some engaged leads, marketing drops some silent ones. */
    private void undecided(final Instant lastWord) {
        if (opened && stage != Stage.MQL && rng.chance(0.15)) {
            changeStage(lastWord.plusSeconds(rng.between(1, 2) * DAY), Stage.MQL, null);
        } else if (rng.chance(0.2)) {
            changeStage(lastWord.plusSeconds(rng.between(2, 6) * DAY), Stage.DISQUALIFIED, null);
        }
    }

    /** A yes: MQL, a meeting, SQL, a demo, the opportunity, a proposal, and the close. */
    private void qualify(final Instant reply) {
        Instant cursor = reply;
        if (stage == Stage.SUBSCRIBER || stage == Stage.LEAD) {
            cursor = cursor.plusSeconds(rng.between(5, 60) * MINUTE);
            changeStage(cursor, Stage.MQL, null);
        }
        final Instant meeting = owner.afterWorkingTime(cursor, rng.between(1, 10) * HOUR);
        events.contacted(meeting, owner.repId(), Activity.MEETING, false);
        if (!rng.chance(0.72 * owner.skill())) {
            if (rng.chance(0.4)) {
                changeStage(meeting.plusSeconds(rng.between(1, 3) * HOUR), Stage.DISQUALIFIED, owner.repId());
            }
            return;
        }
        cursor = meeting.plusSeconds(rng.between(10, 90) * MINUTE);
        changeStage(cursor, Stage.SQL, owner.repId());
        if (rng.chance(0.8)) {
            cursor = owner.afterWorkingTime(cursor, rng.between(2, 15) * HOUR);
            events.contacted(cursor, owner.repId(), Activity.DEMO, false);
        }
        if (!rng.chance(0.78)) {
            return;
        }
        cursor = owner.afterWorkingTime(cursor, rng.between(30, 600) * MINUTE);
        final String opportunity = ids.opportunity(arrival.number(), ++opportunities);
        final BigDecimal amount = dealSize(1.0);
        final String currency = currency();
        events.opportunityCreated(cursor, owner.repId(), opportunity, amount, currency);
        changeStage(cursor.plusSeconds(1), Stage.OPPORTUNITY, owner.repId());
        final double winChance;
        if (rng.chance(0.85)) {
            cursor = owner.afterWorkingTime(cursor, rng.between(3, 20) * HOUR);
            events.proposalSent(cursor, owner.repId(), opportunity, amount, currency);
            winChance = 0.5 * owner.skill();
        } else {
            winChance = 0.12;
        }
        if (rng.chance(0.15)) {
            return; // still open when the simulation ends
        }
        cursor = owner.afterWorkingTime(cursor, rng.between(4, 30) * HOUR);
        if (rng.chance(winChance)) {
            final Instant won = win(cursor, opportunity, amount, currency, newDealType());
            becomeCustomer(won);
        } else {
            events.dealLost(cursor, owner.repId(), opportunity, rng.pick(LOST_REASONS));
            if (rng.chance(0.5)) {
                changeStage(cursor.plusSeconds(rng.between(1, 48) * HOUR), Stage.DISQUALIFIED, owner.repId());
            }
        }
    }

    /** NEW is the default deal type; half the CRMs state it, half leave it out. */
    private DealType newDealType() {
        return rng.chance(0.5) ? DealType.NEW : null;
    }

    private Instant win(final Instant at, final String opportunity, final BigDecimal quoted, final String currency,
                        final DealType dealType) {
        final BigDecimal amount = money(quoted.doubleValue() * rng.uniform(0.85, 1.0), 10);
        final BigDecimal cost = rng.chance(0.6) ? money(amount.doubleValue() * rng.uniform(0.2, 0.55), 10) : null;
        events.dealWon(at, owner.repId(), opportunity, amount, cost, currency, dealType);
        return at;
    }

    /** After the first win: kick-off, an NPS answer, sometimes evangelism, expansion or churn. */
    private void becomeCustomer(final Instant won) {
        final Instant customer = won.plusSeconds(1);
        changeStage(customer, Stage.CUSTOMER, owner.repId());
        if (rng.chance(0.5)) {
            final Activity kickOff = rng.chance(0.6) ? Activity.MEETING : Activity.CALL;
            events.contacted(owner.afterWorkingTime(customer, rng.between(4, 20) * HOUR), owner.repId(), kickOff, false);
        }
        Instant latest = customer;
        Integer score = null;
        if (rng.chance(0.6)) {
            latest = customer.plusSeconds(rng.between(1, 5) * DAY + rng.between(0, 23) * HOUR);
            score = rng.weighted(NPS_WEIGHTS);
            events.npsResponse(latest, score);
        }
        final boolean unhappy = score != null && score <= 6;
        if (rng.chance(unhappy ? 0.5 : 0.05)) {
            events.churned(latest.plusSeconds(rng.between(2, 8) * DAY));
            return;
        }
        if (score != null && score >= 9 && rng.chance(0.4)) {
            changeStage(latest.plusSeconds(rng.between(2, 48) * HOUR), Stage.EVANGELIST, owner.repId());
        }
        if (rng.chance(0.2)) {
            expand(customer);
        }
    }

    /** A second deal with the same customer: an upsell, a cross-sell or an early renewal. */
    private void expand(final Instant customer) {
        final DealType type = EXPANSIONS.get(rng.weighted(EXPANSION_WEIGHTS));
        final double share = switch (type) {
            case UPSELL -> 0.4;
            case CROSS_SELL -> 0.5;
            default -> 0.9;
        };
        Instant cursor = owner.afterWorkingTime(customer, rng.between(10, 30) * HOUR);
        final String opportunity = ids.opportunity(arrival.number(), ++opportunities);
        final BigDecimal amount = dealSize(share);
        final String currency = currency();
        events.opportunityCreated(cursor, owner.repId(), opportunity, amount, currency);
        cursor = owner.afterWorkingTime(cursor, rng.between(4, (int) (2 * WORKING_DAY / HOUR)) * HOUR);
        if (rng.chance(type == DealType.RENEWAL ? 0.9 : 0.7)) {
            win(cursor, opportunity, amount, currency, type);
        } else {
            events.dealLost(cursor, owner.repId(), opportunity, rng.pick(LOST_REASONS));
        }
    }

    private void changeStage(final Instant at, final Stage newStage, final String repId) {
        stage = newStage;
        events.stageChanged(at, newStage, repId);
    }

    private void maybeOpened(final Instant sent, final double chance) {
        if (!rng.chance(chance)) {
            return;
        }
        opened = true;
        final Instant first = sent.plusSeconds(Math.max(MINUTE, Math.round(rng.logNormal(40 * MINUTE, 1.2))));
        events.emailOpened(first);
        if (rng.chance(0.35)) {
            // Interested readers come back to an e-mail; the tracking pixel fires again.
            events.emailOpened(first.plusSeconds(Math.max(MINUTE, Math.round(rng.logNormal(3 * HOUR, 1.0)))));
        }
    }

    private BigDecimal dealSize(final double share) {
        final double median = BASE_DEAL_SIZE * share * arrival.channel().dealSizeFactor()
                * arrival.region().dealSizeFactor();
        return money(Math.max(500, rng.logNormal(median, 0.6)), 50);
    }

    /** Amounts are in USD; most records leave the currency out, a few state it. */
    private String currency() {
        return rng.chance(0.1) ? "USD" : null;
    }

    /** Rounded to a multiple of {@code step}, at the schema's scale of 4. */
    private static BigDecimal money(final double value, final long step) {
        return BigDecimal.valueOf(Math.round(value / step) * step).setScale(4, RoundingMode.UNNECESSARY);
    }

    private static Instant latest(final Instant a, final Instant b) {
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
