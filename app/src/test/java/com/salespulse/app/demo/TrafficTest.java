package com.salespulse.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void shouldStartTheHistoryItsLengthBeforeNowWhenTheTopicIsEmpty() {
        // When a fresh data dir asks for a day of history
        final Instant from = Traffic.historyStart(NOW, DAY, Optional.empty());

        // Then it gets the whole day
        assertThat(from).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void shouldStartTheHistoryItsLengthBeforeNowWhenThePreviousRunEndedBeforeThat() {
        // Given a data dir whose latest event is two days old
        final Optional<Instant> latest = Optional.of(Instant.parse("2026-11-25T12:00:00Z"));

        // When a day of history is asked for
        final Instant from = Traffic.historyStart(NOW, DAY, latest);

        // Then it gets the whole day
        assertThat(from).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void shouldStartTheHistoryAfterThePreviousRunsLatestEventWhenThatIsWithinTheLength() {
        // Given a data dir whose previous run sent its last event 37 minutes ago
        final Optional<Instant> latest = Optional.of(Instant.parse("2026-11-27T11:23:00Z"));

        // When a day of history is asked for
        final Instant from = Traffic.historyStart(NOW, DAY, latest);

        // Then it starts one millisecond after that event, so that nothing it sends is behind the pipeline's event time
        assertThat(from).isEqualTo(Instant.parse("2026-11-27T11:23:00.001Z"));
    }

    @Test
    void shouldLoadNoHistoryWhenTheTopicHoldsEventsUpToNow() {
        // Given a data dir whose latest record is stamped after now (a clock that went back)
        final Optional<Instant> latest = Optional.of(NOW.plusSeconds(5));

        // When a day of history is asked for
        final Instant from = Traffic.historyStart(NOW, DAY, latest);

        // Then the window is empty
        assertThat(from).isEqualTo(NOW);
    }
}
