package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static com.salespulse.kpi.support.KpiKey.hourly;
import static com.salespulse.kpi.support.Submissions.submission;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.KpiChange;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.metrics.PipelineMetrics;
import com.salespulse.kpi.support.PipelineDriver;
import com.salespulse.kpi.support.Submissions;
import com.salespulse.kpi.webform.LeadIdKey;
import io.micrometer.core.instrument.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Web-form submissions become LEAD_CREATED events on sales.crm-events, keyed by lead, with no personal data; a form
 * submitted twice (same submissionId, or same form, e-mail and minute) makes one lead; a submission that cannot make a
 * lead goes to sales.dlq with its reason (docs/ingestion.md).
 */
class WebFormLeadsTopologyTest {
    private static final String SECRET = "test-secret-of-at-least-32-characters";
    private static final String EMAIL = "ann@example.com";
    private static final String LEAD = LeadIdKey.of(SECRET, 32).leadIdOf(EMAIL);

    private PipelineDriver pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = new PipelineDriver(options -> options.withLeadIdKey(LeadIdKey.of(SECRET, 32)));
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void shouldMakeOneLeadWhenTheSameSubmissionArrivesThreeTimes() {
        // Given Ann's submission S1 of the contact form at 09:00 from a paid search ad, in EMEA, delivered at 09:00,
        // retried at 09:00:01 and again at 09:01
        final WebFormSubmission ann = submission("S1").email(EMAIL).region("EMEA").utm("google", "cpc", "spring")
                .at(T0).build();
        pipeline.submit(ann, T0).submit(ann, T0.plusSeconds(1)).submit(ann, minutes(1));

        // When
        final List<TestRecord<String, SalesEvent>> written = pipeline.writtenEvents();
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then one LEAD_CREATED, keyed by Ann's lead id, written at the first delivery's time
        final SalesEvent created = SalesEvent.newBuilder().setEventId(written.get(0).value().getEventId())
                .setType(EventType.LEAD_CREATED).setOccurredAt(T0).setLeadId(LEAD).setSource(EventSource.WEB_FORM)
                .setChannel("paid").setRegion("EMEA").setCampaignId("spring").build();
        assertThat(written).containsExactly(new TestRecord<>(LEAD, created, T0));
        // and one lead, in the paid channel; the two retries counted as duplicates from web forms
        assertTotal(latest, hourly("leads_created", "org", "all", T0), 1);
        assertTotal(latest, hourly("leads_created", "channel", "paid", T0), 1);
        assertThat(duplicates("web_form")).isEqualTo(2.0);
    }

    @Test
    void shouldMakeOneLeadWhenTheSameFormEmailAndMinuteComeUnderTwoSubmissionIds() {
        // Given Ann sends the contact form at 09:00:05 and, as ANN@example.com, again at 09:00:40 (a double click
        // the client did not catch: two submissionIds)
        pipeline.submit(submission("S1").email(EMAIL).at(T0.plusSeconds(5)).build())
                .submit(submission("S2").email("ANN@example.com").at(T0.plusSeconds(40)).build());

        // When
        final List<TestRecord<String, SalesEvent>> written = pipeline.writtenEvents();
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then both become the same event of the same lead, which event-dedup lets through once
        assertThat(written).extracting(TestRecord::key).containsExactly(LEAD, LEAD);
        assertThat(written.get(1).value().getEventId()).isEqualTo(written.get(0).value().getEventId());
        assertThat(processed(EventType.LEAD_CREATED)).isEqualTo(1.0);
        assertThat(duplicates("web_form")).isEqualTo(1.0);
        assertTotal(latest, hourly("leads_created", "org", "all", T0), 1);
    }

    @Test
    void shouldKeepThePersonOneLeadWhenTheySubmitAnotherFormOrInAnotherMinute() {
        // Given Ann sends the contact form at 09:00, the pricing form at 09:05 and the contact form again at 09:30
        pipeline.submit(submission("S1").email(EMAIL).at(T0).build())
                .submit(submission("S2").form("pricing").email(" Ann@Example.com").at(minutes(5)).build())
                .submit(submission("S3").email(EMAIL).at(minutes(30)).build());

        // When
        final List<TestRecord<String, SalesEvent>> written = pipeline.writtenEvents();
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then three events of one lead: the same person is the same lead
        assertThat(written).extracting(TestRecord::key).containsExactly(LEAD, LEAD, LEAD);
        assertThat(written).extracting(record -> record.value().getEventId()).doesNotHaveDuplicates();
        assertThat(processed(EventType.LEAD_CREATED)).isEqualTo(3.0);
        // and the lead counts once: a repeated LEAD_CREATED counts nothing (docs/kpis.md, Order)
        assertTotal(latest, hourly("leads_created", "org", "all", T0), 1);
    }

