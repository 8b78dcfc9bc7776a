package com.salespulse.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.validation.RejectReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    @Test
    void shouldTakeAReasonInEitherCaseWhenItIsOneOfTheReasons() {
        assertThat(DeadLetterFilter.reasonTag("BAD_VALUE")).isEqualTo("bad_value");
        assertThat(DeadLetterFilter.reasonTag(" late ")).isEqualTo("late");
    }

    @Test
    void shouldNameTheReasonsWhenGivenAnUnknownOne() {
        assertThatThrownBy(() -> DeadLetterFilter.reasonTag("oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad_value").hasMessageContaining("malformed_avro");
    }

    @Test
    void shouldTakeAnInstantAnOffsetOrADateWhenGivenSince() {
        assertThat(DeadLetterFilter.instant("2026-11-02T10:00:00Z")).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(DeadLetterFilter.instant("2026-11-02T11:00:00+01:00")).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(DeadLetterFilter.instant("2026-11-02")).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThatThrownBy(() -> DeadLetterFilter.instant("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMatchOnlyDeadLettersOfTheTopicWhenASourceTopicIsGiven() {
        // Given
        final DeadLetterFilter filter = new DeadLetterFilter("late", DeadLetters.T0, "sales.crm-events");

        // When / Then
        assertThat(filter.matches(DeadLetters.fromTopic(0, 0, RejectReason.LATE, "d",
                "sales.crm-events", null, null))).isTrue();
        assertThat(filter.matches(DeadLetters.fromFile(0, 1, RejectReason.LATE, "d",
                1, "{}"))).isFalse();
        assertThat(new DeadLetterFilter(null, DeadLetters.T0.plusMillis(1), null).matches(DeadLetters.fromTopic(0, 0,
                RejectReason.LATE, "d", "sales.crm-events", null, null))).isFalse();
    }
}
