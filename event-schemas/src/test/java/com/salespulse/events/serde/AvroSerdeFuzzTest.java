package com.salespulse.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.salespulse.events.Alert;
import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import org.apache.avro.specific.SpecificRecord;

/**
 * Whatever bytes arrive on a topic, the deserializer returns a record or throws
 * {@link InvalidRecordException} with {@link RejectReason#MALFORMED_AVRO}, which the pipeline
 * dead-letters: no other exception, no hang, and no allocation larger than the input asks for.
 *
 * <p>The registry holds the real schemas, so that the fuzzer reaches the Avro body through every
 * known schema id, the matching one and the foreign ones, which must be resolved or refused. Ids:
 * {@value #SALES_EVENT_ID} SalesEvent, 2 WebFormSubmission, {@value #REP_ID} Rep, 4 KpiChange,
 * 5 Alert; the seeds under {@code AvroSerdeFuzzTestInputs} were written with these ids.
 */
class AvroSerdeFuzzTest {
    static final int SALES_EVENT_ID = 1;
    static final int REP_ID = 3;
    private static final InMemorySchemaRegistryClient REGISTRY = registryWithTheRealSchemas();
    private static final AvroSerde<SalesEvent> EVENTS = new AvroSerde<>(REGISTRY, SalesEvent.class);
    private static final AvroSerde<Rep> REPS = new AvroSerde<>(REGISTRY, Rep.class);

    @FuzzTest(maxDuration = "5m")
    void shouldReturnAnEventOrRejectItAsMalformedAvroWhenGivenAnyBytes(final byte[] bytes) {
        assertReadOrRejected(EVENTS, "sales.crm-events", bytes);
    }

    @FuzzTest(maxDuration = "3m")
    void shouldReturnARepOrRejectItAsMalformedAvroWhenGivenAnyBytes(final byte[] bytes) {
        assertReadOrRejected(REPS, "sales.reps", bytes);
    }

    private static <T extends SpecificRecord> void assertReadOrRejected(final AvroSerde<T> serde, final String topic,
                                                                      final byte[] bytes) {
        final T record;
        try {
            record = serde.deserialize(topic, bytes);
        } catch (final InvalidRecordException rejected) {
            assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED_AVRO);
            return;
        }
        // What was read is a record of the schema: it writes, and reads back the same.
        assertThat(record).isNotNull();
        assertThat(serde.deserialize(topic, serde.serialize(topic, record))).isEqualTo(record);
    }

    static InMemorySchemaRegistryClient registryWithTheRealSchemas() {
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.register("sales.crm-events-value", SalesEvent.getClassSchema());
        registry.register("sales.webform-submissions-value", WebFormSubmission.getClassSchema());
        registry.register("sales.reps-value", Rep.getClassSchema());
        registry.register("sales.kpi-changes-value", KpiChange.getClassSchema());
        registry.register("sales.alerts-value", Alert.getClassSchema());
        return registry;
    }
}
