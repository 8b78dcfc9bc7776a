package com.salespulse.kpi.errors;

import com.salespulse.events.registry.SchemaRegistryException;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.kpi.metrics.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized or processed to the dead-letter topic (Kafka Streams'
 * own dead-letter support, KIP-1034) with its original key and value bytes and headers that say
 * why and where it came from, counts it, and lets the pipeline go on. Only an unreachable schema
 * registry stops the pipeline: the record is good and will be readable once the registry is back,
 * so it must not be dead-lettered.
 *
 * <p>Counts in the registry its configuration carries ({@value #METER_REGISTRY_CONFIG}): every record in
 * {@value #DEAD_LETTERS_METER} by reason, and late events once more in
 * {@value com.salespulse.kpi.metrics.PipelineMetrics#LATE_EVENTS}, the metric DESIGN.md §9 asks for.
 *
 * <p>Logs name topic, partition and offset, never the payload.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    /** Config key under which the pipeline passes its {@link MeterRegistry}. */
    public static final String METER_REGISTRY_CONFIG = "salespulse.meter.registry";
    public static final String DEAD_LETTERS_METER = "salespulse.dlq.records";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String deadLetterTopic;
    private MeterRegistry meters;
    private Counter lateEvents;

    @Override
    public void configure(final Map<String, ?> configs) {
        this.deadLetterTopic = (String) configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (deadLetterTopic == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must be set");
        }
        this.meters = configs.get(METER_REGISTRY_CONFIG) instanceof MeterRegistry registry ? registry : Metrics.globalRegistry;
        this.lateEvents = PipelineMetrics.lateEvents(meters);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context,
                                                               final ConsumerRecord<byte[], byte[]> record,
                                                               final Exception exception) {
        if (exception instanceof SchemaRegistryException) {
            LOG.error("Schema registry failed while reading {}-{}@{}; stopping rather than dead-lettering a good record",
                    context.topic(), context.partition(), context.offset(), exception);
            return DeserializationExceptionHandler.Response.fail();
        }
        final RejectReason reason = exception instanceof InvalidRecordException invalid
                ? invalid.reason() : RejectReason.MALFORMED_AVRO;
        return DeserializationExceptionHandler.Response.resume(
                deadLetter(context, record.key(), record.value(), reason, detail(exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                                          final Exception exception) {
        final RejectReason reason;
        if (exception instanceof InvalidRecordException invalid) {
            reason = invalid.reason();
        } else {
            reason = RejectReason.PROCESSING_ERROR;
            LOG.error("Processing {}-{}@{} in {} failed unexpectedly; the record goes to the dead-letter topic",
                    context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
        }
        return ProcessingExceptionHandler.Response.resume(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), reason, detail(exception)));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(final ErrorHandlerContext context, final byte[] key,
                                                            final byte[] value, final RejectReason reason,
                                                            final String detail) {
        Counter.builder(DEAD_LETTERS_METER)
                .description("Records sent to the dead-letter topic, by reason")
                .tag("reason", reason.tag())
                .register(meters)
                .increment();
        if (reason == RejectReason.LATE) {
            lateEvents.increment();
        }
        LOG.warn("Dead-lettered {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), reason.tag());
        return List.of(DeadLetter.record(deadLetterTopic, key, value,
                DeadLetter.fromTopic(reason, detail, context.topic(), context.partition(), context.offset())));
    }

    /** Our own exceptions carry details free of payload; anything else is named by its type only. */
    private static String detail(final Exception exception) {
        return exception instanceof InvalidRecordException ? exception.getMessage() : exception.getClass().getName();
    }
}
