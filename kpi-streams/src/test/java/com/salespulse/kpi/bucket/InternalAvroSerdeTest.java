package com.salespulse.kpi.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class InternalAvroSerdeTest {
    /** MeasureDelta as a first version wrote it: only the values map. */
    private static final Schema FIRST_VERSION = new Schema.Parser().parse("""
            {"type": "record", "name": "MeasureDelta", "namespace": "com.salespulse.kpi.bucket",
             "fields": [{"name": "values", "type": {"type": "map", "values": "long"}}]}
            """);

    @Test
    void shouldReadBackWhatItWroteWhenTheSchemaIsTheSame() {
        // Given
        final InternalAvroSerde<MeasureDelta> serde = new InternalAvroSerde<>(MeasureDelta.class);
        final MeasureDelta delta = new MeasureDelta(Map.of("leads_created", 3L), 1_000L, null);

        // When
        final byte[] bytes = serde.serializer().serialize("t", delta);

        // Then single-object encoding: marker C3 01, then the fingerprint and the body
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(delta);
    }

    @Test
    void shouldReadStateAnOlderVersionWroteWhenItsSchemaIsKnown() {
        // Given a record written with the first version's schema
        final GenericData.Record oldData = new GenericData.Record(FIRST_VERSION);
        oldData.put("values", Map.of("deals_won", 2L));
        final byte[] written = writeWithSchema(oldData);

        // When the current serde, told about that version, reads it
        final MeasureDelta read = new InternalAvroSerde<>(MeasureDelta.class, FIRST_VERSION)
                .deserializer().deserialize("t", written);

        // Then the new fields take their defaults
        assertThat(read.getValues()).containsEntry("deals_won", 2L);
        assertThat(read.getEarliestEventAt()).isNull();
        assertThat(read.getWatermark()).isNull();
    }

    private static byte[] writeWithSchema(final GenericData.Record record) {
        try {
            final ByteBuffer buffer = new BinaryMessageEncoder<GenericData.Record>(
                    GenericData.get(), FIRST_VERSION).encode(record);
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
