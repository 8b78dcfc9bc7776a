package com.salespulse.kpi.alert;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.KpiChange;
import com.salespulse.kpi.sla.SlaProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * KPI threshold rules on the KpiChange stream that {@code bucket-aggregate} publishes (keyed by KPI
 * key, so in the task that owns the bucket); alerts out, keyed by rule key
 * ({@code <rule>|<kpi key>}).
 *
 * <p>For every rule that watches a change, with enough data to judge: a value on the trouble side
 * of the threshold raises {@code KPI_THRESHOLD_CROSSED} once; it stays crossed until a value is back
 * on the good side by the hysteresis, which raises {@code KPI_THRESHOLD_RECOVERED}. Each window is
 * its own KPI key, so a new window starts uncrossed. The store holds only the keys that are crossed
 * now (rule key → window end); those of windows past the retention are dropped every hour.
 *
 * <p>Alert ids are {@code kpi|<rule key>|<kind>|<revision>}: the KPI change's revision makes them
 * deterministic when a change is processed again after a restart.
 */
public final class KpiRuleProcessor implements Processor<String, KpiChange, String, Alert> {
    private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

    private final List<KpiRule> rules;
    private final String storeName;
    private final Duration retention;

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> crossed;

    /**
     * @param rules     the rules
     * @param storeName the store of crossed rule keys
     * @param retention how long after its window ends a crossed key is kept (the cohort horizon: cohort KPIs
     *                  keep changing that long)
     */
    public KpiRuleProcessor(final List<KpiRule> rules, final String storeName, final Duration retention) {
        this.rules = List.copyOf(rules);
        this.storeName = storeName;
        this.retention = retention;
    }

    @Override
    public void init(final ProcessorContext<String, Alert> processorContext) {
        this.context = processorContext;
        this.crossed = processorContext.getStateStore(storeName);
        processorContext.schedule(CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::dropExpired);
    }

    @Override
    public void process(final Record<String, KpiChange> record) {
        final KpiChange change = record.value();
        if (change == null || rules.isEmpty()) {
            return;
        }
        for (final KpiRule rule : rules) {
            if (!rule.watches(change) || !rule.judges(change)) {
                continue;
            }
            final String ruleKey = rule.name() + '|' + record.key();
            final boolean wasCrossed = crossed.get(ruleKey) != null;
            final double value = change.getValue();
            if (!wasCrossed && rule.crossedBy(value)) {
                crossed.put(ruleKey, change.getWindowEnd().toEpochMilli());
                raise(ruleKey, rule, change, AlertKind.KPI_THRESHOLD_CROSSED);
            } else if (wasCrossed && rule.recoveredBy(value)) {
                crossed.delete(ruleKey);
                raise(ruleKey, rule, change, AlertKind.KPI_THRESHOLD_RECOVERED);
            }
        }
    }

    private void raise(final String ruleKey, final KpiRule rule, final KpiChange change, final AlertKind kind) {
        final long wallMs = context.currentSystemTimeMs();
        final Alert alert = Alert.newBuilder()
                .setAlertId("kpi|" + ruleKey + '|' + kind.name() + '|' + change.getRevision())
                .setKind(kind)
                .setRaisedAt(Instant.ofEpochMilli(wallMs))
                .setRuleKey(ruleKey)
                .setKpi(change.getKpi())
                .setValue(change.getValue())
                .setThreshold(rule.threshold())
                .setRepId("rep".equals(change.getDimension()) ? change.getDimensionValue() : null)
                .setTeamId("team".equals(change.getDimension()) ? change.getDimensionValue() : null)
                .setRegion("region".equals(change.getDimension()) ? change.getDimensionValue() : null)
                .setMessage(message(rule, change, kind))
                .build();
        context.forward(new Record<>(ruleKey, alert, wallMs));
    }

    static String message(final KpiRule rule, final KpiChange change, final AlertKind kind) {
        final String where = change.getKpi() + " for " + change.getDimension() + " " + change.getDimensionValue()
                + " in the " + change.getWindow() + " window from " + change.getWindowStart() + " is "
                + number(change.getValue()) + " (" + number(change.getNumerator()) + " / "
                + number(change.getDenominator()) + ")";
        final boolean below = rule.direction() == KpiRule.Direction.BELOW;
        if (kind == AlertKind.KPI_THRESHOLD_CROSSED) {
            return where + ", " + (below ? "below " : "above ") + number(rule.threshold()) + " (rule " + rule.name() + ").";
        }
        final double back = below ? rule.threshold() + rule.hysteresis() : rule.threshold() - rule.hysteresis();
        return where + ", back " + (below ? "at or above " : "at or below ") + number(back) + " (rule " + rule.name() + ").";
    }

    private static String number(final double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.valueOf(Math.round(value * 10_000) / 10_000.0);
    }

    private void dropExpired(final long wallMs) {
        final List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = crossed.all()) {
            while (all.hasNext()) {
                final KeyValue<String, Long> entry = all.next();
                if (entry.value + retention.toMillis() < wallMs) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(crossed::delete);
    }
}
