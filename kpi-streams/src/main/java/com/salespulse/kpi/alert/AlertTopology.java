package com.salespulse.kpi.alert;

import com.salespulse.events.Alert;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.bucket.InternalAvroSerde;
import com.salespulse.kpi.sla.SlaProcessor;
import com.salespulse.kpi.sla.SlaState;
import com.salespulse.kpi.topology.PipelineOptions;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The alerting branches of the KPI topology.
 *
 * <pre>
 * sales.crm-events (leadId → SalesEvent) after event-dedup, beside journey-update
 *   └─ sla-check            stores sla-state-store (leadId → SlaState), sla-deadline-store (dueAt|leadId → leadId);
 *        │                  reads reps-store; wall-clock punctuation every sla.checkInterval
 *      └─ sla-alerts-count  counts the alerts (salespulse.alerts, salespulse.sla.breaches)
 *   sales.alerts (leadId → Alert)            sink sla-alerts-sink
 * bucket-aggregate's KpiChange stream (KPI key → KpiChange), beside kpi-changes-sink
 *   └─ kpi-rule-check       store kpi-rule-store (rule|KPI key → window end, for crossed keys only)
 *      └─ kpi-alerts-count  counts the alerts (salespulse.alerts)
 *   sales.alerts (rule|KPI key → Alert)      sink kpi-alerts-sink
 * </pre>
 *
 * <p>Both run in the task of their input partition: SLA clocks beside their lead's journey, rules
 * beside their bucket. The shape does not depend on the settings: no policies or no rules still
 * wire the same processors, so that turning alerting on later keeps the state layout.
 *
 * <p>The two branches sit in different sub-topologies (the rules run behind the bucket-deltas repartition), so
 * they cannot share one sink without being merged into one; each counts its alerts just before its sink, in
 * {@link com.salespulse.kpi.metrics.PipelineMetrics#alertWritten}, so that exactly what reaches sales.alerts is
 * counted.
 */
public final class AlertTopology {
    public static final String SLA_PROCESSOR = "sla-check";
    public static final String SLA_STATE_STORE = "sla-state-store";
    public static final String SLA_DEADLINE_STORE = "sla-deadline-store";
    public static final String SLA_ALERTS_COUNT = "sla-alerts-count";
    public static final String SLA_ALERTS_SINK = "sla-alerts-sink";
    public static final String KPI_RULE_PROCESSOR = "kpi-rule-check";
    public static final String KPI_RULE_STORE = "kpi-rule-store";
    public static final String KPI_ALERTS_COUNT = "kpi-alerts-count";
    public static final String KPI_ALERTS_SINK = "kpi-alerts-sink";

    private AlertTopology() {
    }

    /**
     * Adds the SLA and KPI-rule branches. A pure function of its arguments: no I/O.
     *
     * @param builder    the KPI topology's builder
     * @param crmEvents  the sales.crm-events stream after event-dedup, so that a repeated event raises nothing
     * @param kpiChanges bucket-aggregate's output
     * @param alerts     the sales.alerts topic
     * @param options    the pipeline options, with their alert settings
     * @param repsStore  the roster's global store
     */
    public static void addTo(final StreamsBuilder builder, final KStream<String, SalesEvent> crmEvents,
                             final KStream<String, KpiChange> kpiChanges, final Topic<String, Alert> alerts,
                             final PipelineOptions options, final String repsStore) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_STATE_STORE),
                Serdes.String(), new InternalAvroSerde<>(SlaState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SLA_DEADLINE_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KPI_RULE_STORE),
                Serdes.String(), Serdes.Long()));

        final SlaProcessor.SlaStores slaStores = new SlaProcessor.SlaStores(SLA_STATE_STORE, SLA_DEADLINE_STORE, repsStore);
        crmEvents.process(() -> new SlaProcessor(slaStores, options.alerts().sla()),
                        Named.as(SLA_PROCESSOR), SLA_STATE_STORE, SLA_DEADLINE_STORE)
                .peek((leadId, alert) -> options.metrics().alertWritten(alert), Named.as(SLA_ALERTS_COUNT))
                .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName(SLA_ALERTS_SINK));

        kpiChanges.process(() -> new KpiRuleProcessor(options.alerts().kpiRules(), KPI_RULE_STORE, options.cohortHorizon()),
                        Named.as(KPI_RULE_PROCESSOR), KPI_RULE_STORE)
                .peek((ruleKey, alert) -> options.metrics().alertWritten(alert), Named.as(KPI_ALERTS_COUNT))
                .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName(KPI_ALERTS_SINK));
    }
}
