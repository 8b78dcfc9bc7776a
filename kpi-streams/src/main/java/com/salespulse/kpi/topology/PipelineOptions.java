package com.salespulse.kpi.topology;

import com.salespulse.kpi.alert.AlertSettings;
import com.salespulse.kpi.catalog.KpiSelection;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.money.CurrencyRates;
import com.salespulse.kpi.webform.LeadIdKey;
import com.salespulse.kpi.window.Windows;
import java.time.Clock;
import java.time.Duration;

/**
 * What shapes the KPI topology besides its topics.
 *
 * @param windows          the windows every KPI is published in
 * @param flushInterval    how long bucket changes are combined before they cross the repartition topic;
 *                         the commit interval is a good value: shorter sends more records, longer adds latency
 * @param clock            the wall clock stamped on {@code KpiChange.emittedAt}
 * @param grace            how late (behind the latest event time of its partition) an event may arrive and
 *                         still count; a later one goes to the dead-letter topic as {@code late}. A window's flow
 *                         KPIs are final once every partition's event time has passed its end plus the grace.
 * @param cohortHorizon    how long after a window ends its cohort KPIs still follow their leads' changes
 * @param quietPeriod      after this long without input on a partition, its event time follows the wall clock,
 *                         so that a quiet night still closes yesterday; {@link Duration#ZERO} turns that off
 * @param sourcePartitions partitions of the input topic: windows close when all of them have passed
 * @param currencyRates    the reporting currency and how other currencies convert into it
 * @param alerts           SLA policies and KPI threshold rules ({@link AlertSettings#defaults()} unless given)
 * @param metrics          where the topology counts its own meters ({@link PipelineMetrics#none()} unless given)
 * @param dedupHorizon     how long a delivered eventId (and web-form submissionId) is remembered: a repeat written less
 *                         than this after the first delivery counts nothing, a later one counts again
 * @param leadIdKey        the key that derives the lead id of a web-form submission without one from its e-mail
 *                         address ({@link LeadIdKey#none()}: such submissions are dead-lettered)
 * @param kpis             the KPIs published ({@link KpiSelection#all()} unless given)
 * @param backfillInterval how long changes are combined while the pipeline works through old events
 *                         ({@link com.salespulse.kpi.bucket.Pacing}); {@link Duration#ZERO} (unless given): the flush
 *                         interval
 */
