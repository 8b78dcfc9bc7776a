package com.salespulse.kpi.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A first-response target: the leads it is for, how much business time they may wait for their
 * first human touch, an optional longer escalation target, and the calendar both are counted in.
 *
 * @param name       names the policy in alerts and in the lead's SLA state
 * @param match      the leads it is for
 * @param target     business time to the first human touch; the deadline is {@code created + target} in the calendar
 * @param escalation business time after which an untouched lead is escalated (level 1); null for none
 * @param calendar   business hours the targets are counted in
 */
public record SlaPolicy(String name, SlaMatch match, Duration target, Duration escalation, BusinessCalendar calendar) {

    public SlaPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(calendar, "calendar");
        if (target == null || target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("SLA policy " + name + ": target must be a positive duration");
        }
        if (escalation != null && escalation.compareTo(target) <= 0) {
            throw new IllegalArgumentException("SLA policy " + name + ": escalation must be longer than the target");
        }
    }

    /** When a lead created at {@code createdAt} is due. */
    public Instant deadline(final Instant createdAt) {
        return calendar.plus(createdAt, target);
    }

    /** When the lead reaches {@code fraction} of its target (0.5 is halfway, in business time). */
    public Instant atFraction(final Instant createdAt, final double fraction) {
        return calendar.plus(createdAt, Duration.ofMillis(Math.round(target.toMillis() * fraction)));
    }

    /** When an untouched lead is escalated, or null when the policy has no escalation. */
    public Instant escalationDeadline(final Instant createdAt) {
        return escalation == null ? null : calendar.plus(createdAt, escalation);
    }
}
