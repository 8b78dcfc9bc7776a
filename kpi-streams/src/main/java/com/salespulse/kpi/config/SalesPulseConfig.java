package com.salespulse.kpi.config;

import com.salespulse.kpi.catalog.KpiSelection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The one place configuration is loaded: a properties file, overridden by environment variables,
 * filled with defaults. A key {@code salespulse.foo.bar} is overridden by the environment variable
 * {@code SALESPULSE_FOO_BAR}. Keys under {@code salespulse.streams.} pass through to Kafka Streams
 * (e.g. {@code salespulse.streams.num.stream.threads}).
 */
public final class SalesPulseConfig {
    public static final String BOOTSTRAP_SERVERS = "salespulse.bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "salespulse.schema.registry.url";
    public static final String APPLICATION_ID = "salespulse.application.id";
    public static final String TOPIC_PREFIX = "salespulse.topic.prefix";
    public static final String STATE_DIR = "salespulse.state.dir";
    public static final String HTTP_PORT = "salespulse.http.port";
    /** The address the HTTP server binds (default 0.0.0.0, every interface). */
    public static final String HTTP_BIND = "salespulse.http.bind";
    /**
     * host:port under which peers of the same application id reach this instance's HTTP server
     * (Kafka Streams' application.server); empty means localhost and the bound port.
     */
    public static final String HTTP_ADVERTISED = "salespulse.http.advertised";
    /** A bearer token every /api and /internal request must carry; empty for none. */
    public static final String HTTP_TOKEN = "salespulse.http.token";
    public static final String ORG_TIMEZONE = "salespulse.org.timezone";
    public static final String PROCESSING_GUARANTEE = "salespulse.processing.guarantee";
    public static final String COMMIT_INTERVAL_MS = "salespulse.commit.interval.ms";
    public static final String TOPIC_PARTITIONS = "salespulse.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "salespulse.topic.replication.factor";
    public static final String GRACE = "salespulse.grace";
    public static final String COHORT_HORIZON = "salespulse.cohort.horizon";
    public static final String QUIET_PERIOD = "salespulse.quiet.period";
    /**
     * How long a delivered eventId (and web-form submissionId) is remembered, so that a repeat within it counts once
     * (ISO-8601 duration, default P7D).
     */
    public static final String DEDUP_HORIZON = "salespulse.dedup.horizon";
    /**
     * The secret key of the HMAC that turns a web-form e-mail address into a lead id (at least
     * {@value #MIN_PII_HMAC_KEY_LENGTH} characters; the same on every instance, for ever). Empty: none, and a
     * submission that needs one is dead-lettered. A secret, never logged.
     */
    public static final String PII_HMAC_KEY = "salespulse.pii.hmac.key";
    /** 32 characters: a 256-bit key in base64 is 44. */
    public static final int MIN_PII_HMAC_KEY_LENGTH = 32;
    public static final String REPORTING_CURRENCY = "salespulse.currency.reporting";
    public static final String CURRENCY_RATES = "salespulse.currency.rates";
    /** Path of the YAML file of SLA policies and KPI threshold rules (docs/alerts.md); empty for the defaults. */
    public static final String SLA_CONFIG = "salespulse.sla.config";
    /** URL the app posts every alert to (a Slack incoming webhook works); empty for none. */
    public static final String ALERTS_WEBHOOK_URL = "salespulse.alerts.webhook.url";
    /**
     * How long changes are combined while the pipeline works through old events (a backfill, a replay, a restart after
     * downtime): each KPI and bucket is published at most once per this interval then (ISO-8601, default PT5S).
     */
    public static final String BACKFILL_INTERVAL = "salespulse.backfill.interval";
    /** The KPIs published: all (the default), core, or KPI names and name prefixes, comma-separated. */
    public static final String KPIS = "salespulse.kpis";
    public static final String STREAMS_PREFIX = "salespulse.streams.";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(TOPIC_PARTITIONS, "4"),
            Map.entry(TOPIC_REPLICATION_FACTOR, "1"),
            Map.entry(BOOTSTRAP_SERVERS, "localhost:9092"),
            Map.entry(SCHEMA_REGISTRY_URL, "http://localhost:8081"),
            Map.entry(APPLICATION_ID, "salespulse"),
            Map.entry(TOPIC_PREFIX, ""),
            Map.entry(STATE_DIR, "salespulse-data/state"),
            Map.entry(HTTP_PORT, "8080"),
            Map.entry(HTTP_BIND, "0.0.0.0"),
            Map.entry(HTTP_ADVERTISED, ""),
            Map.entry(HTTP_TOKEN, ""),
            Map.entry(ORG_TIMEZONE, "UTC"),
            Map.entry(PROCESSING_GUARANTEE, "exactly_once_v2"),
            Map.entry(COMMIT_INTERVAL_MS, "100"),
            Map.entry(GRACE, "PT2H"),
            Map.entry(COHORT_HORIZON, "P90D"),
            Map.entry(QUIET_PERIOD, "PT5M"),
            Map.entry(DEDUP_HORIZON, "P7D"),
            Map.entry(PII_HMAC_KEY, ""),
            Map.entry(REPORTING_CURRENCY, "USD"),
            Map.entry(CURRENCY_RATES, ""),
            Map.entry(KPIS, KpiSelection.ALL),
            Map.entry(BACKFILL_INTERVAL, "PT5S"));

    private final Map<String, String> values;

    private SalesPulseConfig(final Map<String, String> values) {
        this.values = Map.copyOf(values);
        orgZone();
        httpPort();
        commitIntervalMs();
        grace();
        cohortHorizon();
        quietPeriod();
        dedupHorizon();
        piiHmacKey();
        kpis();
        backfillInterval();
    }

    /**
     * Loads {@code file} (may be null), applies the environment, fills defaults.
     *
     * @throws IllegalArgumentException naming the key of a value that is not valid
     */
    public static SalesPulseConfig load(final Path file, final Map<String, String> environment) {
        final Map<String, String> values = new HashMap<>(DEFAULTS);
        if (file != null) {
            final Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read configuration file " + file, e);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        }
        for (final Map.Entry<String, String> variable : environment.entrySet()) {
            final String name = variable.getKey();
            if (name.startsWith("SALESPULSE_")) {
                values.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), variable.getValue().trim());
            }
        }
        return new SalesPulseConfig(values);
    }

    /** The defaults, with {@code overrides} on top: for commands whose flags set the values. */
    public static SalesPulseConfig of(final Map<String, String> overrides) {
        final Map<String, String> values = new HashMap<>(DEFAULTS);
        values.putAll(overrides);
        return new SalesPulseConfig(values);
    }

    /** A copy with {@code key} set to {@code value}. */
    public SalesPulseConfig with(final String key, final String value) {
        final Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new SalesPulseConfig(copy);
    }

    public String get(final String key) {
        return values.get(key);
    }

    public String bootstrapServers() {
        return values.get(BOOTSTRAP_SERVERS);
    }

    public String schemaRegistryUrl() {
        return values.get(SCHEMA_REGISTRY_URL);
    }

    public String applicationId() {
        return values.get(APPLICATION_ID);
    }

    public String topicPrefix() {
        return values.get(TOPIC_PREFIX);
    }

    public String stateDir() {
        return values.get(STATE_DIR);
    }

    public String orgTimezone() {
        return values.get(ORG_TIMEZONE);
    }

    /** The organisation's time zone, in which calendar windows are cut. */
    public ZoneId orgZone() {
        try {
            return ZoneId.of(orgTimezone());
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException(ORG_TIMEZONE + " must be an IANA time zone such as Europe/Berlin", e);
        }
    }

    /** How late an event may be and still count (ISO-8601 duration, default PT2H). */
    public Duration grace() {
        return parseDuration(GRACE);
    }

    /** How long after its end a window's cohort KPIs still follow their leads (default P90D). */
    public Duration cohortHorizon() {
        return parseDuration(COHORT_HORIZON);
    }

    /** After this long without input, event time follows the wall clock (default PT5M; PT0S turns it off). */
    public Duration quietPeriod() {
        return parseDuration(QUIET_PERIOD);
    }

    /** How long a delivered eventId or submissionId is remembered (default P7D; must be positive). */
    public Duration dedupHorizon() {
        final Duration horizon = parseDuration(DEDUP_HORIZON);
        if (horizon.isZero()) {
            throw new IllegalArgumentException(DEDUP_HORIZON + " must be longer than zero");
        }
        return horizon;
    }

    public Duration backfillInterval() {
        return parseDuration(BACKFILL_INTERVAL);
    }

    /** The KPIs to publish. @throws IllegalArgumentException naming the key and the unknown KPI */
    public KpiSelection kpis() {
        try {
            return KpiSelection.parse(get(KPIS));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(KPIS + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key that derives lead ids from e-mail addresses, or empty when none is set.
     *
     * @throws IllegalArgumentException naming the key, never the value, when it is set but too short
     */
    public String piiHmacKey() {
        final String key = values.get(PII_HMAC_KEY);
        if (key == null || key.isEmpty()) {
            return "";
        }
        if (key.length() < MIN_PII_HMAC_KEY_LENGTH) {
            throw new IllegalArgumentException(PII_HMAC_KEY + " must be at least " + MIN_PII_HMAC_KEY_LENGTH
                    + " characters long, e.g. the output of: openssl rand -base64 32");
        }
        return key;
    }

    public String processingGuarantee() {
        return values.get(PROCESSING_GUARANTEE);
    }

    public int httpPort() {
        return parseInt(HTTP_PORT);
    }

    public int topicPartitions() {
        return parseInt(TOPIC_PARTITIONS);
    }

    public short topicReplicationFactor() {
        return (short) parseInt(TOPIC_REPLICATION_FACTOR);
    }

    public int commitIntervalMs() {
        return parseInt(COMMIT_INTERVAL_MS);
    }

    /** The {@code salespulse.streams.*} pass-through values, without the prefix. */
    public Map<String, String> streamsOverrides() {
        final Map<String, String> overrides = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(STREAMS_PREFIX)) {
                overrides.put(key.substring(STREAMS_PREFIX.length()), value);
            }
        });
        return overrides;
    }

    private Duration parseDuration(final String key) {
        try {
            final Duration duration = Duration.parse(values.get(key));
            if (duration.isNegative()) {
                throw new IllegalArgumentException(key + " must not be negative");
            }
            return duration;
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT2H or P90D", e);
        }
    }

    private int parseInt(final String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number", e);
        }
    }
}
