package com.salespulse.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.salespulse.events.Rep;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.serde.AvroSerde;
import com.salespulse.events.validation.InvalidRecordException;
import java.nio.charset.StandardCharsets;

/**
 * Any roster line either parses into a rep that writes back and travels through Avro unchanged, or
 * is refused with a reason and a detail free of payload. Inputs: {@code RepJsonFuzzTestInputs}.
 */
class RepJsonFuzzTest {
    private static final String TOPIC = "sales.reps";
    private static final AvroSerde<Rep> AVRO = new AvroSerde<>(new InMemorySchemaRegistryClient(), Rep.class);

    @FuzzTest(maxDuration = "3m")
    void shouldReturnARepOrRejectItWithAReasonWhenGivenAnyLine(final byte[] line) {
        final Rep rep;
        try {
            rep = RepJson.parse(new String(line, StandardCharsets.UTF_8));
        } catch (final InvalidRecordException rejected) {
            SalesEventJsonFuzzTest.assertRejectedWithoutPayload(rejected);
            return;
        }
        assertThat(RepJson.parse(RepJson.write(rep))).isEqualTo(rep);
        assertThat(AVRO.deserialize(TOPIC, AVRO.serialize(TOPIC, rep))).isEqualTo(rep);
    }
}
