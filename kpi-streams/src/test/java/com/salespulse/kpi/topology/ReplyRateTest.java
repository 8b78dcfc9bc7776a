package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.replied;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Sentiment;
import com.salespulse.kpi.catalog.Family;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * positive_reply_rate and negative_reply_rate (KPIS.md): lead cohort; denominator = leads of the
 * cohort with a human touch; numerator = those whose first non-NEUTRAL reply is POSITIVE (NEGATIVE).
 */
class ReplyRateTest extends PipelineFixture {
    private static final String POSITIVE = "positive_reply_rate";
    private static final String NEGATIVE = "negative_reply_rate";

    @Test
    void shouldCountEachTouchedLeadOnceByItsFirstDecisiveReplyWhenRepliesAreMixed() {
        // Given four leads created 09:00 by R1:
        //   L1 touched, replies NEUTRAL then POSITIVE then NEGATIVE → positive
        //   L2 touched, replies NEGATIVE then POSITIVE             → negative
        //   L3 touched, no reply                                   → touched only
        //   L4 never touched by a human (automated only), replies POSITIVE → not in the denominator
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(5)),
                replied("L1", Sentiment.NEUTRAL).at(minutes(6)), replied("L1", Sentiment.POSITIVE).at(minutes(7)),
                replied("L1", Sentiment.NEGATIVE).at(minutes(8)),
                leadCreated("L2").by("R1").at(T0), contacted("L2").by("R1").at(minutes(5)),
                replied("L2", Sentiment.NEGATIVE).at(minutes(9)), replied("L2", Sentiment.POSITIVE).at(minutes(10)),
                leadCreated("L3").by("R1").at(T0), contacted("L3").by("R1").at(minutes(5)),
                leadCreated("L4").by("R1").at(T0), contacted("L4").automated().by("R1").at(minutes(1)),
                replied("L4", Sentiment.POSITIVE).at(minutes(20)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 1 positive / 3 touched and 1 negative / 3 touched, in every dimension the leads share
        for (final String[] member : new String[][] {{"org", "all"}, {"rep", "R1"}, {"team", "T1"},
                {"region", "EMEA"}, {"channel", "paid"}}) {
            assertRate(latest.get(KpiKey.hourly(POSITIVE, member[0], member[1], T0)), 1.0, 3.0);
            assertRate(latest.get(KpiKey.daily(NEGATIVE, member[0], member[1], DAY)), 1.0, 3.0);
        }
    }

    @Test
    void shouldMoveTheLeadToItsNewOwnerWhenItIsReassigned() {
        // Given L1 created 09:00 by R1 (team T1), touched and replied POSITIVE: R1 at 1/1
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(5)),
                replied("L1", Sentiment.POSITIVE).at(minutes(6)));
        assertRate(pipeline.latest(Map.of()).get(KpiKey.hourly(POSITIVE, "rep", "R1", T0)), 1.0, 1.0);

        // When L1 is reassigned to R2 (team T2)
        pipeline.send(assigned("L1").by("R2").at(minutes(30)));
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then L1 leaves R1's and T1's buckets (0 / 0: value null) and enters R2's and T2's; org does not move
        final KpiChange oldRep = latest.get(KpiKey.hourly(POSITIVE, "rep", "R1", T0));
        assertThat(oldRep.getNumerator()).isZero();
        assertThat(oldRep.getDenominator()).isZero();
        assertThat(oldRep.getValue()).isNull();
        assertThat(oldRep.getPreviousValue()).isEqualTo(1.0);
        assertThat(oldRep.getRevision()).isEqualTo(2L);
        assertThat(latest.get(KpiKey.hourly(POSITIVE, "team", "T1", T0)).getValue()).isNull();
        assertRate(latest.get(KpiKey.hourly(POSITIVE, "rep", "R2", T0)), 1.0, 1.0);
        assertRate(latest.get(KpiKey.daily(POSITIVE, "team", "T2", DAY)), 1.0, 1.0);
        assertThat(latest).doesNotContainKey(KpiKey.hourly(POSITIVE, "org", "all", T0));
    }

    @Test
    void shouldCountTheLeadInItsCreationWindowWhenTheReplyComesDaysLater() {
        // Given L1 created Monday 09:00, touched; a positive reply on Wednesday
        pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(5)));
        pipeline.flush();
        pipeline.send(replied("L1", Sentiment.POSITIVE).at(minutes(2 * 24 * 60)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then Monday's cohort moves from 0/1 to 1/1
        assertRate(latest.get(KpiKey.daily(POSITIVE, "org", "all", DAY)), 1.0, 1.0);
        assertThat(latest.get(KpiKey.daily(POSITIVE, "org", "all", DAY)).getPreviousValue()).isEqualTo(0.0);
    }

    @Test
    void shouldPublishNothingWhenTheLeadWasNeverCreated() {
        // Given events about L9, whose LEAD_CREATED never arrives
        pipeline.send(contacted("L9").by("R1").at(minutes(5)), replied("L9", Sentiment.POSITIVE).at(minutes(6)));

        // When / Then no cohort KPI and no first response time (flow counts such as activity_count do count the touch)
        assertThat(pipeline.flush()).extracting(record -> record.value().getKpi())
                .noneMatch(kpi -> kpi.equals("first_response_time")
                        || KpiCatalog.byName(kpi).orElseThrow().family() == Family.COHORT);
    }

    @Test
    void shouldJoinTheCohortWhenLeadCreatedArrivesAfterItsOtherEvents() {
        // Given L1's touch and positive reply arrive before its LEAD_CREATED
        pipeline.send(contacted("L1").by("R1").at(minutes(5)), replied("L1", Sentiment.POSITIVE).at(minutes(6)),
                leadCreated("L1").by("R1").at(T0));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the lead's accumulated state counts once it is created: 1 / 1
        assertRate(latest.get(KpiKey.hourly(POSITIVE, "org", "all", T0)), 1.0, 1.0);
    }

    private static void assertRate(final KpiChange change, final double numerator, final double denominator) {
        assertThat(change).isNotNull();
        assertThat(change.getNumerator()).isEqualTo(numerator);
        assertThat(change.getDenominator()).isEqualTo(denominator);
        assertThat(change.getValue()).isEqualTo(numerator / denominator);
        assertThat(change.getUnit()).isEqualTo("ratio");
    }
}
