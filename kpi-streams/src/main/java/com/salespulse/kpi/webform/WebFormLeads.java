package com.salespulse.kpi.webform;

import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.kpi.catalog.Dimension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a web-form submission into the {@code LEAD_CREATED} event it stands for (docs/ingestion.md). The event holds
 * no personal data: no name, e-mail address, phone number or company, only ids, the channel, the region and the time.
 *
 * <ul>
 *   <li>leadId: the submission's own, when it carries one; otherwise derived from the e-mail address by
 *       {@link LeadIdKey}, so that the same person is the same lead.</li>
 *   <li>eventId: {@code wf-} and 32 hex digits of SHA-256 over form, lead and the UTC minute of {@code submittedAt}:
 *       a re-delivered submission, or the same person sending the same form twice within a minute, makes the same
 *       event, which event-dedup lets through once.</li>
 *   <li>occurredAt: {@code submittedAt}; source: {@code WEB_FORM}; channel: {@link UtmChannel}; region: the
 *       submission's, else {@code unknown}; campaignId: {@code utmCampaign}, unless it looks like an e-mail address.</li>
 * </ul>
 *
 * <p>A submission that cannot become a lead is an {@link InvalidRecordException} whose message names fields, never
 * values: no submissionId, formId or submittedAt, neither leadId nor e-mail ({@code missing_field}), an e-mail that is
 * not an address ({@code bad_value}), or an e-mail to derive the lead from while no key is set ({@code no_pii_key}).
 * The e-mail address is only checked when the lead id is derived from it.
 */
public final class WebFormLeads {
    /** Prefix of the eventIds of web-form leads. */
    public static final String EVENT_ID_PREFIX = "wf-";
    private static final int EVENT_ID_HEX_DIGITS = 32;
    private static final int MAX_EMAIL_LENGTH = 254;
    /** One @, something on each side, a dot in the domain, no white space: a typo filter, not RFC 5322. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final String SUBMISSION = "web-form submission";

    private final LeadIdKey key;

    public WebFormLeads(final LeadIdKey key) {
        this.key = key;
    }

    /**
     * The lead a submission makes.
     *
     * @throws InvalidRecordException when it cannot make one (see the class comment)
     */
    public SalesEvent leadCreated(final WebFormSubmission submission) {
        if (submission == null) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no " + SUBMISSION + " (null value)");
        }
        requireText(submission.getSubmissionId(), "submissionId");
        requireText(submission.getFormId(), "formId");
        if (submission.getSubmittedAt() == null) {
            throw missing("submittedAt");
        }
        final String leadId = leadIdOf(submission);
        final Instant submittedAt = submission.getSubmittedAt();
        return SalesEvent.newBuilder()
                .setEventId(eventId(submission.getFormId(), leadId, submittedAt))
                .setType(EventType.LEAD_CREATED)
                .setOccurredAt(submittedAt)
                .setLeadId(leadId)
                .setSource(EventSource.WEB_FORM)
                .setChannel(UtmChannel.of(submission.getUtmSource(), submission.getUtmMedium()))
                .setRegion(isBlank(submission.getRegion()) ? Dimension.UNKNOWN : submission.getRegion().trim())
                .setCampaignId(campaignId(submission.getUtmCampaign()))
                .build();
    }

    /**
     * An address as lead ids are derived from it: trimmed, Unicode NFC, lower case. Nothing else: dots and
     * {@code +tags} are kept, because at most providers {@code a.b@} and {@code ab@} are different mailboxes.
     */
    public static String normaliseEmail(final String email) {
        return Normalizer.normalize(email.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** The eventId of the lead made by {@code formId} for {@code leadId} in the UTC minute of {@code submittedAt}. */
    static String eventId(final String formId, final String leadId, final Instant submittedAt) {
        final long minute = Math.floorDiv(submittedAt.toEpochMilli(), Duration.ofMinutes(1).toMillis());
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // Lengths first, so that no two (form, lead) pairs run together into the same input.
            final String input = formId.length() + ":" + formId + "|" + leadId.length() + ":" + leadId + "|" + minute;
            final byte[] digest = sha256.digest(input.getBytes(StandardCharsets.UTF_8));
            return EVENT_ID_PREFIX + HexFormat.of().formatHex(digest).substring(0, EVENT_ID_HEX_DIGITS);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String leadIdOf(final WebFormSubmission submission) {
        if (!isBlank(submission.getLeadId())) {
            return submission.getLeadId().trim();
        }
        if (isBlank(submission.getEmail())) {
            throw new InvalidRecordException(RejectReason.MISSING_FIELD,
                    SUBMISSION + " has neither leadId nor email, so it names no lead");
        }
        final String email = normaliseEmail(submission.getEmail());
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    SUBMISSION + " has no leadId and an email that is not an e-mail address");
        }
        if (!key.isSet()) {
            throw new InvalidRecordException(RejectReason.NO_PII_KEY, SUBMISSION
                    + " has no leadId, and no key (salespulse.pii.hmac.key) is set to derive one from its email");
        }
        return key.leadIdOf(email);
    }

    /** UTM campaigns are free text that some tools fill with the recipient's address: such a value is left out. */
    private static String campaignId(final String utmCampaign) {
        return isBlank(utmCampaign) || utmCampaign.contains("@") ? null : utmCampaign.trim();
    }

    private static void requireText(final String value, final String field) {
        if (isBlank(value)) {
            throw missing(field);
        }
    }

    private static InvalidRecordException missing(final String field) {
        return new InvalidRecordException(RejectReason.MISSING_FIELD, SUBMISSION + " lacks required field " + field);
    }

    private static boolean isBlank(final String value) {
        return value == null || value.isBlank();
    }
}
