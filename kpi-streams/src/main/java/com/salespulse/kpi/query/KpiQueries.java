package com.salespulse.kpi.query;

import com.salespulse.events.Rep;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.FirstResponseBands;
import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiValue;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.window.WindowSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The questions the HTTP API answers, over every instance's stores: a KPI's series of windows, a
 * leaderboard of one window, the first-response distribution, open SLA clocks, the roster. Values
 * are computed from bucket totals by the catalog's formulas, exactly as the pipeline computes the
 * values it publishes, so an answer equals the latest KpiChange of the same key.
 */
public final class KpiQueries {
    /** The most windows one series may span. */
    public static final int MAX_WINDOWS = 1_000;

    private final StoreRouter router;
    private final Duration grace;
    private final Clock clock;

    /**
     * @param grace the pipeline's grace for late events, by which its watermarks trail its event time
     */
    public KpiQueries(final StoreRouter router, final Duration grace, final Clock clock) {
        this.router = router;
        this.grace = grace;
        this.clock = clock;
    }

    /**
     * The moment "now" means to the API: the later of the wall clock and the pipeline's event time.
     * Live, they agree; when traffic runs ahead of the wall clock (a simulation at speed, a source
     * whose clock is fast), the current window is the one the events are in.
     */
    public Instant now() {
        final Instant wall = clock.instant();
        return router.local().eventTime(grace).filter(eventTime -> eventTime.isAfter(wall)).orElse(wall);
    }

    /** One window of a KPI's series. */
    public record Point(Instant windowStart, Instant windowEnd, Double value, double numerator, double denominator,
                       long revision) {
    }

    /** A KPI's windows overlapping [from, to) for one dimension member, oldest first; unpublished windows left out. */
    public record Series(String kpi, String unit, String dimension, String value, String window, Instant from,
                         Instant to, List<Point> points) {
    }

    /** One member's place on a leaderboard; {@code name} and {@code team} from the roster, for reps. */
    public record Entry(int rank, String member, String name, String team, Double value, double numerator,
                        double denominator, long revision) {
    }

    /** Every member of a dimension with the KPI published in one window. */
    public record Leaderboard(String kpi, String unit, String dimension, String window, Instant windowStart,
                              Instant windowEnd, List<Entry> entries) {
    }

    /** Leads whose first response fell in a band; {@code upToSeconds} exclusive, null for the last band. */
    public record BandCount(String label, Long upToSeconds, long leads) {
    }

    /** How quickly leads got their first human response, in one window of one dimension member. */
    public record Distribution(String dimension, String value, String window, Instant windowStart, Instant windowEnd,
                               List<BandCount> bands) {
    }

    /** A lead waiting for its first human response after an SLA alert. */
    public record OpenAlert(String leadId, String status, String policy, String repId, String team, String region,
                            Instant createdAt, Instant deadline, long waitedSeconds) {
    }

    /** One rep of the roster. */
    public record RosterEntry(String repId, String name, String team, String region) {
    }

