package com.salespulse.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.serde.AvroSerde;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.SalesEventValidator;
import java.nio.charset.StandardCharsets;

/**
 * Any line of an import file or body of a webhook call either parses into an event that keeps the
 * contract, or is refused with a reason; nothing else may come out of the parser, because the
 * importer would turn any other exception into a vague dead letter and the webhook into a 500.
 *
 * <p>A normal test run replays the inputs under {@code SalesEventJsonFuzzTestInputs} (seeds and
 * every input that once failed); {@code JAZZER_FUZZ=1} fuzzes (README, Development).
 */
class SalesEventJsonFuzzTest {
    private static final String TOPIC = "sales.crm-events";
    private static final AvroSerde<SalesEvent> AVRO = new AvroSerde<>(new InMemorySchemaRegistryClient(), SalesEvent.class);

    @FuzzTest(maxDuration = "5m")
    void shouldReturnAValidEventOrRejectItWithAReasonWhenGivenAnyLine(final byte[] line) {
        // The importer decodes each line as UTF-8 before parsing it; so does this test.
        final String json = new String(line, StandardCharsets.UTF_8);
        final SalesEvent event;
        try {
            event = SalesEventJson.parse(json);
        } catch (final InvalidRecordException rejected) {
            assertRejectedWithoutPayload(rejected);
            return;
        }
        // A parsed event keeps the contract, writes back to the same JSON, and travels through Avro unchanged.
        SalesEventValidator.validate(event);
        assertThat(SalesEventJson.parse(SalesEventJson.write(event))).isEqualTo(event);
        assertThat(AVRO.deserialize(TOPIC, AVRO.serialize(TOPIC, event))).isEqualTo(event);
    }

    /**
     * A reason for the metric, and a detail fit for dead-letter headers and logs: no cause (Jackson's
     * and java.time's messages quote the input) and no {@code @}, which no message of ours holds, so
     * one there came from the input, e.g. an e-mail address.
     */
    static void assertRejectedWithoutPayload(final InvalidRecordException rejected) {
        assertThat(rejected.reason()).isNotNull();
        assertThat(rejected.getCause()).isNull();
        assertThat(rejected.getMessage()).isNotBlank().doesNotContain("@");
    }
}
