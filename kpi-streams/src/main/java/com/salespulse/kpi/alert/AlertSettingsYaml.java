package com.salespulse.kpi.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.salespulse.kpi.sla.BusinessCalendar;
import com.salespulse.kpi.sla.SlaMatch;
import com.salespulse.kpi.sla.SlaPolicy;
import com.salespulse.kpi.sla.SlaSettings;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the alert settings YAML (docs/alerts.md). Every entry is checked, unknown keys included, and
 * an error names the file and the path of the entry ({@code sla.policies[1].target}), so that a typo
 * fails the start instead of silently turning an SLA off.
 */
final class AlertSettingsYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    private final ZoneId defaultZone;
    private final String source;

    AlertSettingsYaml(final ZoneId defaultZone, final String source) {
        this.defaultZone = defaultZone;
        this.source = source;
    }

    AlertSettings parse(final String yaml) {
        final JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid YAML at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return AlertSettings.defaults(defaultZone);
        }
        object(root, "(top level)", Set.of("calendars", "sla", "kpiRules"));
        final Map<String, BusinessCalendar> calendars = calendars(root.get("calendars"));
        final SlaSettings sla = sla(root.get("sla"), calendars);
        final List<KpiRule> rules = root.has("kpiRules") ? rules(root.get("kpiRules")) : AlertSettings.defaultRules();
        try {
            return new AlertSettings(sla, rules);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private Map<String, BusinessCalendar> calendars(final JsonNode node) {
        final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        calendars.put(SlaSettings.BUSINESS_HOURS, SlaSettings.businessHours(defaultZone));
        calendars.put(SlaSettings.ALWAYS, BusinessCalendar.alwaysOpen(SlaSettings.ALWAYS, defaultZone));
        if (node == null || node.isNull()) {
            return calendars;
        }
        object(node, "calendars", null);
        final Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            calendars.put(entry.getKey(), calendar(entry.getKey(), entry.getValue(), "calendars." + entry.getKey()));
        }
        return calendars;
    }

    private BusinessCalendar calendar(final String name, final JsonNode node, final String path) {
        object(node, path, Set.of("zone", "hours", "holidays"));
        final ZoneId zone = node.has("zone") ? zone(text(node.get("zone"), path + ".zone"), path + ".zone") : defaultZone;
        final JsonNode hours = node.get("hours");
        if (hours == null) {
            throw error(path + ".hours", "is missing");
        }
        final Set<LocalDate> holidays = holidays(node.get("holidays"), path + ".holidays");
        if (hours.isTextual() && "24/7".equals(hours.asText().trim())) {
            return new BusinessCalendar(name, zone, alwaysOpen(), holidays);
        }
        object(hours, path + ".hours", null);
        final Map<DayOfWeek, List<BusinessCalendar.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        final Iterator<Map.Entry<String, JsonNode>> days = hours.fields();
        while (days.hasNext()) {
            final Map.Entry<String, JsonNode> day = days.next();
            final String dayPath = path + ".hours." + day.getKey();
            final List<BusinessCalendar.Hours> ranges = new ArrayList<>();
            for (final String range : texts(day.getValue(), dayPath)) {
                try {
                    ranges.add(BusinessCalendar.Hours.parse(range));
                } catch (final IllegalArgumentException e) {
                    throw error(dayPath, e.getMessage());
                }
            }
            for (final DayOfWeek dayOfWeek : days(day.getKey(), dayPath)) {
                weekly.computeIfAbsent(dayOfWeek, d -> new ArrayList<>()).addAll(ranges);
            }
        }
        try {
            return new BusinessCalendar(name, zone, weekly, holidays);
        } catch (final IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private static Map<DayOfWeek, List<BusinessCalendar.Hours>> alwaysOpen() {
        final Map<DayOfWeek, List<BusinessCalendar.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        for (final DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day, List.of(BusinessCalendar.Hours.WHOLE_DAY));
        }
        return weekly;
    }

    /** {@code mon}, {@code monday}, {@code mon-fri} (wrapping: {@code fri-mon}), {@code daily}, {@code weekdays}, {@code weekends}. */
    private List<DayOfWeek> days(final String spec, final String path) {
        final String key = spec.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "daily":
                return List.of(DayOfWeek.values());
            case "weekdays":
                return range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case "weekends":
                return List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            default:
                break;
        }
        final String[] ends = key.split("\\s*-\\s*");
        if (ends.length == 1 && DAY_NAMES.containsKey(ends[0])) {
            return List.of(DAY_NAMES.get(ends[0]));
        }
        if (ends.length == 2 && DAY_NAMES.containsKey(ends[0]) && DAY_NAMES.containsKey(ends[1])) {
            return range(DAY_NAMES.get(ends[0]), DAY_NAMES.get(ends[1]));
        }
        throw error(path, "is not a day (mon, monday), a range of days (mon-fri), daily, weekdays or weekends");
    }

    private static List<DayOfWeek> range(final DayOfWeek from, final DayOfWeek to) {
        final List<DayOfWeek> days = new ArrayList<>();
        DayOfWeek day = from;
        days.add(day);
        while (day != to) {
            day = day.plus(1);
            days.add(day);
        }
        return days;
    }

    private Set<LocalDate> holidays(final JsonNode node, final String path) {
        final Set<LocalDate> holidays = new HashSet<>();
        if (node == null || node.isNull()) {
            return holidays;
        }
        for (final String date : texts(node, path)) {
            try {
                holidays.add(LocalDate.parse(date));
            } catch (final DateTimeParseException e) {
                throw error(path, "'" + date + "' is not a date like 2026-12-24");
            }
        }
        return holidays;
    }

    private SlaSettings sla(final JsonNode node, final Map<String, BusinessCalendar> calendars) {
        final SlaSettings defaults = SlaSettings.defaults(defaultZone);
        if (node == null || node.isNull()) {
            return new SlaSettings(defaultPolicies(defaults, calendars), defaults.atRiskFractions(),
                    defaults.checkInterval(), defaults.inputLagTolerance(), defaults.retention());
        }
        object(node, "sla", Set.of("atRisk", "checkInterval", "inputLagTolerance", "retention", "policies"));
        final List<Double> atRisk = new ArrayList<>();
        if (node.has("atRisk")) {
            final JsonNode fractions = node.get("atRisk");
            if (!fractions.isArray()) {
                throw error("sla.atRisk", "must be a list of fractions such as [0.5, 0.75, 0.9]");
            }
            for (final JsonNode fraction : fractions) {
                if (!fraction.isNumber()) {
                    throw error("sla.atRisk", "must be a list of fractions such as [0.5, 0.75, 0.9]");
                }
                atRisk.add(fraction.asDouble());
            }
        } else {
            atRisk.addAll(defaults.atRiskFractions());
        }
        final List<SlaPolicy> policies = node.has("policies")
                ? policies(node.get("policies"), calendars) : defaultPolicies(defaults, calendars);
        try {
            return new SlaSettings(policies, atRisk,
                    duration(node.get("checkInterval"), "sla.checkInterval", defaults.checkInterval()),
                    duration(node.get("inputLagTolerance"), "sla.inputLagTolerance", defaults.inputLagTolerance()),
                    duration(node.get("retention"), "sla.retention", defaults.retention()));
        } catch (final IllegalArgumentException e) {
            throw error("sla", e.getMessage());
        }
    }

    /** The default policies, in the {@code business-hours} calendar as the file may have redefined it. */
    private static List<SlaPolicy> defaultPolicies(final SlaSettings defaults, final Map<String, BusinessCalendar> calendars) {
        return defaults.policies().stream().map(policy -> new SlaPolicy(policy.name(), policy.match(), policy.target(),
                policy.escalation(), calendars.get(SlaSettings.BUSINESS_HOURS))).toList();
    }

    private List<SlaPolicy> policies(final JsonNode node, final Map<String, BusinessCalendar> calendars) {
        if (!node.isArray()) {
            throw error("sla.policies", "must be a list of policies");
        }
        final List<SlaPolicy> policies = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            final String path = "sla.policies[" + i + "]";
            final JsonNode policy = node.get(i);
            object(policy, path, Set.of("name", "match", "target", "escalation", "calendar"));
            final String name = required(policy, "name", path);
            final String calendarName = policy.has("calendar")
                    ? text(policy.get("calendar"), path + ".calendar") : SlaSettings.BUSINESS_HOURS;
            final BusinessCalendar calendar = calendars.get(calendarName);
            if (calendar == null) {
                throw error(path + ".calendar", "names no calendar: " + calendarName);
            }
            if (!policy.has("target")) {
                throw error(path + ".target", "is missing");
            }
            try {
                policies.add(new SlaPolicy(name, match(policy.get("match"), path + ".match"),
                        duration(policy.get("target"), path + ".target", null),
                        duration(policy.get("escalation"), path + ".escalation", null), calendar));
            } catch (final IllegalArgumentException e) {
                throw e.getMessage().startsWith(source) ? e : error(path, e.getMessage());
            }
        }
        return policies;
    }

    private SlaMatch match(final JsonNode node, final String path) {
        if (node == null || node.isNull()) {
            return SlaMatch.ANY;
        }
        object(node, path, Set.of("channel", "source", "team", "region"));
        return new SlaMatch(values(node.get("channel"), path + ".channel"), values(node.get("source"), path + ".source"),
                values(node.get("team"), path + ".team"), values(node.get("region"), path + ".region"));
    }

    private Set<String> values(final JsonNode node, final String path) {
        return node == null || node.isNull() ? Set.of() : new LinkedHashSet<>(texts(node, path));
    }

    private List<KpiRule> rules(final JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("kpiRules", "must be a list of rules");
        }
        final List<KpiRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            final String path = "kpiRules[" + i + "]";
            final JsonNode rule = node.get(i);
            object(rule, path, Set.of("name", "kpi", "dimension", "dimensionValue", "window", "below", "above",
                    "minDenominator", "hysteresis"));
            if (rule.has("below") == rule.has("above")) {
                throw error(path, "needs exactly one of below and above");
            }
            final boolean below = rule.has("below");
            final String dimension = optional(rule, "dimension", path);
            if (dimension != null && !Set.of("org", "region", "channel", "team", "rep").contains(dimension)) {
                throw error(path + ".dimension", "must be org, region, channel, team or rep");
            }
            try {
                rules.add(new KpiRule(required(rule, "name", path), required(rule, "kpi", path), dimension,
                        optional(rule, "dimensionValue", path), optional(rule, "window", path),
                        below ? KpiRule.Direction.BELOW : KpiRule.Direction.ABOVE,
                        number(rule.get(below ? "below" : "above"), path + (below ? ".below" : ".above"), 0),
                        number(rule.get("minDenominator"), path + ".minDenominator", 1),
                        number(rule.get("hysteresis"), path + ".hysteresis", 0)));
            } catch (final IllegalArgumentException e) {
                throw e.getMessage().startsWith(source) ? e : error(path, e.getMessage());
            }
        }
        return rules;
    }

    private void object(final JsonNode node, final String path, final Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw error(path, "must be a map of keys to values");
        }
        if (allowed != null) {
            final Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                final String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(path, "has an unknown key '" + name + "'; known keys: " + String.join(", ", allowed));
                }
            }
        }
    }

    private String required(final JsonNode node, final String key, final String path) {
        if (!node.has(key)) {
            throw error(path + "." + key, "is missing");
        }
        return text(node.get(key), path + "." + key);
    }

    private String optional(final JsonNode node, final String key, final String path) {
        return node.has(key) && !node.get(key).isNull() ? text(node.get(key), path + "." + key) : null;
    }

    private String text(final JsonNode node, final String path) {
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw error(path, "must be a single value");
        }
        return node.asText().trim();
    }

    /** A value or a list of values. */
    private List<String> texts(final JsonNode node, final String path) {
        final List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                texts.add(text(node.get(i), path + "[" + i + "]"));
            }
        } else {
            texts.add(text(node, path));
        }
        return texts;
    }

    private Duration duration(final JsonNode node, final String path, final Duration absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        try {
            return Duration.parse(text(node, path));
        } catch (final DateTimeParseException e) {
            throw error(path, "must be an ISO-8601 duration such as PT5M, PT1H or P2D");
        }
    }

    private double number(final JsonNode node, final String path, final double absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isNumber()) {
            throw error(path, "must be a number");
        }
        return node.asDouble();
    }

    private ZoneId zone(final String zone, final String path) {
        try {
            return ZoneId.of(zone);
        } catch (final DateTimeException e) {
            throw error(path, "'" + zone + "' is not an IANA time zone such as Europe/Berlin");
        }
    }

    private IllegalArgumentException error(final String path, final String message) {
        return new IllegalArgumentException(source + ": " + path + " " + message);
    }

    private static Map<String, DayOfWeek> dayNames() {
        final Map<String, DayOfWeek> names = new LinkedHashMap<>();
        for (final DayOfWeek day : DayOfWeek.values()) {
            final String full = day.name().toLowerCase(Locale.ROOT);
            names.put(full, day);
            names.put(full.substring(0, 3), day);
        }
        return names;
    }
}