    public Series series(final Kpi kpi, final Dimension dimension, final String value, final WindowSpec window,
                         final Instant from, final Instant to) {
        requirePublished(kpi, dimension, window);
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("from must be before to");
        }
        final List<Long> starts = new ArrayList<>();
        for (long start = window.startOf(from.toEpochMilli()); start < to.toEpochMilli(); start = window.endOf(start)) {
            if (starts.size() == MAX_WINDOWS) {
                throw new InvalidQueryException("from .. to spans more than " + MAX_WINDOWS + " " + window.name()
                        + " windows; ask for a shorter range or a longer window");
            }
            starts.add(start);
        }
        final List<String> keys = starts.stream()
                .map(start -> new BucketKey(dimension, value, window.name(), start).encode()).toList();
        final Map<String, BucketSnapshot> found = router.byKeys(StoreReader.BUCKETS, keys).stream()
                .collect(Collectors.toMap(BucketSnapshot::key, Function.identity()));
        final List<Point> points = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            final BucketSnapshot bucket = found.get(keys.get(i));
            if (bucket != null && bucket.revisions().containsKey(kpi.name())) {
                final KpiValue current = kpi.valueOf(bucket.measures());
                points.add(new Point(Instant.ofEpochMilli(starts.get(i)), Instant.ofEpochMilli(window.endOf(starts.get(i))),
                        current.value(), current.numerator(), current.denominator(), bucket.revisions().get(kpi.name())));
            }
        }
        return new Series(kpi.name(), kpi.unit(), dimension.label(), value, window.name(), from, to, points);
    }

    /**
     * @param team      keeps reps of this team only (null for all); only for the rep dimension
     * @param ascending lowest value first (e.g. response times) instead of highest
     */
    public Leaderboard leaderboard(final Kpi kpi, final Dimension dimension, final WindowSpec window, final Instant at,
                                   final String team, final boolean ascending, final int limit) {
        requirePublished(kpi, dimension, window);
        if (team != null && dimension != Dimension.REP) {
            throw new InvalidQueryException("team filters the rep leaderboard only");
        }
        final long start = window.startOf(at.toEpochMilli());
        final String prefix = window.name() + '|' + start + '|' + dimension.label() + '|';
        final Map<String, Rep> roster = dimension == Dimension.REP ? router.local().roster() : Map.of();
        final Comparator<Double> byValue = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        final List<BucketSnapshot> members = router.byPrefix(StoreReader.BUCKETS, prefix).stream()
                .filter(bucket -> bucket.revisions().containsKey(kpi.name()))
                .filter(bucket -> team == null || roster.containsKey(bucket.bucket().value())
                        && team.equals(roster.get(bucket.bucket().value()).getTeamId()))
                .sorted(Comparator.comparing((BucketSnapshot bucket) -> kpi.valueOf(bucket.measures()).value(),
                                Comparator.nullsLast(byValue))
                        .thenComparing(bucket -> bucket.bucket().value()))
                .limit(limit)
                .toList();
        final List<Entry> entries = new ArrayList<>();
        for (final BucketSnapshot bucket : members) {
            final String member = bucket.bucket().value();
            final KpiValue current = kpi.valueOf(bucket.measures());
            final Rep rep = roster.get(member);
            entries.add(new Entry(entries.size() + 1, member, rep == null ? null : rep.getName(),
                    rep == null ? null : rep.getTeamId(), current.value(), current.numerator(), current.denominator(),
                    bucket.revisions().get(kpi.name())));
        }
        return new Leaderboard(kpi.name(), kpi.unit(), dimension.label(), window.name(), Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(window.endOf(start)), entries);
    }

    public Distribution firstResponses(final Dimension dimension, final String value, final WindowSpec window,
                                       final Instant at) {
        final long start = window.startOf(at.toEpochMilli());
        final Measures totals = router.byKeys(StoreReader.BUCKETS,
                        List.of(new BucketKey(dimension, value, window.name(), start).encode())).stream()
                .findFirst().map(BucketSnapshot::measures).orElseGet(Measures::new);
        final List<BandCount> bands = FirstResponseBands.all().stream()
                .map(band -> new BandCount(band.label(), band.upToSeconds(), totals.get(band.measure()))).toList();
        return new Distribution(dimension.label(), value, window.name(), Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(window.endOf(start)), bands);
    }

    /**
     * @param statuses AT_RISK, BREACHED and/or ESCALATED
     * @param team     the owner's team, or null for all
     * @param region   the lead's region, or null for all
     */
    public List<OpenAlert> openAlerts(final Set<String> statuses, final String team, final String region,
                                      final Instant now) {
        final Map<String, Rep> roster = router.local().roster();
        return router.byPrefix(StoreReader.OPEN_CLOCKS, "").stream()
                .filter(clock -> statuses.contains(clock.status()))
                .map(clock -> {
                    final Rep owner = clock.repId() == null ? null : roster.get(clock.repId());
                    return new OpenAlert(clock.leadId(), clock.status(), clock.policy(), clock.repId(),
                            owner == null ? null : owner.getTeamId(), clock.region(), clock.created(), clock.deadline(),
                            Math.max(0, Duration.between(clock.created(), now).toSeconds()));
                })
                .filter(alert -> team == null || team.equals(alert.team()))
                .filter(alert -> region == null || region.equals(alert.region()))
                .sorted(Comparator.comparing(OpenAlert::createdAt).thenComparing(OpenAlert::leadId))
                .toList();
    }

    public List<RosterEntry> roster() {
        return router.local().roster().values().stream()
                .map(rep -> new RosterEntry(rep.getRepId(), rep.getName(), rep.getTeamId(), rep.getRegion()))
                .toList();
    }

    private static void requirePublished(final Kpi kpi, final Dimension dimension, final WindowSpec window) {
        if (!kpi.appliesTo(dimension, window.name())) {
            throw new InvalidQueryException(kpi.name() + " is published for dimensions " + kpi.dimensions().stream()
                    .map(Dimension::label).toList() + (kpi.windows().isEmpty() ? "" : " in windows " + kpi.windows())
                    + ", not for " + dimension.label() + " in " + window.name());
        }
    }
}
