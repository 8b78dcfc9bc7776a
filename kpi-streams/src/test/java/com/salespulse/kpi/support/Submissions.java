package com.salespulse.kpi.support;

import com.salespulse.events.WebFormSubmission;
import java.time.Instant;

/**
 * Small builders for web-form submissions: {@code Submissions.submission("S1").form("F1").email("ann@example.com")
 * .at(T0)}. A submission defaults to form {@code contact}, submitted at {@link Events#T0}, with a name and a phone
 * number (personal data that must never get past the pipeline's edge) and no UTM parameters.
 */
public final class Submissions {
    public static final String NAME = "Ann Example";
    public static final String PHONE = "+44 20 7946 0958";

    private final WebFormSubmission.Builder builder;

    private Submissions(final String submissionId) {
        this.builder = WebFormSubmission.newBuilder()
                .setSubmissionId(submissionId)
                .setFormId("contact")
                .setSubmittedAt(Events.T0)
                .setName(NAME)
                .setPhone(PHONE)
                .setCompany("Example Ltd");
    }

    public static Submissions submission(final String submissionId) {
        return new Submissions(submissionId);
    }

    public Submissions form(final String formId) {
        builder.setFormId(formId);
        return this;
    }

    public Submissions email(final String email) {
        builder.setEmail(email);
        return this;
    }

    public Submissions lead(final String leadId) {
        builder.setLeadId(leadId);
        return this;
    }

    public Submissions region(final String region) {
        builder.setRegion(region);
        return this;
    }

    public Submissions utm(final String source, final String medium, final String campaign) {
        builder.setUtmSource(source).setUtmMedium(medium).setUtmCampaign(campaign);
        return this;
    }

    public Submissions at(final Instant submittedAt) {
        builder.setSubmittedAt(submittedAt);
        return this;
    }

    public WebFormSubmission build() {
        return builder.build();
    }
}
