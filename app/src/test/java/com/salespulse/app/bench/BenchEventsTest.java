package com.salespulse.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
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
        final List<SalesEvent> events = BenchEvents.history(42, 3_000, END);

        // Then there are 3,000, in time order, the last at END
        assertThat(events).hasSize(3_000);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getOccurredAt()).isAfterOrEqualTo(events.get(i - 1).getOccurredAt());
        }
        assertThat(events.get(events.size() - 1).getOccurredAt()).isEqualTo(END);
    }

    @Test
    void shouldGiveTheSameEventsWhenTheSeedIsTheSame() {
        assertThat(BenchEvents.history(7, 500, END)).isEqualTo(BenchEvents.history(7, 500, END));
    }

    @Test
    void shouldStartNewLeadsWhenFreshEventsArePrefixed() {
        // Given history and fresh events from floors that both name their leads L1, L2, ...
        final List<SalesEvent> history = BenchEvents.history(42, 2_000, END);
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
