package com.salespulse.kpi.alert;

import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.sla.SlaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the alerting side of the pipeline watches: SLA policies and KPI threshold rules, both from
 * one YAML file ({@code salespulse.sla.config}, format in docs/alerts.md) or the defaults.
 *
 * @param sla      first-response SLA policies and timer settings
 * @param kpiRules threshold rules on the KPI changes
 */
public record AlertSettings(SlaSettings sla, List<KpiRule> kpiRules) {

    public AlertSettings {
        Objects.requireNonNull(sla, "sla");
        kpiRules = List.copyOf(kpiRules);
        if (kpiRules.stream().map(KpiRule::name).distinct().count() != kpiRules.size()) {
            throw new IllegalArgumentException("KPI rule names must be unique");
        }
    }

    /** The default SLA policies (in business hours in {@code zone}) and the 30/30/50 outreach rules. */
    public static AlertSettings defaults(final ZoneId zone) {
        return new AlertSettings(SlaSettings.defaults(zone), defaultRules());
    }

    /** {@link #defaults(ZoneId)} in UTC. */
    public static AlertSettings defaults() {
        return defaults(ZoneId.of("UTC"));
    }

    /**
     * The 30/30/50 rule for outreach (docs/kpis.md): per team and day, an e-mail open rate and a response
     * rate of at least 30 %, and at least half of the leads that replied becoming customers. Ignored until
     * a day has 20 leads (10 replied leads) to judge; recovered 5 points above the threshold.
     */
    public static List<KpiRule> defaultRules() {
        return List.of(
                new KpiRule("outreach-email-open-rate", "email_open_rate", "team", null, "P1D",
                        KpiRule.Direction.BELOW, 0.3, 20, 0.05),
                new KpiRule("outreach-response-rate", "response_rate", "team", null, "P1D",
                        KpiRule.Direction.BELOW, 0.3, 20, 0.05),
                new KpiRule("outreach-reply-to-customer-rate", "reply_to_customer_rate", "team", null, "P1D",
                        KpiRule.Direction.BELOW, 0.5, 10, 0.05));
    }

    /**
     * The settings the configuration names: the YAML file of {@code salespulse.sla.config}, or the
     * defaults in the organisation's time zone when it names none. Reading the file is part of loading
     * configuration; topology builders only ever see the parsed settings.
     *
     * @throws IllegalArgumentException naming the file and the entry that is not valid
     */
    public static AlertSettings from(final SalesPulseConfig config) {
        final String file = config.get(SalesPulseConfig.SLA_CONFIG);
        if (file == null || file.isBlank()) {
            return defaults(config.orgZone());
        }
        return load(Path.of(file), config.orgZone());
    }

    /** Reads a YAML file; calendars without a zone are in {@code defaultZone}. */
    public static AlertSettings load(final Path file, final ZoneId defaultZone) {
        try {
            return parse(Files.readString(file), defaultZone, file.toString());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the SLA configuration " + file, e);
        }
    }

    /**
     * Parses YAML text.
     *
     * @param source names the text in error messages, e.g. its file
     */
    public static AlertSettings parse(final String yaml, final ZoneId defaultZone, final String source) {
        return new AlertSettingsYaml(defaultZone, source).parse(yaml);
    }
}
