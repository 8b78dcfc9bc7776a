package com.salespulse.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.Activity;
import com.salespulse.events.DealType;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.events.TestEvents;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.serde.AvroSerde;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.events.validation.SalesEventValidator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON event form of DESIGN.md section 5: what it accepts, how it refuses, and that it round-trips. */
class SalesEventJsonTest {
    private static final String LEAD_CREATED = """
            {"eventId":"E1","type":"LEAD_CREATED","occurredAt":"2026-11-02T10:00:00Z","leadId":"L1",\
            "channel":"paid","region":"EMEA"}""";
    private static final String DEAL_WON_PREFIX = """
            {"eventId":"E2","type":"DEAL_WON","occurredAt":"2026-11-02T10:00:00Z","leadId":"L1","repId":"R7",\
            "opportunityId":"O1\"""";

    @Test
    void shouldReadEveryFieldWhenAllArePresent() {
        // Given every field of the contract, in an order other than the contract's
        final String json = """
                {"score":9,"reason":"price","dealType":"UPSELL","cost":"300.25","currency":"EUR","amount":1200.5,
                 "opportunityId":"O-3","stage":"CUSTOMER","sentiment":"POSITIVE","automated":true,"activity":"DEMO",
                 "campaignId":"C-9","region":"EMEA","channel":"referral","source":"CRM","repId":"R7","leadId":"L-42",
                 "occurredAt":"2026-11-02T10:00:00.123Z","type":"DEAL_WON","eventId":"E-1"}""";

        // When
        final SalesEvent event = SalesEventJson.parse(json);

        // Then
        final SalesEvent expected = TestEvents.fullyPopulated();
        expected.setReason("price");
        assertThat(event).isEqualTo(expected);
    }

    @Test
    void shouldWriteContractOrderWhenEveryFieldIsSet() {
        // Given
        final SalesEvent event = TestEvents.fullyPopulated();

        // When
        final String json = SalesEventJson.write(event);

        // Then the order of DESIGN.md section 5, amounts without trailing zeros
        assertThat(json).isEqualTo("{\"eventId\":\"E-1\",\"type\":\"DEAL_WON\",\"occurredAt\":\"2026-11-02T10:00:00.123Z\","
                + "\"leadId\":\"L-42\",\"repId\":\"R7\",\"source\":\"CRM\",\"channel\":\"referral\",\"region\":\"EMEA\","
                + "\"campaignId\":\"C-9\",\"activity\":\"DEMO\",\"automated\":true,\"sentiment\":\"POSITIVE\","
                + "\"stage\":\"CUSTOMER\",\"opportunityId\":\"O-3\",\"amount\":1200.5,\"currency\":\"EUR\","
                + "\"cost\":300.25,\"dealType\":\"UPSELL\",\"reason\":\"Grüße, \\\"quoted\\\"\",\"score\":9}");
    }

    @Test
    void shouldLeaveOutAbsentFieldsAndFalseAutomatedWhenWriting() {
        // Given
        final SalesEvent event = SalesEventJson.parse(LEAD_CREATED);

        // When
        final String json = SalesEventJson.write(event);

        // Then
        assertThat(event.getAutomated()).isFalse();
        assertThat(json).isEqualTo(LEAD_CREATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1200.5", "\"1200.5\"", "1200.50000", "\" 1200.5 \"", "1.2005e3", "\"1.2005E+3\""})
    void shouldNormaliseAmountToScaleFourWhenGivenAsNumberOrString(final String amount) {
        // Given
        final String json = DEAL_WON_PREFIX + ",\"amount\":" + amount + "}";

        // When
        final SalesEvent event = SalesEventJson.parse(json);

        // Then scale 4 exactly, as the Avro decimal(24, 4) reads back
        assertThat(event.getAmount()).isEqualTo(new BigDecimal("1200.5000"));
        assertThat(event.getAmount().scale()).isEqualTo(4);
    }

