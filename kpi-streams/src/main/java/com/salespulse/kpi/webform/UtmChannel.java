package com.salespulse.kpi.webform;

import com.salespulse.kpi.catalog.Dimension;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The acquisition channel of a web-form lead, from the UTM parameters of the page it was on, in the channels the rest
 * of SalesPulse uses ({@code organic}, {@code paid}, {@code referral}, {@code outbound}, {@code event}) or
 * {@code unknown}. docs/ingestion.md has the table.
 *
 * <p>{@code utm_medium} decides. It is compared in lower case with everything but letters and digits taken out, so
 * {@code Paid-Social}, {@code paid_social} and {@code paidsocial} are one medium. Without a medium, {@code utm_source}
 * decides between organic (no source, or a search engine such as {@code google} or {@code www.bing.com}, which never
 * tags its links) and unknown (a tagged link
 * whose medium was left out could be anything, paid included).
 */
public final class UtmChannel {
    public static final String ORGANIC = "organic";
    public static final String PAID = "paid";
    public static final String REFERRAL = "referral";
    public static final String OUTBOUND = "outbound";
    public static final String EVENT = "event";
    public static final String UNKNOWN = Dimension.UNKNOWN;

    private static final Map<String, String> BY_MEDIUM = Map.ofEntries(
            Map.entry("cpc", PAID), Map.entry("ppc", PAID), Map.entry("paid", PAID), Map.entry("paidsearch", PAID),
            Map.entry("paidsocial", PAID), Map.entry("sem", PAID), Map.entry("display", PAID),
            Map.entry("banner", PAID), Map.entry("cpm", PAID), Map.entry("cpv", PAID),
            Map.entry("retargeting", PAID), Map.entry("remarketing", PAID),
            Map.entry("referral", REFERRAL), Map.entry("affiliate", REFERRAL), Map.entry("partner", REFERRAL),
            Map.entry("email", OUTBOUND), Map.entry("newsletter", OUTBOUND),
            Map.entry("event", EVENT), Map.entry("events", EVENT), Map.entry("conference", EVENT),
            Map.entry("tradeshow", EVENT), Map.entry("webinar", EVENT),
            Map.entry("organic", ORGANIC), Map.entry("seo", ORGANIC), Map.entry("social", ORGANIC),
            Map.entry("organicsocial", ORGANIC), Map.entry("none", ORGANIC), Map.entry("direct", ORGANIC));
    private static final Set<String> SEARCH_ENGINES = Set.of("google", "bing", "yahoo", "duckduckgo", "ecosia",
            "baidu", "yandex", "qwant", "brave", "startpage");

    private UtmChannel() {
    }

    /** The channel of {@code utmSource} and {@code utmMedium}, either of which may be null. */
    public static String of(final String utmSource, final String utmMedium) {
        final String medium = simplify(utmMedium);
        if (!medium.isEmpty()) {
            return BY_MEDIUM.getOrDefault(medium, UNKNOWN);
        }
        final String source = siteName(utmSource);
        return source.isEmpty() || SEARCH_ENGINES.contains(source) ? ORGANIC : UNKNOWN;
    }

    /** {@code www.Google.com} → {@code google}: sources are often host names. */
    private static String siteName(final String utmSource) {
        if (utmSource == null) {
            return "";
        }
        final String lower = utmSource.trim().toLowerCase(Locale.ROOT);
        final String host = lower.startsWith("www.") ? lower.substring("www.".length()) : lower;
        final int dot = host.indexOf('.');
        return simplify(dot < 0 ? host : host.substring(0, dot));
    }

    private static String simplify(final String value) {
        if (value == null) {
            return "";
        }
        final StringBuilder simple = new StringBuilder(value.length());
        value.toLowerCase(Locale.ROOT).codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(simple::appendCodePoint);
        return simple.toString();
    }
}
