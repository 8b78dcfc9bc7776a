package com.salespulse.kpi.journey;

import com.salespulse.events.Sentiment;
import com.salespulse.events.Stage;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;

/**
 * What a created lead counts for in its cohort buckets, read from its current journey. The whole
 * contribution is taken back and added again whenever the lead changes, so each measure states a
 * fact about the lead now.
 */
final class CohortContribution {

    private CohortContribution() {
    }

    static Measures of(final LeadJourney journey) {
        final Measures measures = new Measures()
                .add(Measure.COHORT_LEADS, 1)
                .add(Measure.cohortStage(Leads.stage(journey)), 1);
        addReplies(measures, journey);
        addStagesReached(measures, journey);
        final String outcome = journey.getSlaOutcome();
        measures.addOneIf(Measure.COHORT_SLA_DECIDED, outcome != null);
        measures.addOneIf(Measure.COHORT_SLA_MET, Leads.SLA_MET.equals(outcome));
        return measures;
    }

    private static void addReplies(final Measures measures, final LeadJourney journey) {
        final boolean replied = journey.getReplied();
        if (replied) {
            measures.add(Measure.COHORT_REPLIED_LEADS, 1);
            measures.addOneIf(Measure.COHORT_REPLIED_CUSTOMER_LEADS, Leads.hasReached(journey, Stage.CUSTOMER));
        }
        if (Leads.isTouched(journey)) {
            measures.add(Measure.COHORT_TOUCHED_LEADS, 1);
            measures.addOneIf(Measure.COHORT_TOUCHED_REPLIED_LEADS, replied);
            final String sentiment = journey.getFirstDecisiveSentiment();
            measures.addOneIf(Measure.COHORT_POSITIVE_LEADS, Sentiment.POSITIVE.name().equals(sentiment));
            measures.addOneIf(Measure.COHORT_NEGATIVE_LEADS, Sentiment.NEGATIVE.name().equals(sentiment));
        }
    }

    private static void addStagesReached(final Measures measures, final LeadJourney journey) {
        final boolean mql = Leads.hasReached(journey, Stage.MQL);
        final boolean sql = Leads.hasReached(journey, Stage.SQL);
        measures.addOneIf(Measure.COHORT_REACHED_CUSTOMER, Leads.hasReached(journey, Stage.CUSTOMER));
        measures.addOneIf(Measure.COHORT_REACHED_MQL, mql);
        measures.addOneIf(Measure.COHORT_REACHED_SQL, sql);
        measures.addOneIf(Measure.COHORT_QUALIFIED_LEADS, mql || sql);
        measures.addOneIf(Measure.COHORT_MQL_THEN_SQL, Leads.reachedThen(journey, Stage.MQL, Stage.SQL));
        measures.addOneIf(Measure.COHORT_MQL_THEN_CUSTOMER, Leads.reachedThen(journey, Stage.MQL, Stage.CUSTOMER));
        measures.addOneIf(Measure.COHORT_SQL_THEN_CUSTOMER, Leads.reachedThen(journey, Stage.SQL, Stage.CUSTOMER));
    }
}
