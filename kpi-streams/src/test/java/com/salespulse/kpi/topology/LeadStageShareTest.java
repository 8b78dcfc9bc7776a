package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.assigned;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.stageChanged;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.events.Stage;
import com.salespulse.kpi.bucket.BucketAggregator;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineFixture;
import com.salespulse.kpi.support.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * lead_stage_share.&lt;stage&gt; (KPIS.md): lead cohort; denominator = leads of the cohort, numerator =
 * those whose current stage is that stage; zero shares are published wherever the bucket has leads.
 */
class LeadStageShareTest extends PipelineFixture {

    @Test
    void shouldShareLeadsByCurrentStageWhenStagesComeFromCreationChangesAndTheDefault() {
        // Given L1 created with no stage (→ LEAD), L2 created as MQL, L3 created as MQL then changed to SQL then to
        // DISQUALIFIED (latest wins), L4 created as SUBSCRIBER then changed to CUSTOMER
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                leadCreated("L2").by("R1").stage(Stage.MQL).at(minutes(1)),
                leadCreated("L3").by("R1").stage(Stage.MQL).at(minutes(2)),
                stageChanged("L3", Stage.SQL).at(minutes(3)),
                stageChanged("L3", Stage.DISQUALIFIED).at(minutes(4)),
                leadCreated("L4").by("R1").stage(Stage.SUBSCRIBER).at(minutes(5)),
                stageChanged("L4", Stage.CUSTOMER).at(minutes(6)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then 4 leads: lead 1/4, mql 1/4, disqualified 1/4, customer 1/4, and 0/4 for the other four stages
        final Map<Stage, Double> expected = Map.of(Stage.LEAD, 1.0, Stage.MQL, 1.0, Stage.DISQUALIFIED, 1.0,
                Stage.CUSTOMER, 1.0, Stage.SUBSCRIBER, 0.0, Stage.SQL, 0.0, Stage.OPPORTUNITY, 0.0, Stage.EVANGELIST, 0.0);
        for (final Stage stage : Stage.values()) {
            final KpiChange share = latest.get(KpiKey.hourly(share(stage), "rep", "R1", T0));
            assertThat(share).as(stage.name()).isNotNull();
            assertThat(share.getNumerator()).as(stage.name()).isEqualTo(expected.get(stage));
            assertThat(share.getDenominator()).as(stage.name()).isEqualTo(4.0);
            assertThat(share.getValue()).as(stage.name()).isEqualTo(expected.get(stage) / 4.0);
        }
    }

    @Test
    void shouldPublishTheWholeSequenceOfTheOldAndNewOwnerWhenTheLeadIsReassigned() {
        // Given L1 created by R1 as LEAD
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        final List<TestRecord<String, KpiChange>> created = stageShares(pipeline.flush());

        // When L1 is assigned to R2
        pipeline.send(assigned("L1").by("R2").at(minutes(10)));
        final List<TestRecord<String, KpiChange>> reassigned = stageShares(pipeline.flush());

        // Then creation published every stage share in every bucket: 8 stages x 5 dimensions x 2 windows
        assertThat(created).hasSize(80);
        // and the reassignment moved L1 from rep R1 and team T1 to rep R2 and team T2 in both windows: 8 x 4 x 2
        assertThat(reassigned).hasSize(64);
        final Map<String, Double> hourlyLead = reassigned.stream()
                .filter(record -> record.key().startsWith("lead_stage_share.lead|") && record.key().contains("|PT1H|"))
                .collect(Collectors.toMap(record -> record.value().getDimension() + "/" + record.value().getDimensionValue(),
                        record -> record.value().getValue() == null ? Double.NaN : record.value().getValue()));
        assertThat(hourlyLead).containsOnly(
                Map.entry("rep/R1", Double.NaN), Map.entry("team/T1", Double.NaN),
                Map.entry("rep/R2", 1.0), Map.entry("team/T2", 1.0));
        // and the records are stamped when they were computed, with the time of the event they reflect in a header
        assertThat(reassigned).allMatch(record -> record.timestamp() == PipelineDriver.EMITTED_AT.toEpochMilli());
        assertThat(reassigned).allMatch(record -> new String(record.headers().lastHeader(BucketAggregator.EVENT_TIME_HEADER)
                .value(), StandardCharsets.UTF_8).equals(Long.toString(minutes(10).toEpochMilli())));
    }

    @Test
    void shouldNotPublishWhenTheStageIsSetToWhatItAlreadyIs() {
        // Given L1 created as MQL
        pipeline.send(leadCreated("L1").by("R1").stage(Stage.MQL).at(T0));
        pipeline.flush();

        // When a LEAD_STAGE_CHANGED repeats MQL
        pipeline.send(stageChanged("L1", Stage.MQL).at(minutes(5)));

        // Then
        assertThat(pipeline.flush()).isEmpty();
    }

    /** The stage-share changes among everything published (other KPIs of the catalog move too). */
    private static List<TestRecord<String, KpiChange>> stageShares(final List<TestRecord<String, KpiChange>> published) {
        return published.stream().filter(record -> record.key().startsWith("lead_stage_share.")).toList();
    }

    private static String share(final Stage stage) {
        return "lead_stage_share." + stage.name().toLowerCase(Locale.ROOT);
    }
}
