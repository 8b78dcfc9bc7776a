package com.salespulse.producers.generator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What the synthetic sales floor looks like. The same config always produces the same roster and
 * the same events.
 *
 * @param seed           seeds every random choice
 * @param leadCount      leads created by {@link CrmGenerator#events()}
 * @param start          simulated time of the first possible arrival (default a Monday, 00:00 UTC)
 * @param repCount       reps R1..Rn
 * @param teamCount      teams T1..Tk; team Tj sells in region j (cycling through {@code regions})
 * @param regions        sales regions of leads and reps
 * @param channels       acquisition channels of leads and of the daily campaign spend
 * @param leadsPerDay    mean arrivals on a weekday; sets how many simulated days the leads span
 * @param malformedLines bad lines {@link JsonLinesWriter} mixes into an events file
 */
public record GeneratorConfig(long seed, int leadCount, Instant start, int repCount, int teamCount,
                              List<String> regions, List<String> channels, int leadsPerDay, int malformedLines) {

    /** Monday 2 November 2026, 00:00 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-02T00:00:00Z");
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_LEADS = 3_000;
    public static final int DEFAULT_REPS = 12;
    public static final int DEFAULT_TEAMS = 4;
    public static final int DEFAULT_LEADS_PER_DAY = 1_000;
    public static final List<String> DEFAULT_REGIONS = List.of("EMEA", "NA", "APAC", "LATAM");
    public static final List<String> DEFAULT_CHANNELS = List.of("organic", "paid", "referral", "outbound", "event");

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        regions = List.copyOf(regions);
        channels = List.copyOf(channels);
        if (leadCount < 0) {
            throw new IllegalArgumentException("leadCount must be >= 0");
        }
        if (repCount < 1) {
            throw new IllegalArgumentException("repCount must be >= 1");
        }
        if (teamCount < 1 || teamCount > repCount) {
            throw new IllegalArgumentException("teamCount must be between 1 and repCount");
        }
        if (regions.isEmpty() || channels.isEmpty()) {
            throw new IllegalArgumentException("regions and channels must not be empty");
        }
        if (leadsPerDay < 1) {
            throw new IllegalArgumentException("leadsPerDay must be >= 1");
        }
        if (malformedLines < 0) {
            throw new IllegalArgumentException("malformedLines must be >= 0");
        }
        // Events carry timestamp-millis; a finer start would not survive a round trip.
        start = start.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Seed 42, 3,000 leads, the default floor. */
    public static GeneratorConfig defaults() {
        return of(DEFAULT_SEED, DEFAULT_LEADS);
    }

    /** The default floor (12 reps in 4 teams, 4 regions, 5 channels, from {@link #DEFAULT_START}). */
    public static GeneratorConfig of(final long seed, final int leadCount) {
        return new GeneratorConfig(seed, leadCount, DEFAULT_START, DEFAULT_REPS, DEFAULT_TEAMS, DEFAULT_REGIONS,
                DEFAULT_CHANNELS, DEFAULT_LEADS_PER_DAY, 0);
    }

    public GeneratorConfig withSeed(final long newSeed) {
        return new GeneratorConfig(newSeed, leadCount, start, repCount, teamCount, regions, channels, leadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withLeadCount(final int newLeadCount) {
        return new GeneratorConfig(seed, newLeadCount, start, repCount, teamCount, regions, channels, leadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withStart(final Instant newStart) {
        return new GeneratorConfig(seed, leadCount, newStart, repCount, teamCount, regions, channels, leadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withReps(final int newRepCount, final int newTeamCount) {
        return new GeneratorConfig(seed, leadCount, start, newRepCount, newTeamCount, regions, channels, leadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withRegions(final List<String> newRegions) {
        return new GeneratorConfig(seed, leadCount, start, repCount, teamCount, newRegions, channels, leadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withChannels(final List<String> newChannels) {
        return new GeneratorConfig(seed, leadCount, start, repCount, teamCount, regions, newChannels, leadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withLeadsPerDay(final int newLeadsPerDay) {
        return new GeneratorConfig(seed, leadCount, start, repCount, teamCount, regions, channels, newLeadsPerDay,
                malformedLines);
    }

    public GeneratorConfig withMalformedLines(final int newMalformedLines) {
        return new GeneratorConfig(seed, leadCount, start, repCount, teamCount, regions, channels, leadsPerDay,
                newMalformedLines);
    }
}
