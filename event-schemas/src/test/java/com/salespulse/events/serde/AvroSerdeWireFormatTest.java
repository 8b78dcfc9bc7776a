package com.salespulse.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.TestEvents;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.registry.SchemaRegistryClient;
import com.salespulse.events.registry.SchemaRegistryException;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serde against the Confluent wire format, byte for byte: other tools (Confluent's
 * deserializer, kcat, Kafka's console consumer with a schema-registry formatter) read these topics,
 * so "our serde reads what our serde wrote" is not enough. The expected bytes come from plain Avro,
 * not from the serde.
 */
class AvroSerdeWireFormatTest {
    private static final String TOPIC = "sales.crm-events";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shouldStartWithMagicByteAndBigEndianIdWhenSerializing() {
        // Given a registry that hands out an id with four distinct bytes
        final SchemaRegistryClient registry = fixedIdRegistry(0x0A0B0C0D);
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(registry, SalesEvent.class);

        // When
        final byte[] bytes = serde.serialize(TOPIC, TestEvents.fullyPopulated());

        // Then
        assertThat(bytes[0]).isEqualTo((byte) 0x00);
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0x0A, 0x0B, 0x0C, 0x0D);
    }

    @Test
    void shouldMatchPlainAvroBinaryWhenBodyIsComparedByteForByte() throws IOException {
        // Given
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(registry, SalesEvent.class);
        final SalesEvent event = TestEvents.fullyPopulated();

        // When
        final byte[] bytes = serde.serialize(TOPIC, event);

        // Then the header holds the id the registry gave under <topic>-value, the body is plain Avro
        final int id = registry.register("sales.crm-events-value", SalesEvent.getClassSchema());
        assertThat(bytes[0]).isEqualTo(AvroSerde.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(Arrays.copyOfRange(bytes, AvroSerde.HEADER_SIZE, bytes.length)).isEqualTo(plainAvro(event));
    }

    @Test
    void shouldBeReadableByPlainGenericReaderWhenStartingAtByteFive() throws IOException {
        // Given
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        final SalesEvent event = TestEvents.fullyPopulated();
        final byte[] bytes = new AvroSerde<>(registry, SalesEvent.class).serialize(TOPIC, event);
        final Schema writerSchema = registry.schemaById(ByteBuffer.wrap(bytes, 1, 4).getInt());

        // When a reader with no conversions and no generated classes decodes the body
        final GenericRecord read = new GenericDatumReader<GenericRecord>(writerSchema).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        // Then every field holds the value written, in Avro's plain representation
        assertThat(read.get("eventId")).isEqualTo("E-1");
        assertThat(read.get("type")).hasToString("DEAL_WON");
        assertThat(read.get("occurredAt")).isEqualTo(TestEvents.T0.toEpochMilli() + 123);
        assertThat(read.get("leadId")).isEqualTo("L-42");
        assertThat(read.get("repId")).isEqualTo("R7");
        assertThat(read.get("source")).hasToString("CRM");
        assertThat(read.get("channel")).isEqualTo("referral");
        assertThat(read.get("region")).isEqualTo("EMEA");
        assertThat(read.get("campaignId")).isEqualTo("C-9");
        assertThat(read.get("activity")).hasToString("DEMO");
        assertThat(read.get("automated")).isEqualTo(true);
        assertThat(read.get("sentiment")).hasToString("POSITIVE");
        assertThat(read.get("stage")).hasToString("CUSTOMER");
        assertThat(read.get("opportunityId")).isEqualTo("O-3");
        assertThat(decimal(read, "amount")).isEqualTo(new BigDecimal("1200.5000"));
        assertThat(read.get("currency")).isEqualTo("EUR");
        assertThat(decimal(read, "cost")).isEqualTo(new BigDecimal("300.2500"));
        assertThat(read.get("dealType")).hasToString("UPSELL");
        assertThat(read.get("reason")).isEqualTo("Grüße, \"quoted\"");
        assertThat(read.get("score")).isEqualTo(9);
        assertThat(writerSchema.getFields()).hasSize(20);
    }

    @Test
    void shouldReadBackEqualRecordWhenRoundTripped() {
        // Given
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(), SalesEvent.class);
        final SalesEvent event = TestEvents.fullyPopulated();

        // When
        final SalesEvent read = serde.deserialize(TOPIC, serde.serialize(TOPIC, event));

        // Then
        assertThat(read).isEqualTo(event);
    }

    @Test
    void shouldMatchPinnedBytesWhenSerializingTinyRep() {
        // Given a fresh registry, so the schema gets id 1
        final AvroSerde<Rep> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(), Rep.class);
        final Rep rep = new Rep("R1", "Ann", "T1", "EMEA", "UTC", new BigDecimal("1.5000"));

        // When
        final byte[] bytes = serde.serialize("sales.reps", rep);

        // Then, worked out by hand from the Avro specification:
        // 00 00000001   magic byte, schema id 1 (big-endian)
        // 04 5231       "R1": zig-zag length 2 = 0x04, then UTF-8
        // 06 416e6e     "Ann"
        // 04 5431       "T1"
        // 08 454d4541   "EMEA"
        // 06 555443     "UTC"
        // 02            union branch 1 (the decimal, not null)
        // 04 3a98       1.5000 at scale 4 = unscaled 15000 = 0x3a98, two bytes big-endian two's complement
        assertThat(HEX.formatHex(bytes)).isEqualTo("0000000001" + "045231" + "06416e6e" + "045431"
                + "08454d4541" + "06555443" + "02" + "043a98");
    }

    @Test
    void shouldMatchPinnedBytesWhenSerializingTinyKpiChange() {
        // Given
        final AvroSerde<KpiChange> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(), KpiChange.class);
        final KpiChange change = new KpiChange("k", "org", "all", "P1D", Instant.EPOCH, Instant.ofEpochMilli(1000),
                null, 1.0, 2.0, "count", null, 1L, true, Instant.ofEpochMilli(1000));

        // When
        final byte[] bytes = serde.serialize("sales.kpi-changes", change);

        // Then, by hand:
        // 00 00000001                magic byte, schema id 1
        // 02 6b                      "k"
        // 06 6f7267                  "org"
        // 06 616c6c                  "all"
        // 06 503144                  "P1D"
        // 00                         windowStart 0 ms, zig-zag 0
        // d00f                       windowEnd 1000 ms: zig-zag 2000 = 0x7d0, varint low 7 bits 0x50|0x80, then 0x0f
        // 00                         value: union branch 0 (null)
        // 000000000000f03f           numerator 1.0, IEEE 754 little-endian
        // 0000000000000040           denominator 2.0
        // 0a 636f756e74              "count"
        // 00                         previousValue null
        // 02                         revision 1, zig-zag 2
        // 01                         final true
        // d00f                       emittedAt 1000 ms
        assertThat(HEX.formatHex(bytes)).isEqualTo("0000000001" + "026b" + "066f7267" + "06616c6c" + "06503144"
                + "00" + "d00f" + "00" + "000000000000f03f" + "0000000000000040" + "0a636f756e74" + "00" + "02" + "01"
                + "d00f");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void shouldRejectAsMalformedAvroWhenBytesAreNotARecord(final String description, final byte[] bytes) {
        // Given
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(registryWithSalesEvent(), SalesEvent.class);

        // When / Then
        assertThatThrownBy(() -> serde.deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_AVRO));
    }

    static Stream<Arguments> malformedRecords() {
        final byte[] valid = new AvroSerde<>(registryWithSalesEvent(), SalesEvent.class)
                .serialize(TOPIC, TestEvents.fullyPopulated());
        final byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 0x01;
        final byte[] unknownId = valid.clone();
        unknownId[4] = 99;
        final byte[] garbageBody = new byte[32];
        Arrays.fill(garbageBody, (byte) 0xFF);
        garbageBody[0] = 0;
        garbageBody[4] = 1;
        final byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        return Stream.of(
                Arguments.of("text, not Avro", "not avro at all".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("empty", new byte[0]),
                Arguments.of("header cut short", new byte[] {0, 0, 0}),
                Arguments.of("wrong magic byte", wrongMagic),
                Arguments.of("schema id unknown to the registry", unknownId),
                Arguments.of("valid header, 0xff body", garbageBody),
                Arguments.of("a byte after the record", trailing));
    }

    @Test
    void shouldRejectAsMalformedAvroWhenRecordIsTruncatedAnywhere() {
        // Given
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(), SalesEvent.class);
        final byte[] valid = serde.serialize(TOPIC, TestEvents.fullyPopulated());

        // When every proper prefix is read
        final List<RejectReason> reasons = IntStream.range(0, valid.length)
                .mapToObj(length -> reasonOf(() -> serde.deserialize(TOPIC, Arrays.copyOf(valid, length))))
                .toList();

        // Then every one is refused as malformed, none decodes or escapes as another exception
        assertThat(reasons).hasSize(valid.length).containsOnly(RejectReason.MALFORMED_AVRO);
    }

    @Test
    void shouldRejectWithoutAllocatingTheClaimedLengthWhenAStringLengthRunsPastTheEnd() {
        // Given a record whose eventId claims 1 GiB (zigzag varint 80 80 80 80 08; Avro's own limit is 2 GiB) and holds none
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(registryWithSalesEvent(), SalesEvent.class);
        final byte[] bytes = frame(1, HEX.parseHex("8080808008"));
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        // When
        final RejectReason reason = reasonOf(() -> serde.deserialize(TOPIC, bytes));

        // Then it is malformed, found out before the 1 GiB was allocated (a reader's first use allocates some
        // kilobytes of its own; 16 MB leaves room for that and none for the claimed length)
        assertThat(reason).isEqualTo(RejectReason.MALFORMED_AVRO);
        assertThat(threads.getCurrentThreadAllocatedBytes() - allocatedBefore).isLessThan(16L << 20);
    }

    @Test
    void shouldPropagateRegistryFailureWhenRegistryIsDownRatherThanDeadLetter() {
        // Given a registry that cannot be reached: the record may be fine, so it must not go to the DLQ
        final SchemaRegistryClient down = new SchemaRegistryClient() {
            @Override
            public int register(final String subject, final Schema schema) {
                throw new SchemaRegistryException("cannot reach the schema registry");
            }

            @Override
            public Schema schemaById(final int id) {
                throw new SchemaRegistryException("cannot reach the schema registry");
            }
        };
        final byte[] bytes = new AvroSerde<>(registryWithSalesEvent(), SalesEvent.class)
                .serialize(TOPIC, TestEvents.fullyPopulated());

        // When / Then
        assertThatThrownBy(() -> new AvroSerde<>(down, SalesEvent.class).deserialize(TOPIC, bytes))
                .isExactlyInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldFillDefaultsWhenWrittenWithOlderSubsetSchema() throws IOException {
        // Given an earlier SalesEvent schema with four fields and fewer event types, registered as such
        final Schema older = new Schema.Parser().parse("""
                {"type": "record", "name": "SalesEvent", "namespace": "com.salespulse.events", "fields": [
                  {"name": "eventId", "type": "string"},
                  {"name": "type", "type": {"type": "enum", "name": "EventType",
                    "symbols": ["LEAD_CREATED", "LEAD_ASSIGNED", "DEAL_WON"]}},
                  {"name": "occurredAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "leadId", "type": ["null", "string"], "default": null}
                ]}""");
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        final int id = registry.register("sales.crm-events-value", older);
        final GenericRecord record = new GenericData.Record(older);
        record.put("eventId", "E-old");
        record.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "LEAD_ASSIGNED"));
        record.put("occurredAt", TestEvents.T0.toEpochMilli());
        record.put("leadId", "L-1");
        final byte[] bytes = frame(id, genericAvro(older, record));

        // When
        final SalesEvent read = new AvroSerde<>(registry, SalesEvent.class).deserialize(TOPIC, bytes);

        // Then the written fields carry over and the rest take the current schema's defaults
        final SalesEvent expected = new SalesEvent();
        expected.setEventId("E-old");
        expected.setType(EventType.LEAD_ASSIGNED);
        expected.setOccurredAt(TestEvents.T0);
        expected.setLeadId("L-1");
        expected.setAutomated(false);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void shouldIgnoreExtraFieldWhenWrittenWithNewerSchema() throws IOException {
        // Given a later Rep schema with one more field
        final Schema newer = new Schema.Parser().parse("""
                {"type": "record", "name": "Rep", "namespace": "com.salespulse.events", "fields": [
                  {"name": "repId", "type": "string"},
                  {"name": "name", "type": "string"},
                  {"name": "teamId", "type": "string"},
                  {"name": "region", "type": "string"},
                  {"name": "timezone", "type": "string"},
                  {"name": "managerId", "type": ["null", "string"], "default": null},
                  {"name": "monthlyQuota", "type": ["null", {"type": "bytes", "logicalType": "decimal",
                    "precision": 24, "scale": 4}], "default": null}
                ]}""");
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        final int id = registry.register("sales.reps-value", newer);
        final GenericRecord record = new GenericData.Record(newer);
        record.put("repId", "R1");
        record.put("name", "Ann");
        record.put("teamId", "T1");
        record.put("region", "EMEA");
        record.put("timezone", "UTC");
        record.put("managerId", "R0");
        final Schema quota = newer.getField("monthlyQuota").schema().getTypes().get(1);
        record.put("monthlyQuota", new Conversions.DecimalConversion().toBytes(new BigDecimal("10.0000"),
                quota, quota.getLogicalType()));

        // When
        final Rep read = new AvroSerde<>(registry, Rep.class).deserialize("sales.reps", frame(id, genericAvro(newer, record)));

        // Then
        assertThat(read).isEqualTo(new Rep("R1", "Ann", "T1", "EMEA", "UTC", new BigDecimal("10.0000")));
    }

    @Test
    void shouldRejectAsMalformedAvroWhenADecimalHasMoreDigitsThanTheSchemaHolds() throws IOException {
        // Given a Rep whose quota bytes hold 10^30 at scale 4: 31 digits where decimal(24, 4) holds 24. Avro reads
        // such bytes, but would refuse to write them again. (Found by AvroSerdeFuzzTest, in SalesEvent.cost.)
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        final int id = registry.register("sales.reps-value", Rep.getClassSchema());
        final GenericRecord record = new GenericData.Record(Rep.getClassSchema());
        record.put("repId", "R1");
        record.put("name", "Ann");
        record.put("teamId", "T1");
        record.put("region", "EMEA");
        record.put("timezone", "UTC");
        record.put("monthlyQuota", ByteBuffer.wrap(BigInteger.TEN.pow(30).toByteArray()));
        final byte[] bytes = frame(id, genericAvro(Rep.getClassSchema(), record));

        // When
        final AvroSerde<Rep> serde = new AvroSerde<>(registry, Rep.class);

        // Then
        assertThatThrownBy(() -> serde.deserialize("sales.reps", bytes))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_AVRO);
                    assertThat(e.getMessage()).contains("monthlyQuota", "decimal(24, 4)");
                });
    }

    @Test
    void shouldPassNullThroughWhenValueIsTombstone() {
        // Given
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(), SalesEvent.class);

        // When / Then
        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }

    private static SchemaRegistryClient registryWithSalesEvent() {
        final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.register("sales.crm-events-value", SalesEvent.getClassSchema());
        return registry;
    }

    private static SchemaRegistryClient fixedIdRegistry(final int id) {
        return new SchemaRegistryClient() {
            @Override
            public int register(final String subject, final Schema schema) {
                return id;
            }

            @Override
            public Schema schemaById(final int requested) {
                return SalesEvent.getClassSchema();
            }
        };
    }

    private static byte[] plainAvro(final SalesEvent event) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SalesEvent>(SalesEvent.getClassSchema(), event.getSpecificData()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] genericAvro(final Schema schema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] frame(final int id, final byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    private static BigDecimal decimal(final GenericRecord record, final String field) {
        final Schema decimalSchema = record.getSchema().getField(field).schema().getTypes().get(1);
        return new Conversions.DecimalConversion().fromBytes((ByteBuffer) record.get(field), decimalSchema,
                decimalSchema.getLogicalType());
    }

    private static RejectReason reasonOf(final Runnable action) {
        try {
            action.run();
            return null;
        } catch (final InvalidRecordException e) {
            return e.reason();
        }
    }
}
