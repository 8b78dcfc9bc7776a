package com.salespulse.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.Rep;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The roster JSON of DESIGN.md section 5. */
class RepJsonTest {
    private static final String ADA = "{\"repId\":\"R7\",\"name\":\"Ada Lovelace\",\"teamId\":\"T1\",\"region\":\"EMEA\","
            + "\"timezone\":\"Europe/Berlin\",\"monthlyQuota\":50000.5}";

    @Test
    void shouldReadEveryFieldWhenRosterLineIsComplete() {
        // Given / When
        final Rep rep = RepJson.parse(ADA);

        // Then the quota at the Avro scale of 4
        assertThat(rep).isEqualTo(new Rep("R7", "Ada Lovelace", "T1", "EMEA", "Europe/Berlin", new BigDecimal("50000.5000")));
    }

    @Test
    void shouldWriteRosterOrderWhenWriting() {
        // Given
        final Rep rep = RepJson.parse(ADA);

        // When / Then
        assertThat(RepJson.write(rep)).isEqualTo(ADA);
    }

    @Test
    void shouldLeaveOutQuotaWhenRepHasNone() {
        // Given
        final String json = ADA.replace(",\"monthlyQuota\":50000.5", "");

        // When
        final Rep rep = RepJson.parse(json);

        // Then
        assertThat(rep.getMonthlyQuota()).isNull();
        assertThat(RepJson.write(rep)).isEqualTo(json);
    }

    @Test
    void shouldAcceptQuotaWhenGivenAsString() {
        // Given / When
        final Rep rep = RepJson.parse(ADA.replace("50000.5", "\"50000.50\""));

        // Then
        assertThat(rep.getMonthlyQuota()).isEqualTo(new BigDecimal("50000.5000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "+01:00", "CET+1", "europe/berlin", "Berlin"})
    void shouldRejectAsBadValueWhenTimezoneIsNotIanaId(final String timezone) {
        // Given
        final String json = ADA.replace("Europe/Berlin", timezone);

        // When / Then
        assertThatThrownBy(() -> RepJson.parse(json))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE);
                    assertThat(e.getMessage()).contains("timezone");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "UTC", "Etc/GMT-3"})
    void shouldAcceptTimezoneWhenIanaId(final String timezone) {
        // Given / When
        final Rep rep = RepJson.parse(ADA.replace("Europe/Berlin", timezone));

        // Then
        assertThat(rep.getTimezone()).isEqualTo(timezone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"repId", "name", "teamId", "region", "timezone"})
    void shouldRejectAsMissingFieldWhenRequiredFieldIsAbsentOrBlank(final String field) {
        // Given
        final String absent = ADA.replaceFirst("\"" + field + "\":\"[^\"]*\",", "");
        final String blank = ADA.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\" \"");

        // When / Then
        assertThat(absent).doesNotContain("\"" + field + "\"");
        for (final String json : new String[] {absent, blank}) {
            assertThatThrownBy(() -> RepJson.parse(json))
                    .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD);
                        assertThat(e.getMessage()).contains(field);
                    });
        }
    }

    @Test
    void shouldRejectAsNegativeAmountWhenQuotaIsBelowZero() {
        // Given / When / Then
        assertThatThrownBy(() -> RepJson.parse(ADA.replace("50000.5", "-1")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NEGATIVE_AMOUNT));
    }

    @Test
    void shouldRejectAsBadValueWhenQuotaIsNotANumber() {
        // Given / When / Then
        assertThatThrownBy(() -> RepJson.parse(ADA.replace("50000.5", "\"lots\"")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE));
    }

    @Test
    void shouldRejectAsMalformedJsonWhenLineIsNotAnObject() {
        // Given / When / Then
        assertThatThrownBy(() -> RepJson.parse("[" + ADA + "]"))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
    }
}
