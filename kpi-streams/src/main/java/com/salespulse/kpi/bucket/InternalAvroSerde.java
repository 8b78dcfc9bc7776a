package com.salespulse.kpi.bucket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary for the pipeline's own stores and repartition topics. Their schemas belong to
 * the application version that writes and reads them, so they carry no registry id: a lookup per
 * record would cost more than the record.
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    public InternalAvroSerde(final Class<T> type) {
        final SpecificData data = SpecificData.getForClass(type);
        this.writer = new SpecificDatumWriter<>(data.getSchema(type), data);
        this.reader = new SpecificDatumReader<>(data.getSchema(type), data.getSchema(type), data);
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
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private T read(final byte[] bytes) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
