package com.salespulse.app.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading for tests of the dashboard: which metric names a query selects. */
public final class PromQl {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** An identifier that is not part of a number, a duration or a Grafana variable ({@code $__rate_interval}). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "atan2", "inf", "nan");

    private PromQl() {
    }

    /**
     * The metric names {@code query} selects: its identifiers less functions and aggregations (followed by
     * a parenthesis), keywords, label names and values, and ranges.
     */
    public static Set<String> metricNames(final String query) {
        String rest = STRINGS.matcher(query).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        final Set<String> names = new TreeSet<>();
        final Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            final String name = identifier.group();
            final boolean isCall = rest.substring(identifier.end()).matches("(?s)\\s*\\(.*");
            if (!isCall && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
