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
    /** BucketState as a first version wrote it: only the totals map. */
    private static final Schema FIRST_VERSION = new Schema.Parser().parse("""
            {"type": "record", "name": "BucketState", "namespace": "com.salespulse.kpi.bucket",
             "fields": [{"name": "totals", "type": {"type": "map", "values": "long"}}]}
            """);

    @Test
    void shouldReadBackWhatItWroteWhenTheSchemaIsTheSame() {
        // Given
        final InternalAvroSerde<BucketState> serde = new InternalAvroSerde<>(BucketState.class);
        final BucketState delta = new BucketState(Map.of("leads_created", 3L), Map.of("leads_created", 1L));

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
        oldData.put("totals", Map.of("deals_won", 2L));
        final byte[] written = writeWithSchema(oldData);

        // When the current serde, told about that version, reads it
        final BucketState read = new InternalAvroSerde<>(BucketState.class, FIRST_VERSION)
                .deserializer().deserialize("t", written);

        // Then the new field takes its default
        assertThat(read.getTotals()).containsEntry("deals_won", 2L);
        assertThat(read.getRevisions()).isEmpty();
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
