package com.salespulse.kpi.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA engine's settings: the policies in the order they are tried, when leads are at risk, and
 * how the timers run.
 *
 * @param policies          tried in order; the first whose match takes a lead sets its targets. A lead no
 *                          policy takes has no SLA.
 * @param atRiskFractions   fractions of the target (0 &lt; f &lt; 1, ascending) at which {@code SLA_AT_RISK} is raised
 * @param checkInterval     how often the deadline index is scanned on the wall clock; an alert comes at most
 *                          this long (plus a commit interval) after its moment
 * @param inputLagTolerance while a partition receives input whose event time is more than this behind the wall
 *                          clock (a backlog after a restart, a replay), deadlines are judged on the input's event
 *                          time rather than on the wall clock, so that a touch still waiting in the backlog is
 *                          seen before its lead is declared breached
 * @param retention         how long a lead's SLA state is kept after its last alert or its first human touch
 */
public record SlaSettings(List<SlaPolicy> policies, List<Double> atRiskFractions, Duration checkInterval,
                          Duration inputLagTolerance, Duration retention) {

    public static final List<Double> DEFAULT_AT_RISK = List.of(0.5, 0.75, 0.9);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_INPUT_LAG_TOLERANCE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** The calendar policies use when they name none: Monday to Friday, 09:00–18:00. */
    public static final String BUSINESS_HOURS = "business-hours";
    /** A calendar that is always open. */
    public static final String ALWAYS = "always";

    public SlaSettings {
        policies = List.copyOf(policies);
        atRiskFractions = List.copyOf(atRiskFractions);
        double previous = 0;
        for (final double fraction : atRiskFractions) {
            if (!(fraction > previous && fraction < 1)) {
                throw new IllegalArgumentException("at-risk fractions must ascend strictly between 0 and 1: "
                        + atRiskFractions);
            }
            previous = fraction;
        }
        if (policies.stream().map(SlaPolicy::name).distinct().count() != policies.size()) {
            throw new IllegalArgumentException("SLA policy names must be unique");
        }
        positive(checkInterval, "check interval");
        positive(inputLagTolerance, "input lag tolerance");
        positive(retention, "retention");
    }

    private static void positive(final Duration duration, final String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("SLA " + what + " must be a positive duration");
        }
    }

    /** The calendar default policies use: Monday to Friday, 09:00–18:00 in {@code zone}. */
    public static BusinessCalendar businessHours(final ZoneId zone) {
        return BusinessCalendar.weekdays(BUSINESS_HOURS, zone,
                new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)), Set.of());
    }

    /**
     * Web-form leads within 5 minutes (escalated after 30), every other lead within an hour (escalated
     * after 4), Monday to Friday 09:00–18:00 in {@code zone}; at risk at 50, 75 and 90 %.
     */
    public static SlaSettings defaults(final ZoneId zone) {
        final BusinessCalendar hours = businessHours(zone);
        return new SlaSettings(List.of(
                new SlaPolicy("web-form", new SlaMatch(Set.of(), Set.of("WEB_FORM"), Set.of(), Set.of()),
                        Duration.ofMinutes(5), Duration.ofMinutes(30), hours),
                new SlaPolicy("default", SlaMatch.ANY, Duration.ofHours(1), Duration.ofHours(4), hours)),
                DEFAULT_AT_RISK, DEFAULT_CHECK_INTERVAL, DEFAULT_INPUT_LAG_TOLERANCE, DEFAULT_RETENTION);
    }

    /** The first policy that takes a lead with these values (each may be null). */
    public Optional<SlaPolicy> policyFor(final String channel, final String source, final String team, final String region) {
        return policies.stream().filter(policy -> policy.match().matches(channel, source, team, region)).findFirst();
    }

    /** The policy of that name, if it is still configured. */
    public Optional<SlaPolicy> policy(final String name) {
        return policies.stream().filter(policy -> policy.name().equals(name)).findFirst();
    }
}
