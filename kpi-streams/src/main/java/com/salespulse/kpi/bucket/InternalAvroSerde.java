package com.salespulse.kpi.bucket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro for the pipeline's own stores and repartition topics, in Avro's single-object encoding:
 * two marker bytes, the writer schema's 8-byte fingerprint, then the binary body. A lookup in a
 * registry per record would cost more than the record; the fingerprint still tells which schema
 * wrote it, so state written by an older version of the application is read through Avro's schema
 * resolution once that version's schema is passed to {@link #InternalAvroSerde(Class, Schema...)}
 * (keep the old {@code .avsc} when changing an internal schema).
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /**
     * @param type          the generated class, whose schema writes and reads
     * @param olderVersions schemas earlier versions of the application wrote this type with
     */
    public InternalAvroSerde(final Class<T> type, final Schema... olderVersions) {
        final SpecificData data = SpecificData.getForClass(type);
        final Schema schema = data.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(data, schema);
        this.decoder = new BinaryMessageDecoder<>(data, schema);
        for (final Schema older : olderVersions) {
            decoder.addSchema(older);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(final T value) {
        try {
            final ByteBuffer buffer = encoder.encode(value);
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private T read(final byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