public record PipelineOptions(Windows windows, Duration flushInterval, Clock clock, Duration grace,
                              Duration cohortHorizon, Duration quietPeriod, int sourcePartitions,
                              CurrencyRates currencyRates, AlertSettings alerts, PipelineMetrics metrics,
                              Duration dedupHorizon, LeadIdKey leadIdKey, KpiSelection kpis,
                              Duration backfillInterval) {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(2);
    public static final Duration DEFAULT_COHORT_HORIZON = Duration.ofDays(90);
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DEDUP_HORIZON = Duration.ofDays(7);

    /** Longer than the longest window (a quarter). */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(93);

    public PipelineOptions {
        if (sourcePartitions < 1) {
            throw new IllegalArgumentException("sourcePartitions must be at least 1");
        }
        if (alerts == null) {
            throw new IllegalArgumentException("alerts must be given; AlertSettings.defaults() for the defaults");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must be given; PipelineMetrics.none() to count nowhere");
        }
        if (dedupHorizon == null || dedupHorizon.isNegative() || dedupHorizon.isZero()) {
            throw new IllegalArgumentException("dedupHorizon must be longer than zero");
        }
        if (backfillInterval == null || backfillInterval.isNegative()) {
            throw new IllegalArgumentException("backfillInterval must be given and not negative");
        }
        if (kpis == null) {
            throw new IllegalArgumentException("kpis must be given; KpiSelection.all() for every KPI");
        }
        if (leadIdKey == null) {
            throw new IllegalArgumentException("leadIdKey must be given; LeadIdKey.none() for none");
        }
    }

    /** Options with the default alert settings and dedup horizon, no lead id key, counting their meters nowhere. */
    public PipelineOptions(final Windows windows, final Duration flushInterval, final Clock clock, final Duration grace,
                           final Duration cohortHorizon, final Duration quietPeriod, final int sourcePartitions,
                           final CurrencyRates currencyRates) {
        this(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions, currencyRates,
                AlertSettings.defaults(), PipelineMetrics.none(), DEFAULT_DEDUP_HORIZON, LeadIdKey.none(),
                KpiSelection.all(), Duration.ZERO);
    }

    /**
     * PT1H and P1D windows, 100 ms flushes, 2 h grace, 90 day cohort horizon, 5 min quiet period, one partition,
     * 7 day dedup horizon, no lead id key, meters counted nowhere.
     */
    public static PipelineOptions defaults() {
        return new PipelineOptions(Windows.defaults(), Duration.ofMillis(100), Clock.systemUTC(), DEFAULT_GRACE,
                DEFAULT_COHORT_HORIZON, DEFAULT_QUIET_PERIOD, 1, CurrencyRates.usdOnly());
    }

    /**
     * The options SalesPulse's configuration asks for: every window in the organisation's zone, its grace, horizon and
     * quiet period, its dedup horizon and lead id key; meters counted nowhere until {@link #withMetrics} names a
     * registry.
     */
    public static PipelineOptions from(final SalesPulseConfig config) {
        return new PipelineOptions(Windows.all(config.orgZone()), Duration.ofMillis(config.commitIntervalMs()),
                Clock.systemUTC(), config.grace(), config.cohortHorizon(), config.quietPeriod(), 1,
                CurrencyRates.parse(config.get(SalesPulseConfig.REPORTING_CURRENCY), config.get(SalesPulseConfig.CURRENCY_RATES)))
                .withAlerts(AlertSettings.from(config))
                .withDedupHorizon(config.dedupHorizon())
                .withLeadIdKey(LeadIdKey.of(config.piiHmacKey(), SalesPulseConfig.MIN_PII_HMAC_KEY_LENGTH))
                .withKpis(config.kpis())
                .withBackfillInterval(config.backfillInterval());
    }

    /**
     * How long a lead's journey is kept after its latest event: until every window it could count in
     * is past the cohort horizon. A lead that comes back after that starts a new journey.
     */
    public Duration leadRetention() {
        return cohortHorizon.plus(LONGEST_WINDOW).plus(grace);
    }

    public PipelineOptions withWindows(final Windows newWindows) {
        return new PipelineOptions(newWindows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions, currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withFlushInterval(final Duration interval) {
        return new PipelineOptions(windows, interval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions, currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withClock(final Clock newClock) {
        return new PipelineOptions(windows, flushInterval, newClock, grace, cohortHorizon, quietPeriod, sourcePartitions, currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withGrace(final Duration newGrace) {
        return new PipelineOptions(windows, flushInterval, clock, newGrace, cohortHorizon, quietPeriod, sourcePartitions, currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withCohortHorizon(final Duration horizon) {
        return new PipelineOptions(windows, flushInterval, clock, grace, horizon, quietPeriod, sourcePartitions, currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withQuietPeriod(final Duration period) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, period, sourcePartitions, currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withSourcePartitions(final int partitions) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, partitions,
                currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withCurrencyRates(final CurrencyRates rates) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                rates, alerts, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withAlerts(final AlertSettings settings) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                currencyRates, settings, metrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withDedupHorizon(final Duration horizon) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                currencyRates, alerts, metrics, horizon, leadIdKey, kpis, backfillInterval);
    }

    public PipelineOptions withLeadIdKey(final LeadIdKey key) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                currencyRates, alerts, metrics, dedupHorizon, key, kpis, backfillInterval);
    }

    public PipelineOptions withKpis(final KpiSelection selection) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                currencyRates, alerts, metrics, dedupHorizon, leadIdKey, selection, backfillInterval);
    }

    public PipelineOptions withBackfillInterval(final Duration interval) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                currencyRates, alerts, metrics, dedupHorizon, leadIdKey, kpis, interval);
    }

    public PipelineOptions withMetrics(final PipelineMetrics pipelineMetrics) {
        return new PipelineOptions(windows, flushInterval, clock, grace, cohortHorizon, quietPeriod, sourcePartitions,
                currencyRates, alerts, pipelineMetrics, dedupHorizon, leadIdKey, kpis, backfillInterval);
    }
}
