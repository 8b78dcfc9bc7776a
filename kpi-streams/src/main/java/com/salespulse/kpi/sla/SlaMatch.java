package com.salespulse.kpi.sla;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which leads an SLA policy is for: every field that is not empty must match (channel AND source
 * AND ...), and matches when the lead's value is one of the listed ones (compared without regard to
 * case). An empty match takes every lead.
 *
 * @param channels channels from LEAD_CREATED, e.g. {@code paid}
 * @param sources  sources from LEAD_CREATED: {@code CRM}, {@code WEB_FORM}, {@code IMPORT}
 * @param teams    the roster team of the lead's owner when it was created
 * @param regions  regions from LEAD_CREATED, e.g. {@code EMEA}
 */
public record SlaMatch(Set<String> channels, Set<String> sources, Set<String> teams, Set<String> regions) {

    public static final SlaMatch ANY = new SlaMatch(Set.of(), Set.of(), Set.of(), Set.of());

    public SlaMatch {
        channels = normalised(channels);
        sources = normalised(sources);
        teams = normalised(teams);
        regions = normalised(regions);
    }

    /** True when the lead, described by its values (each may be null), is one this match takes. */
    public boolean matches(final String channel, final String source, final String team, final String region) {
        return accepts(channels, channel) && accepts(sources, source) && accepts(teams, team) && accepts(regions, region);
    }

    private static boolean accepts(final Set<String> allowed, final String value) {
        return allowed.isEmpty() || value != null && allowed.contains(value.toLowerCase(Locale.ROOT));
    }

    private static Set<String> normalised(final Set<String> values) {
        return values == null ? Set.of()
                : values.stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
