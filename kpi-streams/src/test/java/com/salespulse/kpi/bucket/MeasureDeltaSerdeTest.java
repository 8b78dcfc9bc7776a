package com.salespulse.kpi.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MeasureDeltaSerdeTest {
    private final MeasureDeltaSerde serde = new MeasureDeltaSerde();

    @Test
    void shouldReadBackEveryMeasureWhenValuesAreLargeNegativeOrZero() {
        // Given deltas with random values, many zero, some negative or at the extremes of long
        final Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            final Measures measures = new Measures();
            for (final Measure measure : Measure.values()) {
                final int pick = random.nextInt(5);
                measures.add(measure, pick == 0 ? Long.MIN_VALUE + random.nextInt(3) : pick == 1 ? Long.MAX_VALUE
                        : pick == 2 ? 0 : random.nextLong() % 1_000_000);
            }
            final MeasureDelta delta = new MeasureDelta(measures, round % 2 == 0 ? null : random.nextLong(),
                    round % 3 == 0 ? Long.valueOf(-random.nextInt(1000)) : null, round % 5 == 0);

            // When
            final MeasureDelta read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", delta));

            // Then
            assertThat(read).isEqualTo(delta);
        }
    }

    @Test
    void shouldRefuseADeltaWhenItWasWrittenWithAnotherMeasureCatalog() {
        // Given a delta whose fingerprint is not this catalog's
        final byte[] bytes = serde.serializer().serialize("t", MeasureDelta.of(new Measures().add(Measure.LEADS_CREATED, 1), 5));
        bytes[0] ^= 0x55;

        // When / Then
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).isInstanceOf(SerializationException.class);
    }
}
