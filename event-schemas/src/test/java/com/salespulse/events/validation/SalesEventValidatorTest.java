package com.salespulse.events.validation;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.Activity;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.events.TestEvents;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The required-field table of DESIGN.md section 5, written out again here independently of the
 * validator: for every type, an event with exactly the required fields passes (so nothing else is
 * required), and removing any one of them fails with that field named.
 */
class SalesEventValidatorTest {
    /** Required beyond eventId, type and occurredAt, which every type requires. Copied from DESIGN.md section 5. */
    private static final Map<EventType, Set<String>> REQUIRED = Map.ofEntries(
            entry(EventType.LEAD_CREATED, Set.of("leadId", "channel", "region")),
            entry(EventType.LEAD_ASSIGNED, Set.of("leadId", "repId")),
            entry(EventType.LEAD_CONTACTED, Set.of("leadId", "repId", "activity")),
            entry(EventType.LEAD_REPLIED, Set.of("leadId", "sentiment")),
            entry(EventType.LEAD_STAGE_CHANGED, Set.of("leadId", "stage")),
            entry(EventType.OPPORTUNITY_CREATED, Set.of("leadId", "repId", "opportunityId", "amount")),
            entry(EventType.PROPOSAL_SENT, Set.of("leadId", "repId", "opportunityId")),
            entry(EventType.DEAL_WON, Set.of("leadId", "repId", "opportunityId", "amount")),
            entry(EventType.DEAL_LOST, Set.of("leadId", "repId", "opportunityId")),
            entry(EventType.EMAIL_OPENED, Set.of("leadId")),
            entry(EventType.NPS_RESPONSE, Set.of("leadId", "score")),
            entry(EventType.CUSTOMER_CHURNED, Set.of("leadId")),
            entry(EventType.CAMPAIGN_SPEND, Set.of("channel", "amount")));

    /** Values that look like what leads carry, so that a message quoting one is caught. */
    private static final String EMAIL = "jane.doe@example.com";
    private static final String PHONE = "+49 170 1234567";

    private static final Map<String, Object> SAMPLE = Map.of(
            "leadId", EMAIL,
            "repId", "R7",
            "channel", "paid",
            "region", "EMEA",
            "activity", Activity.CALL,
            "sentiment", Sentiment.POSITIVE,
            "stage", Stage.MQL,
            "opportunityId", "O-1",
            "amount", new BigDecimal("100.0000"),
            "score", 9);

    @Test
    void shouldCoverEveryEventTypeWhenTableIsComplete() {
        // Given / When / Then: a new type must be added to the table (and to DESIGN.md) to be tested
        assertThat(REQUIRED.keySet()).isEqualTo(EnumSet.allOf(EventType.class));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldAcceptEventWhenOnlyRequiredFieldsAreSet(final EventType type) {
        // Given
        final SalesEvent event = minimal(type);

        // When / Then
        assertThatCode(() -> SalesEventValidator.validate(event)).doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptFullyPopulatedEventWhenEveryValueIsInRange() {
        // Given / When / Then
        assertThatCode(() -> SalesEventValidator.validate(TestEvents.fullyPopulated())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void shouldRejectAsMissingFieldWhenRequiredFieldIsNull(final EventType type, final String field) {
        // Given
        final SalesEvent event = minimal(type);
        event.put(field, null);

        // When / Then
        assertThatThrownBy(() -> SalesEventValidator.validate(event))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
                    assertThat(e.getMessage()).contains(field);
                    if (!"type".equals(field)) {
                        assertThat(e.getMessage()).contains(type.name());
                    }
                });
    }

    static Stream<Arguments> requiredFields() {
        return Arrays.stream(EventType.values()).flatMap(type -> Stream.concat(
                Stream.of("eventId", "type", "occurredAt"), REQUIRED.get(type).stream())
                .map(field -> Arguments.of(type, field)));
    }

    @ParameterizedTest(name = "{0} with blank {1}")
    @MethodSource("requiredTextFields")
    void shouldRejectAsMissingFieldWhenRequiredTextIsBlank(final EventType type, final String field) {
        // Given
        final SalesEvent event = minimal(type);
        event.put(field, " \t");

        // When / Then
        assertThatThrownBy(() -> SalesEventValidator.validate(event))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
                    assertThat(e.getMessage()).contains(field).contains(type.name());
                });
    }

