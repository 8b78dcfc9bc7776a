package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchEventsTest {
    private static final Instant END = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void shouldGiveExactlyTheCountInTimeOrderEndingAtTheGivenInstantWhenHistoryIsGenerated() {
        // When 3,000 events of history are generated to end at END
        final List<SalesEvent> events = BenchEvents.history(42, 3_000, 1, END);

        // Then there are 3,000, in time order, the last at END
        assertThat(events).hasSize(3_000);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getOccurredAt()).isAfterOrEqualTo(events.get(i - 1).getOccurredAt());
        }
        assertThat(events.get(events.size() - 1).getOccurredAt()).isEqualTo(END);
    }

    @Test
    void shouldSpreadTheHistoryOverAboutTheRequestedWeeks() {
        // When 20,000 events of history are generated to span 2 weeks
        final List<SalesEvent> events = BenchEvents.history(42, 20_000, 2, END);

        // Then the first and the last are between 1 and 3 weeks apart
        final Duration span = Duration.between(events.get(0).getOccurredAt(), events.get(events.size() - 1).getOccurredAt());
        assertThat(span).isBetween(Duration.ofDays(7), Duration.ofDays(21));
    }

    @Test
    void shouldAskForLeadsPerWeekdaySoThatTheEventsFillTheWeeksWeekdays() {
        // Given 8 events per lead: 1,000,000 events are 125,000 leads; over 5 weeks, 25 weekdays
        // Then 5,000 leads a weekday; rounded up, and at least one
        assertThat(BenchEvents.leadsPerDay(1_000_000, 8.0, 5)).isEqualTo(5_000);
        assertThat(BenchEvents.leadsPerDay(1_000_001, 8.0, 5)).isEqualTo(5_001);
        assertThat(BenchEvents.leadsPerDay(3, 8.0, 6)).isEqualTo(1);
    }

    @Test
    void shouldGiveTheSameEventsWhenTheSeedIsTheSame() {
        assertThat(BenchEvents.history(7, 500, 1, END)).isEqualTo(BenchEvents.history(7, 500, 1, END));
    }

    @Test
    void shouldStartNewLeadsWhenFreshEventsArePrefixed() {
        // Given history and fresh events from floors that both name their leads L1, L2, ...
        final List<SalesEvent> history = BenchEvents.history(42, 2_000, 1, END);
        final List<SalesEvent> fresh = BenchEvents.fresh(43, 2_000, "P-");

        // Then every fresh lead, opportunity and event id carries the prefix, so no fresh event continues a history lead
        assertThat(fresh).hasSize(2_000);
        assertThat(fresh).allSatisfy(event -> {
            assertThat(event.getEventId()).startsWith("P-");
            if (event.getType() != EventType.CAMPAIGN_SPEND) {
                assertThat(event.getLeadId()).startsWith("P-L");
            }
            if (event.getOpportunityId() != null) {
                assertThat(event.getOpportunityId()).startsWith("P-O");
            }
        });
        final Set<String> historyLeads = leads(history);
        assertThat(leads(fresh)).isNotEmpty().doesNotContainAnyElementsOf(historyLeads);
    }

    private static Set<String> leads(final List<SalesEvent> events) {
        return events.stream().map(SalesEvent::getLeadId).filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