    @Test
    void shouldWriteWholeAmountWithoutExponentWhenItEndsInZeros() {
        // Given 1000.0000, which stripTrailingZeros alone would print as 1E+3
        final SalesEvent event = SalesEventJson.parse(DEAL_WON_PREFIX + ",\"amount\":1000,\"cost\":0}");

        // When
        final String json = SalesEventJson.write(event);

        // Then
        assertThat(json).endsWith("\"amount\":1000,\"cost\":0}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void shouldRejectAsBadValueWhenFieldIsMalformed(final String description, final String json) {
        // Given / When / Then
        assertRejected(json, RejectReason.BAD_VALUE);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("amount not a number", DEAL_WON_PREFIX + ",\"amount\":\"12,50\"}"),
                Arguments.of("amount a boolean", DEAL_WON_PREFIX + ",\"amount\":true}"),
                Arguments.of("amount an object", DEAL_WON_PREFIX + ",\"amount\":{\"value\":1}}"),
                Arguments.of("amount with five decimals", DEAL_WON_PREFIX + ",\"amount\":1.00001}"),
                Arguments.of("amount string with five decimals", DEAL_WON_PREFIX + ",\"amount\":\"0.00001\"}"),
                Arguments.of("amount beyond decimal(24,4)", DEAL_WON_PREFIX + ",\"amount\":123456789012345678901}"),
                Arguments.of("amount with a huge exponent", DEAL_WON_PREFIX + ",\"amount\":\"1e999999999\"}"),
                // Found by SalesEventJsonFuzzTest: Jackson threw an unwrapped NumberFormatException out of the parser.
                Arguments.of("amount with an exponent beyond an int", DEAL_WON_PREFIX + ",\"amount\":1e9999099999}"),
                Arguments.of("unknown field with an exponent beyond an int",
                        DEAL_WON_PREFIX + ",\"amount\":1,\"x\":-1E-9999999999}"),
                Arguments.of("amount string too long", DEAL_WON_PREFIX + ",\"amount\":\"" + "0".repeat(200) + "1\"}"),
                Arguments.of("cost not a number", DEAL_WON_PREFIX + ",\"amount\":1,\"cost\":\"free\"}"),
                Arguments.of("score not a number", nps("\"nine\"")),
                Arguments.of("score not whole", nps("9.5")),
                Arguments.of("score beyond int", nps("12345678901")),
                Arguments.of("score out of 0-10", nps("11")),
                Arguments.of("automated a string", contacted("\"yes\"")),
                Arguments.of("automated a number", contacted("1")),
                // Found by RepJsonFuzzTest: legal JSON, but Avro writes it as '?', so two ids could become one.
                Arguments.of("leadId with half a surrogate pair", "{\"eventId\":\"E\",\"type\":\"EMAIL_OPENED\","
                        + "\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L\\udddd1\"}"),
                Arguments.of("leadId an object", "{\"eventId\":\"E\",\"type\":\"EMAIL_OPENED\","
                        + "\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":{\"id\":1}}"),
                Arguments.of("currency not ISO 4217", DEAL_WON_PREFIX + ",\"amount\":1,\"currency\":\"euro\"}"));
    }

    @Test
    void shouldAcceptScoreWhenGivenAsStringOrWholeDecimal() {
        // Given / When / Then
        assertThat(SalesEventJson.parse(nps("\"7\"")).getScore()).isEqualTo(7);
        assertThat(SalesEventJson.parse(nps("7.0")).getScore()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "source", "activity", "sentiment", "stage", "dealType"})
    void shouldRejectAsUnknownEnumWithoutQuotingValueWhenSymbolIsOutsideSet(final String field) {
        // Given a LEAD_CONTACTED event whose enum field holds a value outside its set
        final String valid = contacted("false");
        final String json = "type".equals(field) || "activity".equals(field)
                ? valid.replaceFirst("\"" + field + "\":\"[A-Z_]+\"", "\"" + field + "\":\"jane@example.com\"")
                : valid.replace("}", ",\"" + field + "\":\"jane@example.com\"}");
        assertThat(json).contains("\"" + field + "\":\"jane@example.com\"");

        // When / Then
        assertThatThrownBy(() -> SalesEventJson.parse(json))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_ENUM);
                    assertThat(e.getMessage()).contains(field).doesNotContain("jane");
                });
    }

    @Test
    void shouldNameAllowedSymbolsWhenEnumIsUnknown() {
        // Given
        final String json = "{\"eventId\":\"E\",\"type\":\"LEAD_REPLIED\",\"occurredAt\":\"2026-11-02T10:00:00Z\","
                + "\"leadId\":\"L1\",\"sentiment\":\"positive\"}";

        // When / Then enum symbols are safe to name, and say what would have been accepted
        assertThatThrownBy(() -> SalesEventJson.parse(json))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.getMessage())
                        .contains("LEAD_REPLIED").contains("sentiment").contains("POSITIVE, NEGATIVE, NEUTRAL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "[]", "[{\"eventId\":\"E\"}]", "42", "\"text\"", "null",
            "{\"eventId\":\"E\"} {}", "{\"type\":\"LEAD_CREATED\",\"type\":\"DEAL_WON\"}", "{'eventId':'E'}"})
    void shouldRejectAsMalformedJsonWhenTextIsNotOneObject(final String json) {
        // Given / When / Then
        assertRejected(json, RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldRejectAsMalformedJsonWhenTextIsNull() {
        // Given / When / Then
        assertRejected(null, RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldNotQuoteInputWhenJsonIsMalformed() {
        // Given a broken line holding an e-mail address
        final String json = "{\"eventId\":\"E\",\"email\": jane.doe@example.com}";

        // When / Then
        assertThatThrownBy(() -> SalesEventJson.parse(json))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                    assertThat(e.getMessage()).contains("line 1").doesNotContain("jane");
                    assertThat(e.getCause()).isNull();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-02T10:00:00Z", "2026-11-02T11:00:00+01:00", "2026-11-02T05:00:00-05:00",
            "2026-11-02T10:00:00.000Z", "2026-11-02T10:00:00.000999Z"})
    void shouldReadInstantWhenTimestampHasZuluOrOffset(final String occurredAt) {
        // Given
        final String json = LEAD_CREATED.replace("2026-11-02T10:00:00Z", occurredAt);

        // When
        final SalesEvent event = SalesEventJson.parse(json);

        // Then the same instant, cut to the milliseconds Avro keeps
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-11-02T10:00:00\"", "\"2026-11-02\"", "\"yesterday\"", "\"02/11/2026 10:00\"",
            "1793613600000", "true", "\"+999999999-12-31T23:59:59Z\""})
    void shouldRejectAsBadTimestampWhenOccurredAtIsNotAnInstant(final String occurredAt) {
        // Given
        final String json = LEAD_CREATED.replace("\"2026-11-02T10:00:00Z\"", occurredAt);

        // When / Then
        assertRejected(json, RejectReason.BAD_TIMESTAMP);
    }

    @Test
    void shouldRejectAsMissingFieldWhenOccurredAtIsAbsent() {
        // Given
        final String json = LEAD_CREATED.replace("\"occurredAt\":\"2026-11-02T10:00:00Z\",", "");

        // When / Then
        assertRejected(json, RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldRunValidatorWhenJsonIsWellFormed() {
        // Given well-formed events that break the contract
        final String noRegion = LEAD_CREATED.replace(",\"region\":\"EMEA\"", "");
        final String blankRegion = LEAD_CREATED.replace("\"EMEA\"", "\"  \"");
        final String negative = DEAL_WON_PREFIX + ",\"amount\":\"-1\"}";

        // When / Then
        assertRejected(noRegion, RejectReason.MISSING_FIELD);
        assertRejected(blankRegion, RejectReason.MISSING_FIELD);
        assertRejected(negative, RejectReason.NEGATIVE_AMOUNT);
    }

    @Test
    void shouldIgnoreUnknownFieldsWhenParsing() {
        // Given a CRM that sends more than the contract names
        final String json = LEAD_CREATED.replace("}", ",\"crmVersion\":3,\"extra\":{\"nested\":[1,2]},\"note\":null}");

        // When
        final SalesEvent event = SalesEventJson.parse(json);

        // Then
        assertThat(SalesEventJson.write(event)).isEqualTo(LEAD_CREATED);
    }

    @Test
    void shouldTreatNullAndBlankAsAbsentWhenFieldIsOptional() {
        // Given
        final String json = LEAD_CREATED.replace("}", ",\"campaignId\":\"\",\"stage\":null,\"currency\":\" \"}");

        // When
        final SalesEvent event = SalesEventJson.parse(json);

        // Then
        assertThat(event.getCampaignId()).isNull();
        assertThat(event.getStage()).isNull();
        assertThat(event.getCurrency()).isNull();
    }

    @Test
    void shouldReadBackEqualEventWhenWrittenAndParsedForManyRandomEvents() {
        // Given a thousand valid events of every type with random optional fields; the seed keeps failures reproducible
        final Random random = new Random(20261102L);
        final AvroSerde<SalesEvent> serde = new AvroSerde<>(new InMemorySchemaRegistryClient(), SalesEvent.class);
        final List<SalesEvent> events = new ArrayList<>();
        while (events.size() < 1000) {
            randomValidEvent(random).ifPresent(events::add);
        }

        // When / Then JSON round-trips, and JSON-parsed events equal what Avro reads back
        assertThat(events).extracting(SalesEvent::getType).containsAll(List.of(EventType.values()));
        for (final SalesEvent event : events) {
            final String json = SalesEventJson.write(event);
            final SalesEvent parsed = SalesEventJson.parse(json);
            assertThat(parsed).as(json).isEqualTo(event);
            assertThat(serde.deserialize("t", serde.serialize("t", parsed))).as(json).isEqualTo(parsed);
            assertThat(SalesEventJson.write(parsed)).isEqualTo(json);
        }
    }

    private static Optional<SalesEvent> randomValidEvent(final Random random) {
        final SalesEvent event = new SalesEvent();
        event.setEventId(randomText(random));
        event.setType(pick(random, EventType.values()));
        event.setOccurredAt(Instant.ofEpochMilli(random.nextLong(-1_000_000_000_000L, 4_102_444_800_000L)));
        event.setLeadId(maybe(random, () -> randomText(random)));
        event.setRepId(maybe(random, () -> randomText(random)));
        event.setSource(maybe(random, () -> pick(random, EventSource.values())));
        event.setChannel(maybe(random, () -> randomText(random)));
        event.setRegion(maybe(random, () -> randomText(random)));
        event.setCampaignId(maybe(random, () -> randomText(random)));
        event.setActivity(maybe(random, () -> pick(random, Activity.values())));
        event.setAutomated(random.nextBoolean());
        event.setSentiment(maybe(random, () -> pick(random, Sentiment.values())));
        event.setStage(maybe(random, () -> pick(random, Stage.values())));
        event.setOpportunityId(maybe(random, () -> randomText(random)));
        event.setAmount(maybe(random, () -> randomAmount(random)));
        event.setCurrency(maybe(random, () -> pick(random, new String[] {"USD", "EUR", "JPY", "GBP"})));
        event.setCost(maybe(random, () -> randomAmount(random)));
        event.setDealType(maybe(random, () -> pick(random, DealType.values())));
        event.setReason(maybe(random, () -> randomText(random)));
        event.setScore(maybe(random, () -> random.nextInt(11)));
        try {
            SalesEventValidator.validate(event);
            return Optional.of(event);
        } catch (final InvalidRecordException e) {
            return Optional.empty();
        }
    }

    /** Text that needs escaping in JSON: quotes, backslashes, control characters, non-ASCII and surrogate pairs. */
    private static String randomText(final Random random) {
        final String[] pieces = {"a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "ü", "€", "😀", "-", "@"};
        final StringBuilder text = new StringBuilder("x");
        final int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /** Amounts from 0 to the largest decimal(24, 4), with 0 to 4 decimal places in use. */
    private static BigDecimal randomAmount(final Random random) {
        final int scale = random.nextInt(5);
        final BigInteger unscaled = random.nextInt(10) == 0
                ? new BigInteger(79, random).divide(BigInteger.TEN.pow(4 - scale))
                : BigInteger.valueOf(random.nextLong(0, 100_000_000L));
        return new BigDecimal(unscaled, scale).setScale(4);
    }

    private static <T> T maybe(final Random random, final Supplier<T> value) {
        return random.nextInt(10) < 7 ? value.get() : null;
    }

    private static <T> T pick(final Random random, final T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String nps(final String score) {
        return "{\"eventId\":\"E\",\"type\":\"NPS_RESPONSE\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L1\","
                + "\"score\":" + score + "}";
    }

    private static String contacted(final String automated) {
        return "{\"eventId\":\"E\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L1\","
                + "\"repId\":\"R1\",\"activity\":\"CALL\",\"automated\":" + automated + "}";
    }

    private static void assertRejected(final String json, final RejectReason reason) {
        assertThatThrownBy(() -> SalesEventJson.parse(json))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