    static Stream<Arguments> requiredTextFields() {
        return requiredFields().filter(arguments -> {
            final String field = (String) arguments.get()[1];
            return SalesEvent.getClassSchema().getField(field).schema().toString().contains("\"string\"");
        });
    }

    @Test
    void shouldRejectAsMissingFieldWhenEventIsNull() {
        // Given a tombstone on the events topic

        // When / Then
        assertThatThrownBy(() -> SalesEventValidator.validate(null))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount", "cost"})
    void shouldRejectAsNegativeAmountWhenBelowZero(final String field) {
        // Given
        final SalesEvent event = TestEvents.fullyPopulated();
        event.put(field, new BigDecimal("-0.0001"));

        // When / Then
        assertThatThrownBy(() -> SalesEventValidator.validate(event))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
                    assertThat(e.getMessage()).contains(field).contains("DEAL_WON");
                });
    }

    @Test
    void shouldAcceptZeroAmountWhenCampaignSpentNothing() {
        // Given
        final SalesEvent event = minimal(EventType.CAMPAIGN_SPEND);
        event.setAmount(new BigDecimal("0.0000"));

        // When / Then
        assertThatCode(() -> SalesEventValidator.validate(event)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 11, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void shouldRejectAsBadValueWhenScoreIsOutsideZeroToTen(final int score) {
        // Given
        final SalesEvent event = minimal(EventType.NPS_RESPONSE);
        event.setScore(score);

        // When / Then
        assertThatThrownBy(() -> SalesEventValidator.validate(event))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE);
                    assertThat(e.getMessage()).contains("score").contains("NPS_RESPONSE");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10})
    void shouldAcceptScoreWhenOnTheBoundsOfZeroToTen(final int score) {
        // Given
        final SalesEvent event = minimal(EventType.NPS_RESPONSE);
        event.setScore(score);

        // When / Then
        assertThatCode(() -> SalesEventValidator.validate(event)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDX", "U$D", "€UR"})
    void shouldRejectAsBadValueWhenCurrencyIsNotThreeUpperCaseLetters(final String currency) {
        // Given
        final SalesEvent event = TestEvents.fullyPopulated();
        event.setCurrency(currency);

        // When / Then
        assertThatThrownBy(() -> SalesEventValidator.validate(event))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE);
                    assertThat(e.getMessage()).contains("currency").doesNotContain(currency);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "", "  "})
    void shouldAcceptCurrencyWhenIsoCodeOrAbsent(final String currency) {
        // Given blank counts as absent, which means USD
        final SalesEvent event = TestEvents.fullyPopulated();
        event.setCurrency(currency);

        // When / Then
        assertThatCode(() -> SalesEventValidator.validate(event)).doesNotThrowAnyException();
    }

    @Test
    void shouldNeverQuotePayloadWhenRejecting() {
        // Given events that fail in every way, each carrying personal data in its other fields
        final SalesEvent noRep = minimal(EventType.DEAL_LOST);
        noRep.setRepId(null);
        noRep.setReason(PHONE);
        final SalesEvent negative = TestEvents.fullyPopulated();
        negative.setLeadId(EMAIL);
        negative.setReason(PHONE);
        negative.setAmount(new BigDecimal("-5.0000"));
        final SalesEvent badCurrency = TestEvents.fullyPopulated();
        badCurrency.setLeadId(EMAIL);
        badCurrency.setCurrency(PHONE);

        // When
        final Stream<String> messages = Stream.of(noRep, negative, badCurrency).map(SalesEventValidatorTest::messageOf);

        // Then
        assertThat(messages).hasSize(3).allSatisfy(message -> assertThat(message)
                .isNotBlank().doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain("example"));
    }

    /** An event of {@code type} with exactly the fields the table requires. */
    private static SalesEvent minimal(final EventType type) {
        final SalesEvent event = new SalesEvent();
        event.setEventId("E-1");
        event.setType(type);
        event.setOccurredAt(TestEvents.T0);
        event.setAutomated(false);
        REQUIRED.get(type).forEach(field -> event.put(field, SAMPLE.get(field)));
        return event;
    }

    private static String messageOf(final SalesEvent event) {
        try {
            SalesEventValidator.validate(event);
            return "";
        } catch (final InvalidRecordException e) {
            return e.getMessage();
        }
    }
}
