package com.salespulse.kpi.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BucketSerdeTest {
    /**
     * The measures in the order this and every earlier version stored them. Bucket totals are stored
     * by ordinal, so a measure is only ever appended: never reorder, rename or remove an entry here.
     */
    private static final List<String> STORED_ORDER = List.of(
            "first_response_millis",
            "first_response_leads",
            "leads_created",
            "touches_call",
            "touches_email",
            "touches_meeting",
            "touches_demo",
            "touches_sms",
            "touches_social",
            "followed_up_leads",
            "existing_customer_touches",
            "opportunities_created",
            "proposals_sent",
            "deals_won",
            "deals_lost",
            "revenue_won",
            "upsell_cross_sell_deals",
            "costed_revenue",
            "costed_cost",
            "sales_cycle_millis",
            "sales_cycle_deals",
            "lead_lifecycle_millis",
            "lead_lifecycle_leads",
            "first_touch_revenue_call",
            "first_touch_revenue_email",
            "first_touch_revenue_meeting",
            "first_touch_revenue_demo",
            "first_touch_revenue_sms",
            "first_touch_revenue_social",
            "emailed_leads",
            "email_opened_leads",
            "nps_responses",
            "nps_promoters",
            "nps_detractors",
            "churned_customers",
            "campaign_spend",
            "new_customers",
            "quota",
            "cohort_leads",
            "cohort_touched_leads",
            "cohort_positive_leads",
            "cohort_negative_leads",
            "cohort_stage_subscriber",
            "cohort_stage_lead",
            "cohort_stage_mql",
            "cohort_stage_sql",
            "cohort_stage_opportunity",
            "cohort_stage_customer",
            "cohort_stage_evangelist",
            "cohort_stage_disqualified",
            "cohort_touched_replied_leads",
            "cohort_replied_leads",
            "cohort_replied_customer_leads",
            "cohort_reached_customer",
            "cohort_reached_mql",
            "cohort_reached_sql",
            "cohort_mql_then_sql",
            "cohort_mql_then_customer",
            "cohort_sql_then_customer",
            "cohort_qualified_leads",
            "sla_breaches",
            "cohort_sla_decided",
            "cohort_sla_met",
            "first_response_under_5_min",
            "first_response_5_to_15_min",
            "first_response_15_to_60_min",
            "first_response_1_to_4_h",
            "first_response_4_to_24_h",
            "first_response_1_day_or_more");

    private final BucketSerde serde = new BucketSerde();

    @Test
    void shouldKeepTheStoredOrderOfMeasuresWhenMeasuresAreAdded() {
        // Given the measures of this version, by ordinal
        final List<String> keys = Arrays.stream(Measure.values()).map(Measure::key).toList();

        // Then those stored before come first, in the same order
        assertThat(keys.subList(0, Math.min(keys.size(), STORED_ORDER.size()))).isEqualTo(STORED_ORDER);
        assertThat(keys).hasSizeGreaterThanOrEqualTo(STORED_ORDER.size());
    }

    @Test
    void shouldReadBackTotalsRevisionsAndPendingChangesWhenValuesAreLargeNegativeOrZero() {
        // Given buckets with random totals, many zero, some negative or at the extremes of long, revisions, and pending
        // changes
        final Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            final Measures totals = new Measures();
            for (final Measure measure : Measure.values()) {
                final int pick = random.nextInt(5);
                totals.add(measure, pick == 0 ? Long.MIN_VALUE + random.nextInt(3) : pick == 1 ? Long.MAX_VALUE
                        : pick == 2 ? 0 : random.nextLong() % 1_000_000);
            }
            final Bucket bucket = Bucket.of(totals);
            for (int index = 0; index < KpiCatalog.all().size(); index++) {
                for (int revision = random.nextInt(3) == 0 ? random.nextInt(1_000) : 0; revision > 0; revision--) {
                    bucket.nextRevision(index);
                }
            }
            if (round % 3 != 0) {
                // with changes pending since the totals were last published, with or without an event time
                bucket.changed(new Measures().add(Measure.LEADS_CREATED, random.nextInt(100) - 50),
                        round % 3 == 1 ? null : random.nextLong());
            }

            // When
            final Bucket read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", bucket));

            // Then
            assertThat(read).isEqualTo(bucket);
        }
    }

    @Test
    void shouldReadABucketWhenAnEarlierVersionWroteItInAvro() {
        // Given a bucket as versions before the compact form stored it
        final byte[] avro = new InternalAvroSerde<>(BucketState.class).serializer().serialize("t",
                new BucketState(Map.of("leads_created", 3L, "no_longer_a_measure", 9L),
                        Map.of("leads_created", 4L, "no_longer_a_kpi", 2L)));

        // When
        final Bucket read = serde.deserializer().deserialize("t", avro);

        // Then its totals and the revisions of known KPIs are kept, unknown names dropped
        assertThat(read.totals()).isEqualTo(new Measures().add(Measure.LEADS_CREATED, 3));
        assertThat(read.revisionsByName()).isEqualTo(Map.of("leads_created", 4L));
    }

    @Test
    void shouldRefuseBytesWhenTheyAreNoBucket() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {42, 0}))
                .isInstanceOf(SerializationException.class);
    }
}
