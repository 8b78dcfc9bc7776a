package com.salespulse.kpi.bucket;

import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link MeasureDelta} for the hottest path of the pipeline: every event
 * updates a few dozen buffered deltas. Layout: the catalog's measure fingerprint (8 bytes), flags,
 * the optional earliest event time and watermark, then the non-zero measures as (measure ordinal,
 * zig-zag varint value) pairs. Deltas live for one flush interval and one trip through the
 * repartition topic; the fingerprint makes a version with a different measure list refuse deltas
 * written by another one instead of misreading them (drain the pipeline before such an upgrade).
 */
public final class MeasureDeltaSerde implements Serde<MeasureDelta> {
    private static final long FINGERPRINT = fingerprint();
    private static final int HAS_EARLIEST = 1;
    private static final int HAS_WATERMARK = 2;
    private static final int INPUT_IDLE = 4;

    @Override
    public Serializer<MeasureDelta> serializer() {
        return (topic, delta) -> delta == null ? null : write(delta);
    }

    @Override
    public Deserializer<MeasureDelta> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(final MeasureDelta delta) {
        final ByteBuffer out = Varints.scratch();
        out.putLong(FINGERPRINT);
        out.put((byte) ((delta.earliestEventAt() == null ? 0 : HAS_EARLIEST) | (delta.watermark() == null ? 0 : HAS_WATERMARK)
                | (delta.inputIdle() ? INPUT_IDLE : 0)));
        if (delta.earliestEventAt() != null) {
            Varints.putSigned(out, delta.earliestEventAt());
        }
        if (delta.watermark() != null) {
            Varints.putSigned(out, delta.watermark());
        }
        final Measures measures = delta.measures();
        for (int ordinal = 0; ordinal < Measure.count(); ordinal++) {
            final long value = measures.get(Measure.byOrdinal(ordinal));
            if (value != 0) {
                Varints.putSigned(out, ordinal);
                Varints.putSigned(out, value);
            }
        }
        return Varints.bytes(out);
    }

    static MeasureDelta read(final byte[] bytes) {
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getLong() != FINGERPRINT) {
            throw new SerializationException("bucket delta written by a version with another measure catalog");
        }
        final int flags = in.get();
        final Long earliest = (flags & HAS_EARLIEST) != 0 ? Varints.getSigned(in) : null;
        final Long watermark = (flags & HAS_WATERMARK) != 0 ? Varints.getSigned(in) : null;
        final Measures measures = new Measures();
        while (in.hasRemaining()) {
            final int ordinal = (int) Varints.getSigned(in);
            measures.add(Measure.byOrdinal(ordinal), Varints.getSigned(in));
        }
        return new MeasureDelta(measures, earliest, watermark, (flags & INPUT_IDLE) != 0);
    }

    private static long fingerprint() {
        long hash = 1125899906842597L;
        for (int ordinal = 0; ordinal < Measure.count(); ordinal++) {
            for (final byte b : Measure.byOrdinal(ordinal).key().getBytes(StandardCharsets.UTF_8)) {
                hash = 31 * hash + b;
            }
            hash = 31 * hash + '|';
        }
        return hash;
    }
}
