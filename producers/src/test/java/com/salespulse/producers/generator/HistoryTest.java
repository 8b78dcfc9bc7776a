package com.salespulse.producers.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.registry.InMemorySchemaRegistryClient;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.SalesEventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HistoryTest {
    /** A Friday noon: the day before it is a full working day on every continent. */
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant DAY_AGO = NOW.minus(Duration.ofHours(24));
    private static final GeneratorConfig FLOOR = GeneratorConfig.of(7, Integer.MAX_VALUE)
            .withStart(NOW).withLeadsPerDay(1_000);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static History day;

    @BeforeAll
    static void generateTheDayBeforeNow() {
        day = History.of(FLOOR, DAY_AGO, NOW);
    }

    @Test
    void shouldHoldOnlyEventsOfTheWindowWhenTheFloorRunsBeforeAndAfterIt() {
        // Given a floor whose leads arrive before the window and whose journeys go on past its end
        // When its history of the day before now is taken (done once, above)

        // Then every event lies in [now - 24 h, now), and the window opens on a floor in full swing:
        // new leads, and deals of leads created before it
        assertThat(day.from()).isEqualTo(DAY_AGO);
        assertThat(day.until()).isEqualTo(NOW);
        assertThat(day.events()).isNotEmpty()
                .allSatisfy(event -> assertThat(event.getOccurredAt()).isAfterOrEqualTo(DAY_AGO).isBefore(NOW));
        assertThat(day.events()).extracting(SalesEvent::getType)
                .contains(EventType.LEAD_CREATED, EventType.LEAD_CONTACTED, EventType.DEAL_WON, EventType.CAMPAIGN_SPEND);
        final Set<String> createdInWindow = day.events().stream()
                .filter(event -> event.getType() == EventType.LEAD_CREATED)
                .map(SalesEvent::getLeadId).collect(Collectors.toSet());
        assertThat(day.events()).filteredOn(event -> event.getType() == EventType.DEAL_WON)
                .anyMatch(won -> !createdInWindow.contains(won.getLeadId()));
        day.events().forEach(SalesEventValidator::validate);
    }

    @Test
    void shouldListEventsInTimeOrderWithSequentialIdsWhenTaken() {
        // Given the day's history (above)
        final List<SalesEvent> events = day.events();

        // Then the events come in occurredAt order, numbered E1..En in that order under the history's prefix,
        // and each lead's LEAD_CREATED, where the window holds it, comes before its other events
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getEventId()).isEqualTo(day.idPrefix() + "E" + (i + 1));
            if (i > 0) {
                assertThat(events.get(i).getOccurredAt()).isAfterOrEqualTo(events.get(i - 1).getOccurredAt());
            }
        }
        final Set<String> seen = new HashSet<>();
        for (final SalesEvent event : events) {
            if (event.getType() == EventType.LEAD_CREATED) {
                assertThat(seen).as("events of %s before its LEAD_CREATED", event.getLeadId())
                        .doesNotContain(event.getLeadId());
            }
            if (event.getLeadId() != null) {
                seen.add(event.getLeadId());
            }
        }
    }

    @Test
    void shouldCutJourneysAtUntilWithoutChangingThemWhenTheWindowEndsEarlier() {
        // Given the same floor's history of a window an hour longer
        final History longer = History.of(FLOOR, DAY_AGO, NOW.plus(Duration.ofHours(1)));

        // Then the day's events are exactly the longer window's events before now: the journeys stop at
        // now, they are not shortened to fit
        assertThat(longer.events()).hasSizeGreaterThan(day.events().size());
        assertThat(longer.events().get(day.events().size()).getOccurredAt()).isAfterOrEqualTo(NOW);
        assertThat(withoutPrefix(longer.events().subList(0, day.events().size()), longer.idPrefix()))
                .isEqualTo(withoutPrefix(day.events(), day.idPrefix()));
    }

    @Test
    void shouldUseTheFloorsRepsButIdsOfItsOwnWhenLiveTrafficPlaysTheSameFloor() throws InterruptedException {
        // Given live traffic of the same floor, played fast for four simulated days (deals take days)
        final Topic<String, SalesEvent> topic = new Topics("", new InMemorySchemaRegistryClient()).crmEvents();
        final MockProducer<String, SalesEvent> producer =
                new MockProducer<>(true, null, topic.keySerde().serializer(), topic.valueSerde().serializer());
        final List<SalesEvent> live;
        final String livePrefix;
        try (LiveTraffic traffic = new LiveTraffic(FLOOR, topic, producer, 100_000, Clock.systemUTC()).start()) {
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (traffic.simulatedTime().isBefore(NOW.plus(Duration.ofDays(4)))) {
                assertThat(System.nanoTime()).as("four simulated days before the deadline").isLessThan(deadline);
                Thread.sleep(10);
            }
            traffic.close();
            live = producer.history().stream().map(ProducerRecord::value).toList();
            livePrefix = traffic.idPrefix();
        }

        // Then both name only the floor's reps, and no lead, opportunity or event id is in both
        final Set<String> roster = new CrmGenerator(FLOOR).roster().stream().map(Rep::getRepId)
                .collect(Collectors.toSet());
        assertThat(ids(day.events(), SalesEvent::getRepId)).isNotEmpty().isSubsetOf(roster);
        assertThat(ids(live, SalesEvent::getRepId)).isNotEmpty().isSubsetOf(roster);
        assertThat(day.idPrefix()).startsWith("H");
        assertThat(livePrefix).startsWith("D");
        for (final Function<SalesEvent, String> id : List.<Function<SalesEvent, String>>of(
                SalesEvent::getLeadId, SalesEvent::getOpportunityId, SalesEvent::getEventId)) {
            final Set<String> historic = ids(day.events(), id);
            assertThat(historic).isNotEmpty().allMatch(value -> value.startsWith(day.idPrefix()));
            assertThat(ids(live, id)).isNotEmpty().doesNotContainAnyElementsOf(historic);
        }
    }

    @Test
    void shouldHoldNoEventsWhenTheWindowIsEmpty() {
        // When the history of an empty window is taken
        final History none = History.of(FLOOR, NOW, NOW);

        // Then it holds nothing
        assertThat(none.events()).isEmpty();
    }

    private static Set<String> ids(final List<SalesEvent> events, final Function<SalesEvent, String> id) {
        return events.stream().map(id).filter(Objects::nonNull).filter(value -> !value.isEmpty())
                .collect(Collectors.toSet());
    }

    /** The events with the run's prefix taken off their ids, to compare two runs of the same window. */
    private static List<SalesEvent> withoutPrefix(final List<SalesEvent> events, final String prefix) {
        return events.stream().map(event -> {
            final SalesEvent copy = SalesEvent.newBuilder(event).build();
            copy.setEventId(strip(event.getEventId(), prefix));
            copy.setLeadId(strip(event.getLeadId(), prefix));
            copy.setOpportunityId(strip(event.getOpportunityId(), prefix));
            return copy;
        }).toList();
    }

    private static String strip(final String id, final String prefix) {
        return id != null && id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }
}
