package com.salespulse.kpi.webform;

import com.salespulse.events.EventSource;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.kpi.dedup.Sightings;
import com.salespulse.kpi.metrics.PipelineMetrics;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns each new web-form submission into its {@code LEAD_CREATED} ({@link WebFormLeads}), keyed by the lead.
 *
 * <p>A submission whose submissionId (the client's idempotency key) arrived within the dedup horizon is a repeat: it
 * is dropped and counted in {@code salespulse.duplicates{source="web_form"}}. Submissions are keyed by submissionId, so
 * every delivery of one reaches the same task and its {@link Sightings}. The same person sending the same form twice
 * in a minute under two submissionIds makes two records of one event (same eventId, same lead key), which event-dedup
 * lets through once: that is the task that sees both.
 *
 * <p>A submission that cannot become a lead throws, so the dead-letter handler sends it to sales.dlq with its reason.
 * The record keeps the submission's timestamp (when it was written), not its submittedAt, like every record of the
 * pipeline; its headers are dropped, since only the event goes on.
 */
public final class WebFormNormaliser implements Processor<String, WebFormSubmission, String, SalesEvent> {
    private final String storeName;
    private final Duration horizon;
    private final WebFormLeads leads;
    private final PipelineMetrics metrics;

    private ProcessorContext<String, SalesEvent> context;
    private Sightings sightings;

    public WebFormNormaliser(final String storeName, final Duration horizon, final LeadIdKey key,
                             final PipelineMetrics metrics) {
        this.storeName = storeName;
        this.horizon = horizon;
        this.leads = new WebFormLeads(key);
        this.metrics = metrics;
    }

    @Override
    public void init(final ProcessorContext<String, SalesEvent> processorContext) {
        this.context = processorContext;
        this.sightings = new Sightings(processorContext.getStateStore(storeName), horizon);
    }

    @Override
    public void process(final Record<String, WebFormSubmission> record) {
        final SalesEvent lead = leads.leadCreated(record.value());
        if (!sightings.firstSighting(record.value().getSubmissionId(), record.timestamp())) {
            metrics.duplicate(EventSource.WEB_FORM);
            return;
        }
        context.forward(new Record<>(lead.getLeadId(), lead, record.timestamp(), new RecordHeaders()));
    }
}
