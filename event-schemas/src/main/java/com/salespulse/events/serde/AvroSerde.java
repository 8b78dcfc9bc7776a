package com.salespulse.events.serde;

import com.salespulse.events.registry.SchemaRegistryClient;
import com.salespulse.events.registry.SchemaRegistryException;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serde in the Confluent Schema Registry wire format: byte 0x00, the schema's 4-byte
 * big-endian global id, then the Avro binary body. The writer schema is registered under
 * {@code <topic>-value} (or {@code <topic>-key}); a reader resolves the writer schema by id, so
 * records written with an older or newer compatible schema are read into the generated class.
 *
 * <p>Deserialization failures throw {@link InvalidRecordException} with reason
 * {@link RejectReason#MALFORMED_AVRO}, which the pipeline routes to the dead-letter topic. That
 * includes a schema id the registry does not know; a registry that cannot be reached is not the
 * record's fault, so that {@link SchemaRegistryException} propagates instead. A corrupt length
 * prefix is refused before anything is allocated ({@link BoundedBinaryDecoder}), so no input makes
 * the reader allocate more than the record's own size; a decimal with more digits than its
 * schema's precision is refused too, so that every record read can be written again.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final boolean isKey;
    private final SpecificData specificData;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readerById = new ConcurrentHashMap<>();
    private final List<DecimalField> decimalFields;

    public AvroSerde(final SchemaRegistryClient registry, final Class<T> type) {
        this(registry, type, false);
    }

    public AvroSerde(final SchemaRegistryClient registry, final Class<T> type, final boolean isKey) {
        this.registry = registry;
        this.specificData = SpecificData.getForClass(type);
        this.schema = specificData.getSchema(type);
        this.isKey = isKey;
        this.writer = new SpecificDatumWriter<>(schema, specificData);
        this.decimalFields = decimalFields(schema);
    }

    public Schema schema() {
        return schema;
    }

    /** The subject a record of {@code topic} is registered under. */
    public String subject(final String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        final int id = idBySubject.computeIfAbsent(subject(topic), subject -> registry.register(subject, schema));
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + schema.getFullName() + " for " + topic + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < HEADER_SIZE || bytes[0] != MAGIC_BYTE) {
            throw new InvalidRecordException(RejectReason.MALFORMED_AVRO,
                    "not in the schema-registry wire format (no magic byte 0x00 and schema id)");
        }
        final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        final SpecificDatumReader<T> reader = readerFor(id);
        try {
            final BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE);
            final T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new InvalidRecordException(RejectReason.MALFORMED_AVRO,
                        "trailing bytes after a " + schema.getName() + " with schema id " + id);
            }
            requireDecimalsFit(value, id);
            return value;
        } catch (final IOException | RuntimeException e) {
            if (e instanceof InvalidRecordException invalid) {
                throw invalid;
            }
            throw new InvalidRecordException(RejectReason.MALFORMED_AVRO,
                    "cannot decode a " + schema.getName() + " with schema id " + id + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The reader resolving writer schema {@code id} into the generated class. An id the registry
     * does not know can only come from a corrupt or foreign record, so it is a bad record for the
     * dead-letter topic; any other registry failure (unreachable, refused) propagates as
     * {@link SchemaRegistryException}, because dead-lettering good records while the registry is
     * down would lose them.
     */
    private SpecificDatumReader<T> readerFor(final int id) {
        final SpecificDatumReader<T> cached = readerById.get(id);
        if (cached != null) {
            return cached;
        }
        final Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (final SchemaRegistryException e) {
            if (e.isSchemaNotFound()) {
                throw new InvalidRecordException(RejectReason.MALFORMED_AVRO,
                        "schema id " + id + " of a " + schema.getName() + " is unknown to the schema registry", e);
            }
            throw e;
        }
        final SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, schema, specificData);
        final SpecificDatumReader<T> raced = readerById.putIfAbsent(id, reader);
        return raced == null ? reader : raced;
    }

    /**
     * Avro reads a decimal's unscaled bytes whatever their length, but writes only what the schema's
     * precision holds; a record read must be one that can be written again, so a decimal with more
     * digits is malformed like any other broken field. The bit length is checked first: counting the
     * digits of a number a megabyte long would take seconds.
     */
    private void requireDecimalsFit(final T value, final int id) {
        for (final DecimalField field : decimalFields) {
            if (value.get(field.position()) instanceof BigDecimal decimal
                    && (decimal.unscaledValue().bitLength() > field.maxBits() || decimal.precision() > field.precision())) {
                throw new InvalidRecordException(RejectReason.MALFORMED_AVRO, "a " + schema.getName() + " with schema id "
                        + id + " has more digits in " + field.name() + " than decimal(" + field.precision() + ", "
                        + field.scale() + ") holds");
            }
        }
    }

    /** The top-level fields of {@code schema} that hold a decimal, alone or in a union with null. */
    private static List<DecimalField> decimalFields(final Schema schema) {
        final List<DecimalField> fields = new ArrayList<>();
        if (schema.getType() != Schema.Type.RECORD) {
            return fields;
        }
        for (final Schema.Field field : schema.getFields()) {
            final List<Schema> branches = field.schema().isUnion() ? field.schema().getTypes() : List.of(field.schema());
            for (final Schema branch : branches) {
                if (branch.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    fields.add(new DecimalField(field.pos(), field.name(), decimal.getPrecision(), decimal.getScale()));
                }
            }
        }
        return List.copyOf(fields);
    }

    private record DecimalField(int position, String name, int precision, int scale) {
        /** Bits of the largest unscaled value of {@code precision} digits: 10^24 - 1 needs 80. */
        int maxBits() {
            return (int) Math.ceil(precision * Math.log(10) / Math.log(2));
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }
}
