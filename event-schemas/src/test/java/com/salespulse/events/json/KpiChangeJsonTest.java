package com.salespulse.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.KpiChange;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The KPI change JSON of DESIGN.md section 6, which is also the replay export format. */
class KpiChangeJsonTest {
    /** The example of DESIGN.md section 6, verbatim but for the line break. */
    private static final String DESIGN_EXAMPLE = """
            {"kpi":"first_response_time","dimension":"rep","dimensionValue":"R7",\
            "window":"P1D","windowStart":"2026-11-02T00:00:00Z","windowEnd":"2026-11-03T00:00:00Z",\
            "value":312.5,"numerator":1250.0,"denominator":4.0,"unit":"seconds",\
            "previousValue":300.0,"revision":5,"final":false,"emittedAt":"2026-11-02T10:00:03.120Z"}""";

    private static KpiChange designExample() {
        return new KpiChange("first_response_time", "rep", "R7", "P1D", Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"), 312.5, 1250.0, 4.0, "seconds", 300.0, 5L, false,
                Instant.parse("2026-11-02T10:00:03.120Z"));
    }

    @Test
    void shouldWriteDesignExampleExactlyWhenGivenItsValues() {
        // Given
        final KpiChange change = designExample();

        // When
        final String json = KpiChangeJson.write(change);

        // Then
        assertThat(json).isEqualTo(DESIGN_EXAMPLE);
    }

    @Test
    void shouldReadDesignExampleWhenParsing() {
        // Given / When
        final KpiChange change = KpiChangeJson.parse(DESIGN_EXAMPLE);

        // Then
        assertThat(change).isEqualTo(designExample());
    }

    @Test
    void shouldWriteNullValueAndKeepShapeWhenDenominatorIsZero() {
        // Given the first change of a ratio whose denominator is still 0
        final KpiChange change = designExample();
        change.setValue(null);
        change.setNumerator(0.0);
        change.setDenominator(0.0);
        change.setPreviousValue(null);
        change.setRevision(1L);
        change.setFinal$(true);

        // When
        final String json = KpiChangeJson.write(change);

        // Then every key is still there, in the same order
        assertThat(json).isEqualTo(DESIGN_EXAMPLE
                .replace("\"value\":312.5,\"numerator\":1250.0,\"denominator\":4.0",
                        "\"value\":null,\"numerator\":0.0,\"denominator\":0.0")
                .replace("\"previousValue\":300.0,\"revision\":5,\"final\":false",
                        "\"previousValue\":null,\"revision\":1,\"final\":true"));
        assertThat(KpiChangeJson.parse(json)).isEqualTo(change);
    }

    @Test
    void shouldWriteInstantWithoutFractionWhenMillisAreZero() {
        // Given
        final KpiChange change = designExample();
        change.setEmittedAt(Instant.parse("2026-11-02T10:00:03Z"));

        // When / Then
        assertThat(KpiChangeJson.write(change)).endsWith("\"emittedAt\":\"2026-11-02T10:00:03Z\"}");
    }

    @Test
    void shouldRefuseToWriteWhenNumberIsNotFinite() {
        // Given a KPI that divided by zero instead of giving a null value
        final KpiChange change = designExample();
        change.setValue(Double.NaN);

        // When / Then
        assertThatThrownBy(() -> KpiChangeJson.write(change))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kpi", "dimension", "dimensionValue", "window", "windowStart", "windowEnd", "numerator",
            "denominator", "unit", "revision", "emittedAt"})
    void shouldRejectAsMissingFieldWhenRequiredFieldIsAbsent(final String field) {
        // Given
        final String json = DESIGN_EXAMPLE.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9.]+),?", "")
                .replace(",}", "}");

        // When / Then
        assertThat(json).doesNotContain("\"" + field + "\"");
        assertThatThrownBy(() -> KpiChangeJson.parse(json))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @Test
    void shouldRejectAsBadTimestampWhenWindowStartIsNotAnInstant() {
        // Given / When / Then
        assertThatThrownBy(() -> KpiChangeJson.parse(DESIGN_EXAMPLE.replace("2026-11-02T00:00:00Z", "2026-11-02")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP));
    }

    @Test
    void shouldRejectAsBadValueWhenRevisionIsNotWhole() {
        // Given / When / Then
        assertThatThrownBy(() -> KpiChangeJson.parse(DESIGN_EXAMPLE.replace("\"revision\":5", "\"revision\":5.5")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE));
    }
}
