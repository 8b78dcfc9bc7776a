package com.salespulse.kpi.journey;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.dealWon;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.opportunityCreated;
import static com.salespulse.kpi.support.Events.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Stage;
import com.salespulse.kpi.support.Events;
import org.junit.jupiter.api.Test;

/** How events accumulate into a lead's journey (plain unit tests of Leads). */
class LeadsTest {

    @Test
    void shouldReachTheDefaultStageAtCreationWhenLeadCreatedHasNoStage() {
        // When
        final LeadJourney journey = journey(leadCreated("L1").by("R1").at(T0));

        // Then
        assertThat(Leads.hasReached(journey, Stage.LEAD)).isTrue();
        assertThat(Leads.hasReached(journey, Stage.MQL)).isFalse();
        assertThat(Leads.lifecycleEnded(journey)).isFalse();
    }

    @Test
    void shouldJudgeLaterByTheFirstReachOfOneAndTheLastReachOfTheOtherWhenStagesRepeat() {
        // Given created as SQL (position 0), then MQL (1), then SQL (2), then MQL (3)
        final LeadJourney journey = journey(leadCreated("L1").stage(Stage.SQL).at(T0),
                stageChanged("L1", Stage.MQL).at(minutes(1)), stageChanged("L1", Stage.SQL).at(minutes(2)),
                stageChanged("L1", Stage.MQL).at(minutes(3)));

        // Then MQL (first 1) then SQL (last 2): yes; SQL (first 0) then MQL (last 3): yes; never CUSTOMER
        assertThat(Leads.reachedThen(journey, Stage.MQL, Stage.SQL)).isTrue();
        assertThat(Leads.reachedThen(journey, Stage.SQL, Stage.MQL)).isTrue();
        assertThat(Leads.reachedThen(journey, Stage.SQL, Stage.CUSTOMER)).isFalse();
        assertThat(Leads.stage(journey)).isEqualTo(Stage.MQL);
        assertThat(journey.getStageChanges()).isEqualTo(3);
    }

    @Test
    void shouldNotReachTheSecondStageLaterWhenItWasOnlyReachedBefore() {
        // Given SQL (1), then MQL (2): SQL before MQL only
        final LeadJourney journey = journey(leadCreated("L1").at(T0), stageChanged("L1", Stage.SQL).at(minutes(1)),
                stageChanged("L1", Stage.MQL).at(minutes(2)));

        // Then
        assertThat(Leads.reachedThen(journey, Stage.MQL, Stage.SQL)).isFalse();
        assertThat(Leads.reachedThen(journey, Stage.SQL, Stage.MQL)).isTrue();
    }

    @Test
    void shouldForgetTheEarliestOpportunityWhenALeadOpensMoreThanItKeeps() {
        // Given 33 opportunities created a minute apart, O0 first, and O5 created again later
        final Events[] events = new Events[Leads.MAX_OPEN_OPPORTUNITIES + 2];
        for (int i = 0; i <= Leads.MAX_OPEN_OPPORTUNITIES; i++) {
            events[i] = opportunityCreated("L1", "O" + i).by("R1").at(minutes(i));
        }
        events[Leads.MAX_OPEN_OPPORTUNITIES + 1] = opportunityCreated("L1", "O5").by("R1").at(minutes(100));

        // When
        final LeadJourney journey = journey(events);

        // Then O0 is forgotten, O1..O32 are kept, and O5 keeps its first creation time
        assertThat(journey.getOpenOpportunities()).hasSize(Leads.MAX_OPEN_OPPORTUNITIES);
        assertThat(Leads.openedAt(journey, "O0")).isNull();
        assertThat(Leads.openedAt(journey, "O32")).isEqualTo(minutes(32));
        assertThat(Leads.openedAt(journey, "O5")).isEqualTo(minutes(5));
    }

    @Test
    void shouldCloseTheOpportunityAndEndTheLifecycleWhenTheDealIsWon() {
        // Given
        final LeadJourney open = journey(leadCreated("L1").at(T0), opportunityCreated("L1", "O1").by("R1").at(minutes(1)));

        // When
        final LeadJourney won = Leads.apply(open, dealWon("L1", "O1").by("R1").amount("1").at(minutes(2)).build());

        // Then the new journey has it closed, and the journey before is untouched
        assertThat(Leads.openedAt(won, "O1")).isNull();
        assertThat(Leads.lifecycleEnded(won)).isTrue();
        assertThat(Leads.openedAt(open, "O1")).isEqualTo(minutes(1));
        assertThat(Leads.lifecycleEnded(open)).isFalse();
    }

    private static LeadJourney journey(final Events... events) {
        LeadJourney journey = null;
        for (final Events event : events) {
            journey = Leads.apply(journey, event.build());
        }
        return journey;
    }
}
