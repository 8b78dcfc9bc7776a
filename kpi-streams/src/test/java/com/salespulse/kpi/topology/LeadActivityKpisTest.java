package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.emailOpened;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.stageChanged;
import static com.salespulse.kpi.support.KpiAssert.assertKpi;
import static com.salespulse.kpi.support.KpiAssert.assertRatio;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiAssert.assertUnpublished;
import static com.salespulse.kpi.support.KpiKey.daily;
import static com.salespulse.kpi.support.KpiKey.hourly;

import com.salespulse.events.Activity;
import com.salespulse.events.KpiChange;
import com.salespulse.events.Stage;
import com.salespulse.kpi.support.PipelineFixture;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flow KPIs of leads and touches (docs/kpis.md): leads_created, activity_count.&lt;activity&gt;,
 * followed_up_leads, existing_customer_touches, email_open_rate.
 */
class LeadActivityKpisTest extends PipelineFixture {
    private static final Instant TEN = minutes(60);

    @Test
    void shouldCountEachLeadOnceForTheRepOnItWhenLeadCreatedIsRepeated() {
        // Given L1 created by R1 at 09:00 and sent again at 09:05, L2 created by R2 at 09:10, L3 created with no rep
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                leadCreated("L1").by("R1").at(minutes(5)),
                leadCreated("L2").by("R2").region("NA").at(minutes(10)),
                leadCreated("L3").at(minutes(20)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then org: L1 + L2 + L3 = 3 (the repeat counts nothing); R1 1, R2 1, unassigned 1; EMEA 2, NA 1
        assertTotal(latest, hourly("leads_created", "org", "all", T0), 3);
        assertTotal(latest, hourly("leads_created", "rep", "R1", T0), 1);
        assertTotal(latest, hourly("leads_created", "team", "T2", T0), 1);
        assertTotal(latest, hourly("leads_created", "rep", "unassigned", T0), 1);
        assertTotal(latest, hourly("leads_created", "team", "unassigned", T0), 1);
        assertTotal(latest, daily("leads_created", "region", "EMEA", DAY), 2);
        assertTotal(latest, daily("leads_created", "region", "NA", DAY), 1);
    }

    @Test
    void shouldCountHumanTouchesByActivityWhenAutomatedTouchesAndUncreatedLeadsAreMixedIn() {
        // Given L1 (R1): calls at 09:05 and 09:10, an e-mail at 09:15, an automated e-mail at 09:16 (not counted);
        // R2's meeting at 10:05 and demo at 10:10; R1's SMS at 10:20 and social touch at 10:30;
        // and a call by R1 at 09:30 on L9, whose LEAD_CREATED never arrives (still counted, region unknown)
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                contacted("L1").by("R1").at(minutes(5)),
                contacted("L1").by("R1").at(minutes(10)),
                contacted("L1").by("R1").activity(Activity.EMAIL).at(minutes(15)),
                contacted("L1").automated().by("R1").at(minutes(16)),
                contacted("L9").by("R1").at(minutes(30)),
                contacted("L1").by("R2").activity(Activity.MEETING).at(minutes(65)),
                contacted("L1").by("R2").activity(Activity.DEMO).at(minutes(70)),
                contacted("L1").by("R1").activity(Activity.SMS).at(minutes(80)),
                contacted("L1").by("R1").activity(Activity.SOCIAL).at(minutes(90)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 09:00 hour: calls 2 (L1) + 1 (L9) = 3, e-mail 1; 10:00 hour: one each of meeting, demo, SMS, social
        assertTotal(latest, hourly("activity_count.call", "org", "all", T0), 3);
        assertTotal(latest, hourly("activity_count.email", "org", "all", T0), 1);
        assertTotal(latest, hourly("activity_count.meeting", "org", "all", TEN), 1);
        assertTotal(latest, hourly("activity_count.demo", "org", "all", TEN), 1);
        assertTotal(latest, hourly("activity_count.sms", "org", "all", TEN), 1);
        assertTotal(latest, hourly("activity_count.social", "org", "all", TEN), 1);
        // and by the touch's rep: R2 has the meeting and the demo, R1 the rest
        assertTotal(latest, daily("activity_count.meeting", "rep", "R2", DAY), 1);
        assertTotal(latest, daily("activity_count.demo", "team", "T2", DAY), 1);
        assertTotal(latest, daily("activity_count.call", "rep", "R1", DAY), 3);
        assertUnpublished(latest, daily("activity_count.meeting", "rep", "R1", DAY));
        // and L9's call is counted with an unknown region and channel
        assertTotal(latest, hourly("activity_count.call", "region", "unknown", T0), 1);
        assertTotal(latest, hourly("activity_count.call", "channel", "paid", T0), 2);
    }

    @Test
    void shouldCountTheFirstHumanTouchOnlyWhenLaterTouchesOrAutomatedTouchesFollow() {
        // Given L1 (R1): first human touch 09:10, another at 10:10;
        // L2 (R2): automated e-mail 09:20, first human touch by R2 at 10:30;
        // L3: touched by R1 at 09:40, its LEAD_CREATED (09:30) arrives afterwards: still followed up at 09:40
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                leadCreated("L2").by("R2").at(T0),
                contacted("L1").by("R1").at(minutes(10)),
                contacted("L2").automated().by("R2").at(minutes(20)),
                contacted("L3").by("R1").at(minutes(40)),
                leadCreated("L3").by("R1").at(minutes(30)),
                contacted("L1").by("R1").at(minutes(70)),
                contacted("L2").by("R2").at(minutes(90)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 09:00 hour: L1 and L3 = 2 (R1); 10:00 hour: L2 = 1 (R2, T2); the day: 3
        assertTotal(latest, hourly("followed_up_leads", "org", "all", T0), 2);
        assertTotal(latest, hourly("followed_up_leads", "rep", "R1", T0), 2);
        assertTotal(latest, hourly("followed_up_leads", "org", "all", TEN), 1);
        assertTotal(latest, hourly("followed_up_leads", "team", "T2", TEN), 1);
        assertUnpublished(latest, hourly("followed_up_leads", "rep", "R1", TEN));
        assertTotal(latest, daily("followed_up_leads", "org", "all", DAY), 3);
    }

    @Test
    void shouldCountTouchesOnCustomersWhenTheStageIsCustomerAtTheTouch() {
        // Given L1 created as CUSTOMER and called at 09:10 → 1;
        // L2 called at 09:15 as LEAD (no), moved to CUSTOMER at 09:20, called at 09:25 → 1, automated e-mail at 09:26
        // (no), moved to EVANGELIST at 09:30, called at 09:35 (no)
        pipeline.send(
                leadCreated("L1").by("R1").stage(Stage.CUSTOMER).at(T0),
                contacted("L1").by("R1").at(minutes(10)),
                leadCreated("L2").by("R1").at(T0),
                contacted("L2").by("R1").at(minutes(15)),
                stageChanged("L2", Stage.CUSTOMER).at(minutes(20)),
                contacted("L2").by("R1").at(minutes(25)),
                contacted("L2").automated().by("R1").at(minutes(26)),
                stageChanged("L2", Stage.EVANGELIST).at(minutes(30)),
                contacted("L2").by("R1").at(minutes(35)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 2 of the 4 human touches were on customers
        assertTotal(latest, hourly("existing_customer_touches", "org", "all", T0), 2);
        assertTotal(latest, hourly("existing_customer_touches", "rep", "R1", T0), 2);
        assertTotal(latest, hourly("activity_count.call", "org", "all", T0), 4);
    }

    @Test
    void shouldRateFirstOpensAgainstFirstEmailsWhenOpensRepeatAndFallInALaterHour() {
        // Given (all owned by R1)
        //   L1: automated e-mail 09:01 (first e-mail), opened 09:05 (first open), opened again 09:06, e-mailed again 09:30
        //   L2: human e-mail 09:10 (first e-mail), never opened
        //   L3: called only, never e-mailed
        //   L4: e-mail 09:50 (first e-mail), opened 10:10 (first open, next hour)
        pipeline.send(
                leadCreated("L1").by("R1").at(T0), leadCreated("L2").by("R1").at(T0),
                leadCreated("L3").by("R1").at(T0), leadCreated("L4").by("R1").at(T0),
                contacted("L1").automated().by("R1").at(minutes(1)),
                emailOpened("L1").at(minutes(5)),
                emailOpened("L1").at(minutes(6)),
                contacted("L2").by("R1").activity(Activity.EMAIL).at(minutes(10)),
                contacted("L3").by("R1").at(minutes(12)),
                contacted("L1").by("R1").activity(Activity.EMAIL).at(minutes(30)),
                contacted("L4").by("R1").activity(Activity.EMAIL).at(minutes(50)),
                emailOpened("L4").at(minutes(70)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 09:00 hour: opened L1 / e-mailed L1, L2, L4 = 1/3; the day: L1, L4 / L1, L2, L4 = 2/3
        assertRatio(latest, hourly("email_open_rate", "org", "all", T0), 1, 3);
        assertRatio(latest, daily("email_open_rate", "org", "all", DAY), 2, 3);
        // EMAIL_OPENED has no rep: the open counts for the lead's owner
        assertRatio(latest, daily("email_open_rate", "rep", "R1", DAY), 2, 3);
        // and the 10:00 hour holds an open whose e-mail was sent the hour before: 1 / 0, value null
        assertKpi(latest, hourly("email_open_rate", "org", "all", TEN), 1, 0, null);
    }
}
