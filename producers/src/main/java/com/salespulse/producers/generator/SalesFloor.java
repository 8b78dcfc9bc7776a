package com.salespulse.producers.generator;

import com.salespulse.events.Rep;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reps and teams of the simulated organisation. Team Tj sells in region j (cycling through the
 * configured regions) and rep Ri is in team T((i-1) mod k + 1). Paces are dealt evenly, in a
 * seeded order, so every floor has fast, steady and slow reps.
 */
final class SalesFloor {
    private static final long ROSTER_STREAM = 1;
    private static final List<String> FIRST_NAMES = List.of("Ada", "Bruno", "Chiara", "Dmitri", "Elena", "Farid",
            "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lucas", "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa",
            "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara");
    private static final List<String> LAST_NAMES = List.of("Almeida", "Becker", "Chen", "Dubois", "Eriksen",
            "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor",
            "Patel", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Walsh", "Yilmaz", "Zhang");

    private final List<RepProfile> reps;
    private final Map<String, List<RepProfile>> repsByRegion;

    SalesFloor(final GeneratorConfig config) {
        final Rng rng = Rng.of(config.seed(), ROSTER_STREAM, 0);
        final List<RepProfile.Pace> paces = dealPaces(config.repCount(), rng);
        final Map<String, Integer> seatsTaken = new LinkedHashMap<>();
        final List<RepProfile> all = new ArrayList<>();
        for (int i = 0; i < config.repCount(); i++) {
            final int team = i % config.teamCount();
            final String region = config.regions().get(team % config.regions().size());
            final int seat = seatsTaken.merge(region, 1, Integer::sum) - 1;
            final List<ZoneId> zones = RegionProfile.of(region).repZones();
            all.add(profile(i + 1, "T" + (team + 1), region, zones.get(seat % zones.size()), paces.get(i), rng));
        }
        this.reps = List.copyOf(all);
        final Map<String, List<RepProfile>> byRegion = new LinkedHashMap<>();
        for (final RepProfile rep : reps) {
            byRegion.computeIfAbsent(rep.region(), r -> new ArrayList<>()).add(rep);
        }
        this.repsByRegion = byRegion;
    }

    List<RepProfile> reps() {
        return reps;
    }

    List<Rep> roster() {
        return reps.stream().map(RepProfile::toRep).toList();
    }

    /** A rep who sells in {@code region}, or any rep when the region has none. */
    RepProfile ownerFor(final String region, final Rng rng) {
        return rng.pick(repsByRegion.getOrDefault(region, reps));
    }

    /** Another rep, from the same region when it has one. Returns {@code current} only on a one-rep floor. */
    RepProfile otherThan(final RepProfile current, final Rng rng) {
        final List<RepProfile> candidates = new ArrayList<>(repsByRegion.getOrDefault(current.region(), reps));
        candidates.remove(current);
        if (candidates.isEmpty()) {
            candidates.addAll(reps);
            candidates.remove(current);
        }
        return candidates.isEmpty() ? current : rng.pick(candidates);
    }

    private static List<RepProfile.Pace> dealPaces(final int count, final Rng rng) {
        final RepProfile.Pace[] values = RepProfile.Pace.values();
        final List<RepProfile.Pace> paces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paces.add(values[i % values.length]);
        }
        // Fisher-Yates with the roster's stream, so who is fast depends on the seed.
        for (int i = count - 1; i > 0; i--) {
            final int j = rng.between(0, i);
            final RepProfile.Pace swap = paces.get(i);
            paces.set(i, paces.get(j));
            paces.set(j, swap);
        }
        return paces;
    }

    private static RepProfile profile(final int number, final String teamId, final String region, final ZoneId zone,
                                      final RepProfile.Pace pace, final Rng rng) {
        final String name = FIRST_NAMES.get((number - 1) % FIRST_NAMES.size()) + " " + rng.pick(LAST_NAMES);
        final BigDecimal quota = BigDecimal.valueOf(60_000L + 5_000L * rng.between(0, 18)).setScale(4);
        final double median;
        final double neglect;
        switch (pace) {
            case FAST -> {
                median = rng.uniform(3, 12);
                neglect = rng.uniform(0.01, 0.03);
            }
            case STEADY -> {
                median = rng.uniform(30, 90);
                neglect = rng.uniform(0.03, 0.07);
            }
            default -> {
                median = rng.uniform(180, 420);
                neglect = rng.uniform(0.08, 0.15);
            }
        }
        return new RepProfile("R" + number, name, teamId, region, zone, quota, pace, median,
                rng.uniform(0.45, 0.85), neglect, rng.uniform(0.75, 1.25));
    }
}
