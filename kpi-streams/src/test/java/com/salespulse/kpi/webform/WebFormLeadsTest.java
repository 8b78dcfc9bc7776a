package com.salespulse.kpi.webform;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Submissions.submission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.events.validation.SalesEventValidator;
import com.salespulse.kpi.support.Submissions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A web-form submission becomes a LEAD_CREATED with no personal data (docs/ingestion.md). */
class WebFormLeadsTest {
    private static final String SECRET = "test-secret-of-at-least-32-characters";
    private static final LeadIdKey KEY = LeadIdKey.of(SECRET, 32);

    private final WebFormLeads leads = new WebFormLeads(KEY);

    @Test
    void shouldMakeAValidLeadCreatedFromTheFormWhenTheSubmissionCarriesALeadId() {
        // Given a submission of the pricing form by CRM lead L7 in EMEA, from a paid search ad of campaign spring
        final SalesEvent event = leads.leadCreated(submission("S1").form("pricing").lead(" L7 ").region("EMEA")
                .email("ann@example.com").utm("google", "cpc", "spring").at(T0).build());

        // Then
        assertThat(event.getType()).isEqualTo(EventType.LEAD_CREATED);
        assertThat(event.getLeadId()).isEqualTo("L7");
        assertThat(event.getSource()).isEqualTo(EventSource.WEB_FORM);
        assertThat(event.getOccurredAt()).isEqualTo(T0);
        assertThat(event.getChannel()).isEqualTo("paid");
        assertThat(event.getRegion()).isEqualTo("EMEA");
        assertThat(event.getCampaignId()).isEqualTo("spring");
        assertThat(event.getRepId()).isNull();
        assertThat(event.getEventId()).isEqualTo(WebFormLeads.eventId("pricing", "L7", T0)).startsWith("wf-").hasSize(35);
        SalesEventValidator.validate(event);
    }

    @Test
    void shouldDeriveTheLeadIdFromAKeyedHashOfTheNormalisedEmailWhenThereIsNoLeadId() throws Exception {
        // Given a submission without a lead id
        final SalesEvent event = leads.leadCreated(submission("S1").email("  Ann@Example.COM ").build());

        // Then the lead id is W- and the first 24 hex digits of HMAC-SHA256(key, "ann@example.com"), computed here
        // independently
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String expected = "W-" + HexFormat.of()
                .formatHex(mac.doFinal("ann@example.com".getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        assertThat(event.getLeadId()).isEqualTo(expected);
        // and without a region it is unknown, without UTM parameters organic
        assertThat(event.getRegion()).isEqualTo("unknown");
        assertThat(event.getChannel()).isEqualTo("organic");
    }

    @Test
    void shouldGiveAnotherLeadIdWhenTheKeyOrTheMailboxDiffers() {
        // Given the same address under another key, and addresses that differ by a dot or a +tag
        final String ann = leads.leadCreated(submission("S1").email("ann@example.com").build()).getLeadId();
        final String otherKey = new WebFormLeads(LeadIdKey.of(SECRET + "-other", 32))
                .leadCreated(submission("S1").email("ann@example.com").build()).getLeadId();
        final String dotted = leads.leadCreated(submission("S2").email("a.nn@example.com").build()).getLeadId();
        final String tagged = leads.leadCreated(submission("S3").email("ann+news@example.com").build()).getLeadId();

        // Then every one is another lead: dots and tags are kept, since they are other mailboxes at most providers
        assertThat(ann).isNotEqualTo(otherKey).isNotEqualTo(dotted).isNotEqualTo(tagged);
        assertThat(dotted).isNotEqualTo(tagged);
    }

    @Test
    void shouldMakeTheSameEventWhenTheSameLeadSubmitsTheSameFormInTheSameMinute() {
        // Given the same person on the same form at 09:00:05 and 09:00:59, then at 09:01:00, then on another form
        final String first = eventId(submission("S1").email("ann@example.com").at(T0.plusSeconds(5)));
        final String sameMinute = eventId(submission("S2").email("ANN@example.com").at(T0.plusSeconds(59)));
        final String nextMinute = eventId(submission("S3").email("ann@example.com").at(T0.plus(Duration.ofMinutes(1))));
        final String otherForm = eventId(submission("S4").form("pricing").email("ann@example.com").at(T0.plusSeconds(5)));

        // Then the minute is the UTC calendar minute, not a sliding 60 s
        assertThat(sameMinute).isEqualTo(first);
        assertThat(nextMinute).isNotEqualTo(first);
        assertThat(otherForm).isNotEqualTo(first);
    }

    @Test
    void shouldCarryNoPersonalDataWhenTheSubmissionHasSome() {
        // Given a submission with a name, a phone number, an e-mail address, a company and an e-mail in its campaign
        final SalesEvent event = leads.leadCreated(submission("S1").email("ann@example.com")
                .utm("mailer", "email", "ann@example.com").build());

        // Then none of it is in the event
        assertThat(event.toString()).doesNotContain("ann@example.com", Submissions.NAME, Submissions.PHONE,
                "Example Ltd");
        assertThat(event.getCampaignId()).isNull();
    }

    @Test
    void shouldRejectASubmissionWithReasonsNamingFieldsWhenItCannotMakeALead() {
        assertRejected(null, RejectReason.MISSING_FIELD, "null value");
        assertRejected(submission("S1").form(" ").email("ann@example.com"), RejectReason.MISSING_FIELD, "formId");
        assertRejected(submission(""), RejectReason.MISSING_FIELD, "submissionId");
        assertRejected(submission("S1"), RejectReason.MISSING_FIELD, "neither leadId nor email");
        assertRejected(submission("S1").email("ann at example.com"), RejectReason.BAD_VALUE, "not an e-mail address");
        assertRejected(submission("S1").email("ann@example"), RejectReason.BAD_VALUE, "not an e-mail address");
    }

    @Test
    void shouldRejectASubmissionWithoutLeadIdWhenNoKeyIsSet() {
        // Given no key
        final WebFormLeads unkeyed = new WebFormLeads(LeadIdKey.none());

        // When / Then a submission that needs one is rejected, one with a lead id is not
        assertThatThrownBy(() -> unkeyed.leadCreated(submission("S1").email("ann@example.com").build()))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NO_PII_KEY));
        assertThat(unkeyed.leadCreated(submission("S2").lead("L7").build()).getLeadId()).isEqualTo("L7");
    }

    @Test
    void shouldNeverShowTheKeyWhenPrinted() {
        // Then
        assertThat(KEY.toString()).doesNotContain(SECRET).isEqualTo("LeadIdKey[set]");
        assertThat(LeadIdKey.none().isSet()).isFalse();
        assertThatThrownBy(() -> LeadIdKey.of("too-short", 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("too-short");
    }

    private String eventId(final Submissions submission) {
        return leads.leadCreated(submission.build()).getEventId();
    }

    private void assertRejected(final Submissions submission, final RejectReason reason, final String detail) {
        assertThatThrownBy(() -> leads.leadCreated(submission == null ? null : submission.build()))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail).doesNotContain("example");
                });
    }
}
