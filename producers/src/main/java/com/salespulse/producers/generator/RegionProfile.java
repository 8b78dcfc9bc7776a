package com.salespulse.producers.generator;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * How a sales region behaves: its share of inbound leads, the time zone its buyers keep office
 * hours in, the zones its reps sit in, and how large its deals run.
 */
record RegionProfile(String name, double leadWeight, ZoneId buyerZone, List<ZoneId> repZones, double dealSizeFactor) {

    private static final Map<String, RegionProfile> KNOWN = Map.of(
            "EMEA", new RegionProfile("EMEA", 0.34, zone("Europe/Berlin"),
                    zones("Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid"), 1.0),
            "NA", new RegionProfile("NA", 0.36, zone("America/Chicago"),
                    zones("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"), 1.2),
            "APAC", new RegionProfile("APAC", 0.18, zone("Asia/Singapore"),
                    zones("Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata"), 0.9),
            "LATAM", new RegionProfile("LATAM", 0.12, zone("America/Sao_Paulo"),
                    zones("America/Sao_Paulo", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"),
                    0.65));

    /** The profile of a known region, or a neutral one (UTC office hours) for any other name. */
    static RegionProfile of(final String name) {
        final RegionProfile known = KNOWN.get(name);
        return known != null ? known : new RegionProfile(name, 0.2, ZoneId.of("UTC"), List.of(ZoneId.of("UTC")), 1.0);
    }

    private static ZoneId zone(final String id) {
        return ZoneId.of(id);
    }

    private static List<ZoneId> zones(final String... ids) {
        return List.of(ids).stream().map(ZoneId::of).toList();
    }
}
