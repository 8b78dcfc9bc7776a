package com.salespulse.app.replay;

import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.validation.InvalidRecordException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The core KPIs (first_response_time, the reply rates, the stage shares) in every window, computed
 * the way a person would from KPIS.md, written independently of the
 * pipeline: read every valid event, take each lead's events in file order (the importer keeps a
 * lead's order), work out each lead's final state, and count. No deltas, no buckets, no streams.
 * Keys are those of sales.kpi-changes: {@code kpi|dimension|value|window|windowStart}.
 */
final class ReferenceKpis {

    /** Numerator and denominator of one KPI in one bucket. */
    record Ratio(double numerator, double denominator) {
        Ratio plus(final double addNumerator, final double addDenominator) {
            return new Ratio(numerator + addNumerator, denominator + addDenominator);
        }
    }

    private ReferenceKpis() {
    }

    static Map<String, Ratio> compute(final Path eventsFile, final Path rosterFile) throws IOException {
        final Map<String, String> teamOfRep = new HashMap<>();
        for (final String line : Files.readAllLines(rosterFile)) {
            if (!line.isBlank()) {
                final Rep rep = RepJson.parse(line);
                teamOfRep.put(rep.getRepId(), rep.getTeamId());
            }
        }
        final Map<String, List<SalesEvent>> byLead = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(eventsFile)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                final SalesEvent event = SalesEventJson.parse(line);
                if (event.getLeadId() != null) {
                    byLead.computeIfAbsent(event.getLeadId(), lead -> new ArrayList<>()).add(event);
                }
            } catch (final InvalidRecordException rejected) {
                // The pipeline dead-letters it; it counts for nothing.
            }
        }
        final Map<String, Ratio> kpis = new TreeMap<>();
        byLead.values().forEach(events -> countLead(events, teamOfRep, kpis));
        return kpis;
    }

    private static void countLead(final List<SalesEvent> events, final Map<String, String> teamOfRep,
                                  final Map<String, Ratio> kpis) {
        SalesEvent created = null;
        String assigned = null;
        Stage changedStage = null;
        SalesEvent firstHumanTouch = null;
        boolean createdBeforeFirstTouch = false;
        Sentiment decisive = null;
        for (final SalesEvent event : events) {
            if (event.getType() == EventType.LEAD_CREATED && created == null) {
                created = event;
            } else if (event.getType() == EventType.LEAD_ASSIGNED) {
                assigned = event.getRepId();
            } else if (event.getType() == EventType.LEAD_STAGE_CHANGED) {
                changedStage = event.getStage();
            } else if (event.getType() == EventType.LEAD_CONTACTED && !event.getAutomated() && firstHumanTouch == null) {
                firstHumanTouch = event;
                createdBeforeFirstTouch = created != null;
            } else if (event.getType() == EventType.LEAD_REPLIED && event.getSentiment() != Sentiment.NEUTRAL
                    && decisive == null) {
                decisive = event.getSentiment();
            }
        }

        // first_response_time: at the first human touch, if the lead was created before it arrived and it is not earlier
        if (firstHumanTouch != null && createdBeforeFirstTouch) {
            final long millis = Duration.between(created.getOccurredAt(), firstHumanTouch.getOccurredAt()).toMillis();
            if (millis >= 0) {
                final String rep = firstHumanTouch.getRepId();
                add(kpis, "first_response_time", firstHumanTouch.getOccurredAt(), created.getRegion(), created.getChannel(),
                        teamOf(teamOfRep, rep), rep, millis / 1000.0, 1);
            }
        }
        if (created == null) {
            return;
        }
        // Cohort KPIs: the lead's final state, in its creation window, for its current owner
        final String owner = assigned != null ? assigned : created.getRepId();
        final String rep = owner == null ? "unassigned" : owner;
        final String team = teamOf(teamOfRep, owner);
        final Stage stage = changedStage != null ? changedStage : created.getStage() != null ? created.getStage() : Stage.LEAD;
        final Instant at = created.getOccurredAt();
        for (final Stage each : Stage.values()) {
            add(kpis, "lead_stage_share." + each.name().toLowerCase(Locale.ROOT), at, created.getRegion(),
                    created.getChannel(), team, rep, each == stage ? 1 : 0, 1);
        }
        if (firstHumanTouch != null) {
            add(kpis, "positive_reply_rate", at, created.getRegion(), created.getChannel(), team, rep,
                    decisive == Sentiment.POSITIVE ? 1 : 0, 1);
            add(kpis, "negative_reply_rate", at, created.getRegion(), created.getChannel(), team, rep,
                    decisive == Sentiment.NEGATIVE ? 1 : 0, 1);
        }
    }

    /** The start of each window holding {@code at}: fixed ones on the UTC epoch, calendar ones in UTC (the default zone). */
    private static Map<String, Long> windowStarts(final Instant at) {
        final long epochMillis = at.toEpochMilli();
        final LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        final LocalDate month = day.withDayOfMonth(1);
        return Map.of(
                "PT1H", epochMillis - Math.floorMod(epochMillis, Duration.ofHours(1).toMillis()),
                "P1D", epochMillis - Math.floorMod(epochMillis, Duration.ofDays(1).toMillis()),
                "day", startOf(day),
                "week", startOf(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                "month", startOf(month),
                "quarter", startOf(month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1)));
    }

    private static long startOf(final LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The KPIs this reference computes. */
    static boolean isCovered(final String kpi) {
        return kpi.equals("first_response_time") || kpi.endsWith("_reply_rate") || kpi.startsWith("lead_stage_share.");
    }

    private static String teamOf(final Map<String, String> teamOfRep, final String rep) {
        final String team = rep == null ? null : teamOfRep.get(rep);
        return team == null ? "unassigned" : team;
    }

    private static void add(final Map<String, Ratio> kpis, final String kpi, final Instant at, final String region,
                            final String channel, final String team, final String rep, final double numerator,
                            final double denominator) {
        final String[][] members = {{"org", "all"}, {"region", region == null ? "unknown" : region},
                {"channel", channel == null ? "unknown" : channel}, {"team", team}, {"rep", rep == null ? "unassigned" : rep}};
        final Map<String, Long> windowStarts = windowStarts(at);
        for (final String[] member : members) {
            windowStarts.forEach((window, start) -> kpis.merge(
                    kpi + '|' + member[0] + '|' + member[1] + '|' + window + '|' + Instant.ofEpochMilli(start),
                    new Ratio(numerator, denominator), (old, added) -> old.plus(added.numerator(), added.denominator())));
        }
    }
}
