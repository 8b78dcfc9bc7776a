package com.salespulse.events.topic;

import com.salespulse.events.Alert;
import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.registry.SchemaRegistryClient;
import com.salespulse.events.serde.AvroSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic contract of DESIGN.md section 4: default names, an optional prefix, and the serdes
 * of each topic. Values are Avro in the Confluent wire format; keys are plain UTF-8 strings.
 */
public final class Topics {
    public static final String CRM_EVENTS = "sales.crm-events";
    public static final String WEBFORM_SUBMISSIONS = "sales.webform-submissions";
    public static final String REPS = "sales.reps";
    public static final String KPI_CHANGES = "sales.kpi-changes";
    public static final String ALERTS = "sales.alerts";
    public static final String DLQ = "sales.dlq";
    /** Which dead letters {@code salespulse dlq replay} has sent back, so that none is sent twice. */
    public static final String DLQ_REPLAYS = "sales.dlq-replays";

    private final String prefix;
    private final SchemaRegistryClient registry;

    /**
     * @param prefix   prepended to every topic name ("" for none)
     * @param registry the schema registry the value serdes register and look up schemas in
     */
    public Topics(final String prefix, final SchemaRegistryClient registry) {
        this.prefix = prefix == null ? "" : prefix;
        this.registry = registry;
    }

    public String prefix() {
        return prefix;
    }

    public String name(final String base) {
        return prefix + base;
    }

    public Topic<String, SalesEvent> crmEvents() {
        return new Topic<>(name(CRM_EVENTS), Serdes.String(), new AvroSerde<>(registry, SalesEvent.class));
    }

    public Topic<String, WebFormSubmission> webformSubmissions() {
        return new Topic<>(name(WEBFORM_SUBMISSIONS), Serdes.String(), new AvroSerde<>(registry, WebFormSubmission.class));
    }

    public Topic<String, Rep> reps() {
        return new Topic<>(name(REPS), Serdes.String(), new AvroSerde<>(registry, Rep.class));
    }

    public Topic<String, KpiChange> kpiChanges() {
        return new Topic<>(name(KPI_CHANGES), Serdes.String(), new AvroSerde<>(registry, KpiChange.class));
    }

    public Topic<String, Alert> alerts() {
        return new Topic<>(name(ALERTS), Serdes.String(), new AvroSerde<>(registry, Alert.class));
    }

    /** The dead-letter topic keeps the original key and value bytes; headers say why (see {@link DeadLetter}). */
    public Topic<byte[], byte[]> dlq() {
        return new Topic<>(name(DLQ), Serdes.ByteArray(), Serdes.ByteArray());
    }

    /**
     * One record per dead letter that was sent back for processing: key {@code <partition>@<offset>}
     * of the dead letter in {@code sales.dlq}, value the topic it was sent back to.
     * Compacted, and expires with the dead letters it names.
     */
    public Topic<String, String> dlqReplays() {
        return new Topic<>(name(DLQ_REPLAYS), Serdes.String(), Serdes.String());
    }

    /** Every topic of the contract, with its name. */
    public List<String> allNames() {
        return List.of(name(CRM_EVENTS), name(WEBFORM_SUBMISSIONS), name(REPS), name(KPI_CHANGES), name(ALERTS), name(DLQ),
                name(DLQ_REPLAYS));
    }

    /** Topics that must be compacted rather than deleted. */
    public boolean isCompacted(final String topicName) {
        return topicName.equals(name(REPS)) || topicName.equals(name(DLQ_REPLAYS));
    }

    /**
     * Topics a dead letter may be sent back to: the event streams. Not the roster, a compacted table
     * in which an old rep sent back would overwrite a newer one (re-import the roster instead), and
     * not the pipeline's internal topics, whose bytes only the pipeline itself writes.
     */
    public boolean isReplayable(final String topicName) {
        return topicName.equals(name(CRM_EVENTS)) || topicName.equals(name(WEBFORM_SUBMISSIONS));
    }
}