    @Test
    void shouldWriteNoPersonalDataButToTheDeadLetterTopicWhenSubmissionsBecomeLeads() {
        // Given a good submission and one that is dead-lettered (no lead id, and an address that is not one)
        final String badEmail = "bob-at-example.com";
        pipeline.submit(submission("S1").email(EMAIL).utm("mailer", "email", EMAIL).build())
                .submit(submission("S2").email(badEmail).build());
        pipeline.flush();

        // When every record the pipeline wrote is read back as bytes
        final List<String> personal = List.of(EMAIL, badEmail, Submissions.NAME, Submissions.PHONE);
        final List<String> leaks = new ArrayList<>();
        final List<TestRecord<byte[], byte[]>> deadLetters = pipeline.rawRecords(Topics.DLQ);
        for (final String topic : pipeline.producedTopics()) {
            if (!topic.equals(Topics.DLQ)) {
                for (final TestRecord<byte[], byte[]> record : pipeline.rawRecords(topic)) {
                    personal.stream().filter(text -> contains(record, text)).forEach(text -> leaks.add(topic));
                }
            }
        }

        // Then no topic but the dead-letter topic holds any of the personal data: not sales.crm-events, not
        // sales.kpi-changes, not a changelog or the repartition topic
        assertThat(pipeline.producedTopics()).contains(Topics.CRM_EVENTS, Topics.KPI_CHANGES,
                "kpi-topology-test-lead-journey-store-changelog", "kpi-topology-test-submission-store-changelog");
        assertThat(leaks).isEmpty();
        // and no meter tag
        assertThat(pipeline.meters().getMeters()).flatExtracting(meter -> meter.getId().getTags())
                .extracting(Tag::getValue).noneMatch(value -> personal.stream().anyMatch(value::contains));
        // and the dead-letter topic keeps the bad submission's original bytes, which hold its personal data in clear:
        // that is why it needs restricted access (docs/ingestion.md)
        assertThat(deadLetters).hasSize(1);
        assertThat(contains(deadLetters.get(0), badEmail)).isTrue();
    }

    @Test
    void shouldDeadLetterSubmissionsWithTheirReasonWhenTheyCannotMakeALead() {
        // Given a submission with neither lead id nor e-mail, one with a malformed e-mail, one without a form
        pipeline.submit(submission("S1").build())
                .submit(submission("S2").email("ann@@example.com").build())
                .submit(submission("S3").form("").email(EMAIL).build());

        // When
        final List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters();

        // Then each is dead-lettered from sales.webform-submissions with its reason, and no lead is made
        assertThat(dead).extracting(record -> DeadLetter.header(record.headers(), DeadLetter.REASON))
                .containsExactly("missing_field", "bad_value", "missing_field");
        assertThat(dead).extracting(record -> DeadLetter.header(record.headers(), DeadLetter.SOURCE_TOPIC))
                .containsOnly(Topics.WEBFORM_SUBMISSIONS);
        assertThat(DeadLetter.header(dead.get(2).headers(), DeadLetter.DETAIL)).contains("formId");
        assertThat(pipeline.writtenEvents()).isEmpty();
        assertThat(duplicates("web_form")).isZero();
    }

    @Test
    void shouldDeadLetterASubmissionWithoutLeadIdWhenNoKeyIsConfigured() {
        // Given a pipeline without a lead id key
        try (PipelineDriver unkeyed = new PipelineDriver()) {
            // When a submission without a lead id and one with a CRM lead id arrive
            unkeyed.submit(submission("S1").email(EMAIL).build())
                    .submit(submission("S2").lead("L7").email(EMAIL).build());

            // Then the first waits in the dead-letter topic for a key, the second becomes lead L7
            assertThat(unkeyed.deadLetters()).extracting(record -> DeadLetter.header(record.headers(), DeadLetter.REASON))
                    .containsExactly("no_pii_key");
            assertThat(unkeyed.writtenEvents()).extracting(TestRecord::key).containsExactly("L7");
        }
    }

    @Test
    void shouldCountTheLeadsTouchWhenARepContactsItUnderItsDerivedLeadId() {
        // Given Ann's lead made from the contact form at 09:00, and the CRM's call by R1 at 09:10 under the lead id
        // the CRM got from sales.crm-events
        pipeline.rep("R1", "T1").submit(submission("S1").email(EMAIL).at(T0).build());
        pipeline.send(contacted(LEAD).by("R1").at(minutes(10)));

        // When
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the web-form lead's first response took 600 s
        assertThat(latest.get(hourly("first_response_time", "org", "all", T0)).getValue()).isEqualTo(600.0);
    }

    private double duplicates(final String source) {
        return pipeline.meters().get(PipelineMetrics.DUPLICATES).tag("source", source).counter().count();
    }

    private double processed(final EventType type) {
        return pipeline.meters().get(PipelineMetrics.EVENTS_PROCESSED).tag("type", type.name()).counter().count();
    }

    private static boolean contains(final TestRecord<byte[], byte[]> record, final String text) {
        final List<byte[]> parts = new ArrayList<>();
        parts.add(record.key());
        parts.add(record.value());
        for (final Header header : record.headers()) {
            parts.add(header.value());
        }
        return parts.stream().anyMatch(bytes -> bytes != null
                && new String(bytes, StandardCharsets.ISO_8859_1).contains(text));
    }
}
