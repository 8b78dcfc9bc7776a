package com.salespulse.producers.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.DealType;
import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.validation.SalesEventValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrmGeneratorTest {
    /** Enough leads that every path of the journey is taken (checked below), small enough to be quick. */
    private static final int FEW_HUNDRED = 400;
    private static List<SalesEvent> events;

    @BeforeAll
    static void generateOnce() {
        events = new CrmGenerator(GeneratorConfig.of(42, FEW_HUNDRED)).generate();
    }

    @Test
    void shouldProduceIdenticalEventsWhenSeedAndConfigAreTheSame() {
        final List<SalesEvent> again = new CrmGenerator(GeneratorConfig.of(42, FEW_HUNDRED)).generate();

        assertThat(again).isEqualTo(events);
        assertThat(new CrmGenerator(GeneratorConfig.of(42, FEW_HUNDRED)).roster())
                .isEqualTo(new CrmGenerator(GeneratorConfig.of(42, FEW_HUNDRED)).roster());
    }

    @Test
    void shouldProduceDifferentEventsWhenSeedDiffers() {
        final List<SalesEvent> other = new CrmGenerator(GeneratorConfig.of(43, FEW_HUNDRED)).generate();

        assertThat(other).isNotEqualTo(events);
        assertThat(other.stream().map(SalesEvent::getOccurredAt).toList())
                .isNotEqualTo(events.stream().map(SalesEvent::getOccurredAt).toList());
    }

    @Test
    void shouldEmitEventsInTimeOrderWithSequentialIdsWhenGenerating() {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getOccurredAt()).isAfterOrEqualTo(events.get(i - 1).getOccurredAt());
        }
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getEventId()).isEqualTo("E" + (i + 1));
        }
    }

    @Test
    void shouldPassTheContractAndRoundTripThroughJsonWhenGenerated() {
        for (final SalesEvent event : events) {
            SalesEventValidator.validate(event);
            assertThat(SalesEventJson.parse(SalesEventJson.write(event))).isEqualTo(event);
        }
    }

    @Test
    void shouldCoverEveryEventTypeWhenGeneratingAFewHundredLeads() {
        final Set<EventType> types = events.stream().map(SalesEvent::getType)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));

        assertThat(types).containsExactlyInAnyOrder(EventType.values());
        // Leads enter as SUBSCRIBER, LEAD or MQL and move on to every later stage.
        assertThat(ofType(EventType.LEAD_CREATED).stream().map(SalesEvent::getStage))
                .contains(Stage.SUBSCRIBER, Stage.LEAD, Stage.MQL, null);
        assertThat(ofType(EventType.LEAD_STAGE_CHANGED).stream().map(SalesEvent::getStage))
                .contains(Stage.LEAD, Stage.MQL, Stage.SQL, Stage.OPPORTUNITY, Stage.CUSTOMER, Stage.EVANGELIST,
                        Stage.DISQUALIFIED);
    }

    @Test
    void shouldCreateEveryRequestedLeadWhenGeneratingFromAllChannelsAndRegions() {
        final List<SalesEvent> created = ofType(EventType.LEAD_CREATED);

        assertThat(created).hasSize(FEW_HUNDRED);
        assertThat(created.stream().map(SalesEvent::getChannel).distinct())
                .containsExactlyInAnyOrderElementsOf(GeneratorConfig.DEFAULT_CHANNELS);
        assertThat(created.stream().map(SalesEvent::getRegion).distinct())
                .containsExactlyInAnyOrderElementsOf(GeneratorConfig.DEFAULT_REGIONS);
        // Most leads name their first owner, some are routed by a LEAD_ASSIGNED afterwards.
        assertThat(created.stream().filter(e -> e.getRepId() != null).count()).isBetween(300L, 390L);
    }

    @Test
    void shouldDateEveryLeadEventAfterItsCreationWhenTheLeadIsCreated() {
        final Map<String, Instant> createdAt = createdAt();

        for (final SalesEvent event : events) {
            final Instant created = createdAt.get(event.getLeadId());
            if (created != null) {
                assertThat(event.getOccurredAt()).isAfterOrEqualTo(created);
            }
        }
    }

    @Test
    void shouldSendAutomatedEmailsBeforeTheFirstHumanTouchWhenALeadIsWorked() {
        final Map<String, Instant> firstHuman = new HashMap<>();
        final Map<String, List<Instant>> automated = new HashMap<>();
        for (final SalesEvent event : ofType(EventType.LEAD_CONTACTED)) {
            if (event.getAutomated()) {
                assertThat(event.getActivity()).hasToString("EMAIL");
                automated.computeIfAbsent(event.getLeadId(), id -> new ArrayList<>()).add(event.getOccurredAt());
            } else {
                firstHuman.putIfAbsent(event.getLeadId(), event.getOccurredAt());
            }
        }

        automated.forEach((lead, times) -> {
            final Instant human = firstHuman.get(lead);
            if (human != null) {
                assertThat(times).allSatisfy(time -> assertThat(time).isBefore(human));
            }
        });
        // Most leads get the welcome e-mail; both sides of the comparison above are populated.
        assertThat(automated).hasSizeGreaterThan(FEW_HUNDRED * 3 / 4);
        assertThat(automated.keySet()).anyMatch(firstHuman::containsKey);
    }

    @Test
    void shouldLeaveAFewLeadsUntouchedWhenRepsNeglectThem() {
        final Set<String> touched = ofType(EventType.LEAD_CONTACTED).stream()
                .filter(e -> !e.getAutomated()).map(SalesEvent::getLeadId).collect(Collectors.toSet());
        final long untouched = createdAt().keySet().stream().filter(lead -> !touched.contains(lead)).count();

        assertThat(untouched).isBetween(4L, FEW_HUNDRED / 5L);
    }

    @Test
    void shouldShowMinutesForFastRepsAndHoursForSlowOnesWhenMeasuringFirstResponse() {
        final Map<String, List<Long>> minutesByRep = firstResponseMinutesByRep(
                new CrmGenerator(GeneratorConfig.of(42, 3_000)).generate());
        final Map<String, Long> medians = minutesByRep.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> median(entry.getValue())));

        assertThat(medians).hasSize(GeneratorConfig.DEFAULT_REPS);
        // Fast reps answer in minutes, slow ones in hours (office hours included).
        assertThat(medians.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(30);
        assertThat(medians.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(180);
    }

    @Test
    void shouldMoveAboutOneLeadInTenToAnotherRepWhenReassigning() {
        final Map<String, String> owner = new HashMap<>();
        final Set<String> reassigned = new HashSet<>();
        for (final SalesEvent event : events) {
            if (event.getType() == EventType.LEAD_CREATED && event.getRepId() != null) {
                owner.put(event.getLeadId(), event.getRepId());
            } else if (event.getType() == EventType.LEAD_ASSIGNED) {
                final String previous = owner.put(event.getLeadId(), event.getRepId());
                if (previous != null && !previous.equals(event.getRepId())) {
                    reassigned.add(event.getLeadId());
                }
            }
        }

        // About one lead in ten changes hands.
        assertThat(reassigned.size()).isBetween(FEW_HUNDRED / 25, FEW_HUNDRED / 6);
    }

    @Test
    void shouldHaveNeutralFirstRepliesFollowedByADecisionWhenLeadsReply() {
        final Map<String, List<Sentiment>> replies = new LinkedHashMap<>();
        ofType(EventType.LEAD_REPLIED).forEach(e ->
                replies.computeIfAbsent(e.getLeadId(), id -> new ArrayList<>()).add(e.getSentiment()));

        assertThat(replies.values()).anyMatch(s -> s.size() > 1 && s.get(0) == Sentiment.NEUTRAL
                && s.get(s.size() - 1) != Sentiment.NEUTRAL);
        assertThat(replies.values()).anyMatch(s -> s.get(0) == Sentiment.POSITIVE);
        assertThat(replies.values()).anyMatch(s -> s.get(0) == Sentiment.NEGATIVE);
    }

    @Test
    void shouldFollowTheFunnelOrderWhenLeadsProgress() {
        final Map<String, Set<EventType>> seen = new HashMap<>();
        final Map<String, Stage> stage = new HashMap<>();
        for (final SalesEvent event : events) {
            final String lead = event.getLeadId();
            final Set<EventType> before = seen.computeIfAbsent(lead, id -> EnumSet.noneOf(EventType.class));
            if (event.getType() == EventType.LEAD_STAGE_CHANGED) {
                if (event.getStage() == Stage.CUSTOMER) {
                    assertThat(before).contains(EventType.DEAL_WON);
                }
                if (event.getStage() == Stage.EVANGELIST) {
                    assertThat(stage.get(lead)).isEqualTo(Stage.CUSTOMER);
                }
                stage.put(lead, event.getStage());
            }
            if (event.getType() == EventType.DEAL_WON && event.getDealType() != null
                    && event.getDealType() != DealType.NEW) {
                // Upsell, cross-sell and renewal are for existing customers.
                assertThat(stage.get(lead)).isIn(Stage.CUSTOMER, Stage.EVANGELIST);
            }
            if (event.getType() == EventType.NPS_RESPONSE || event.getType() == EventType.CUSTOMER_CHURNED) {
                assertThat(before).contains(EventType.DEAL_WON);
            }
            if (event.getType() == EventType.PROPOSAL_SENT || event.getType() == EventType.DEAL_LOST) {
                assertThat(before).contains(EventType.OPPORTUNITY_CREATED);
            }
            before.add(event.getType());
        }
    }

    @Test
    void shouldRecordOneSpendPerChannelAndDayWhenCampaignsRun() {
        final List<SalesEvent> spend = ofType(EventType.CAMPAIGN_SPEND);

        assertThat(spend).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getLeadId()).isNull();
            assertThat(e.getAmount()).isPositive();
            assertThat(Duration.between(GeneratorConfig.DEFAULT_START, e.getOccurredAt()).toHours() % 24).isZero();
        });
        assertThat(spend.stream().collect(Collectors.groupingBy(SalesEvent::getChannel, Collectors.counting())))
                .containsOnlyKeys(GeneratorConfig.DEFAULT_CHANNELS)
                .allSatisfy((channel, days) -> assertThat(days).isEqualTo(spend.size() / 5L));
    }

    @Test
    void shouldIncludeAFewEventsWithoutLeadCreatedWhenAnotherSystemKnowsTheLead() {
        final Set<String> created = createdAt().keySet();

        final Set<String> orphans = events.stream().map(SalesEvent::getLeadId)
                .filter(lead -> lead != null && !created.contains(lead)).collect(Collectors.toSet());

        // One lead in 300 has events but no LEAD_CREATED.
        assertThat(orphans).hasSizeBetween(1, 3);
    }

    @Test
    void shouldPlaceEachTeamInOneRegionWithMatchingTimeZonesWhenBuildingTheRoster() {
        final List<Rep> roster = new CrmGenerator(GeneratorConfig.defaults()).roster();

        assertThat(roster).extracting(Rep::getRepId)
                .containsExactly("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12");
        assertThat(roster).extracting(Rep::getTeamId).containsOnly("T1", "T2", "T3", "T4");
        assertThat(roster.stream().collect(Collectors.groupingBy(Rep::getTeamId,
                Collectors.mapping(Rep::getRegion, Collectors.toSet()))))
                .allSatisfy((team, regions) -> assertThat(regions).hasSize(1));
        assertThat(roster).allSatisfy(rep -> {
            assertThat(RegionProfile.of(rep.getRegion()).repZones()).contains(ZoneId.of(rep.getTimezone()));
            assertThat(rep.getMonthlyQuota()).isPositive();
            assertThat(RepJson.parse(RepJson.write(rep))).isEqualTo(rep);
        });
    }

    @Test
    void shouldProduceTwentyToFortyThousandEventsQuicklyWhenGeneratingThreeThousandLeads() {
        final CrmGenerator generator = new CrmGenerator(GeneratorConfig.of(42, 3_000));
        generator.generate();

        final long start = System.nanoTime();
        final List<SalesEvent> generated = generator.generate();
        final Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(generated).hasSizeBetween(20_000, 40_000);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    private static List<SalesEvent> ofType(final EventType type) {
        return events.stream().filter(e -> e.getType() == type).toList();
    }

    private static Map<String, Instant> createdAt() {
        return ofType(EventType.LEAD_CREATED).stream()
                .collect(Collectors.toMap(SalesEvent::getLeadId, SalesEvent::getOccurredAt));
    }

    /** The first_response_time measurements of KPIS.md, in minutes, by the touching rep. */
    private static Map<String, List<Long>> firstResponseMinutesByRep(final List<SalesEvent> all) {
        final Map<String, Instant> created = new HashMap<>();
        final Set<String> measured = new HashSet<>();
        final Map<String, List<Long>> byRep = new HashMap<>();
        for (final SalesEvent event : all) {
            if (event.getType() == EventType.LEAD_CREATED) {
                created.put(event.getLeadId(), event.getOccurredAt());
            } else if (event.getType() == EventType.LEAD_CONTACTED && !event.getAutomated()
                    && created.containsKey(event.getLeadId()) && measured.add(event.getLeadId())) {
                byRep.computeIfAbsent(event.getRepId(), rep -> new ArrayList<>())
                        .add(Duration.between(created.get(event.getLeadId()), event.getOccurredAt()).toMinutes());
            }
        }
        return byRep;
    }

    private static long median(final List<Long> values) {
        final List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
