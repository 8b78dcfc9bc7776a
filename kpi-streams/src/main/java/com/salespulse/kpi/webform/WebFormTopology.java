package com.salespulse.kpi.webform;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.dedup.Sightings;
import com.salespulse.kpi.topology.PipelineOptions;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Web-form submissions become leads.
 *
 * <pre>
 * sales.webform-submissions (submissionId → WebFormSubmission)   source webform-submissions-source
 *   └─ webform-normalise    store submission-store (submissionId → first seen, for the dedup horizon);
 *        │                  invalid submissions to sales.dlq; no personal data goes on
 *   sales.crm-events (leadId → SalesEvent LEAD_CREATED, source WEB_FORM)   sink webform-leads-sink
 * </pre>
 *
 * <p>The leads go through sales.crm-events rather than straight to journey-update, so that every consumer of that
 * topic sees them and the pipeline reads them back in their lead's partition, in order with the lead's other events,
 * through event-dedup like any event. Under exactly_once_v2 the write and the consumed submission commit together.
 * A sub-topology of its own: nothing joins it to the rest but the topic.
 */
public final class WebFormTopology {
    public static final String WEBFORM_SOURCE = "webform-submissions-source";
    public static final String WEBFORM_PROCESSOR = "webform-normalise";
    public static final String WEBFORM_LEADS_SINK = "webform-leads-sink";
    public static final String SUBMISSION_STORE = "submission-store";

    private WebFormTopology() {
    }

    /**
     * Adds the web-form branch. A pure function of its arguments: no I/O.
     *
     * @param builder     the KPI topology's builder
     * @param submissions the sales.webform-submissions topic
     * @param crmEvents   the sales.crm-events topic, where the leads go
     * @param options     the dedup horizon, the lead id key and the meters
     */
    public static void addTo(final StreamsBuilder builder, final Topic<String, WebFormSubmission> submissions,
                             final Topic<String, SalesEvent> crmEvents, final PipelineOptions options) {
        builder.addStateStore(Sightings.storeBuilder(SUBMISSION_STORE, options.dedupHorizon()));
        builder.stream(submissions.name(),
                        Consumed.with(submissions.keySerde(), submissions.valueSerde()).withName(WEBFORM_SOURCE))
                .process(() -> new WebFormNormaliser(SUBMISSION_STORE, options.dedupHorizon(), options.leadIdKey(),
                        options.metrics()), Named.as(WEBFORM_PROCESSOR), SUBMISSION_STORE)
                .to(crmEvents.name(), Produced.with(crmEvents.keySerde(), crmEvents.valueSerde())
                        .withName(WEBFORM_LEADS_SINK));
    }
}
