package com.salespulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.validation.RejectReason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormValidatorTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-02T10:00:00.123456Z");

    @ParameterizedTest
    @ValueSource(strings = {"a@b.c", "ada.lovelace@example.com", "first+tag@sub.example.co.uk", "o'brien@example.ie",
            "x_y-z@my-domain.example", "jürgen@müller.de", "用户@例子.中国", "a@xn--bcher-kva.example", "A@EXAMPLE.COM"})
    void shouldAcceptAnAddressWhenItIsWellFormed(final String email) {
        assertThat(FormValidator.isEmail(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "@example.com", "ada@", "ada@@example.com", "ada@example@com", "ada@localhost",
            ".ada@example.com", "ada.@example.com", "a..b@example.com", "ada lovelace@example.com", "ada@exa mple.com",
            "ada@-example.com", "ada@example-.com", "ada@example..com", "ada@.example.com", "ada@example.com.",
            "ada@1.2.3.4", "ada@[127.0.0.1]", "\"ada\"@example.com", "ada<script>@example.com", "ada@exa_mple.com"})
    void shouldRefuseAnAddressWhenItIsMalformed(final String email) {
        assertThat(FormValidator.isEmail(email)).isFalse();
    }

    @Test
    void shouldRefuseAnAddressWhenItsLocalPartIsLongerThan64Characters() {
        assertThat(FormValidator.isEmail("a".repeat(64) + "@example.com")).isTrue();
        assertThat(FormValidator.isEmail("a".repeat(65) + "@example.com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "(555) 123-4567", "555.123.4567", "0049-30-123456", "7"})
    void shouldAcceptAPhoneWhenItHoldsDigitsSpacesAndPunctuationOnly(final String phone) {
        assertThat(FormValidator.isPhone(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "+44 20 7946 0958 ext 2", "555/123", "+()- .", "１２３"})
    void shouldRefuseAPhoneWhenItHoldsOtherCharactersOrNoDigit(final String phone) {
        assertThat(FormValidator.isPhone(phone)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/pricing?utm_source=x#form", "http://example.com", "HTTPS://EXAMPLE.COM/a"})
    void shouldAcceptAPageUrlWhenItIsAnAbsoluteWebUrl(final String url) {
        assertThat(FormValidator.isWebUrl(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pricing", "ftp://example.com/file", "javascript:alert(1)", "https://", "example.com/pricing",
            "https://exa mple.com/", "mailto:ada@example.com"})
    void shouldRefuseAPageUrlWhenItIsNotAnAbsoluteWebUrl(final String url) {
        assertThat(FormValidator.isWebUrl(url)).isFalse();
    }

    @Test
    void shouldBuildTheSubmissionWithStrippedValuesWhenTheFormIsValid() {
        // Given a form with every field, some padded with white space, one blank
        final FormInput input = input(Map.of(FormField.NAME, "  Ada Lovelace ", FormField.EMAIL, " ada@example.com",
                FormField.PHONE, "+44 20 7946 0958", FormField.COMPANY, "   ", FormField.REGION, "EMEA",
                FormField.UTM_SOURCE, "google", FormField.UTM_MEDIUM, "cpc", FormField.UTM_CAMPAIGN, "spring",
                FormField.PAGE_URL, "https://example.com/pricing", FormField.LEAD_ID, "CRM-42"));

        // When it is checked and built
        final FormValidator.Checked checked = FormValidator.check("contact-us_2", "3f2b9c1e-0d4a-4f7e-9a57-1c2d3e4f5a6b", input);
        final WebFormSubmission submission = checked.submission("S1", "contact-us_2", RECEIVED);

        // Then it is valid, values are stripped, the blank one is absent and the time is cut to milliseconds
        assertThat(checked.errors()).isEmpty();
        assertThat(submission).isEqualTo(WebFormSubmission.newBuilder().setSubmissionId("S1").setFormId("contact-us_2")
                .setSubmittedAt(Instant.parse("2026-11-02T10:00:00.123Z")).setLeadId("CRM-42").setName("Ada Lovelace")
                .setEmail("ada@example.com").setPhone("+44 20 7946 0958").setCompany(null).setRegion("EMEA")
                .setUtmSource("google").setUtmMedium("cpc").setUtmCampaign("spring")
                .setPageUrl("https://example.com/pricing").build());
    }

    @Test
    void shouldAnswerMissingFieldWhenTheEmailIsAbsentOrBlank() {
        // Given forms without an e-mail, or with a blank one
        final FormValidator.Checked absent = FormValidator.check("contact", null, input(Map.of(FormField.NAME, "Ada")));
        final FormValidator.Checked blank = FormValidator.check("contact", null, input(Map.of(FormField.EMAIL, "  ")));

        // Then both name the e-mail as required, with reason missing_field
        assertThat(absent.errors()).containsExactly(new FieldError("email", "is required", RejectReason.MISSING_FIELD));
        assertThat(blank.errors()).containsExactly(new FieldError("email", "is required", RejectReason.MISSING_FIELD));
        assertThat(absent.reason()).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldListEveryBrokenRuleWithoutRepeatingAnyValueWhenSeveralFieldsAreBad() {
        // Given a form that breaks a rule in every field it sends
        final String email = "ada.lovelace@@example.com";
        final String phone = "call 555-0100";
        final String name = "N".repeat(201);
        final String url = "ftp://example.com/secret-page";
        final String company = "Acme\u0000Corp";
        final FormInput input = input(Map.of(FormField.EMAIL, email, FormField.PHONE, phone, FormField.NAME, name,
                FormField.PAGE_URL, url, FormField.COMPANY, company));

        // When it is checked on a bad form id with a bad idempotency key
        final FormValidator.Checked checked = FormValidator.check("contact us!", "short", input);

        // Then every rule is named, in order, with reason bad_value
        assertThat(checked.errors()).extracting(FieldError::field)
                .containsExactly("formId", "Idempotency-Key", "name", "email", "phone", "company", "page_url");
        assertThat(checked.reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(checked.detail()).isEqualTo(
                "the submission has 7 invalid fields: formId, Idempotency-Key, name, email, phone, company, page_url");
        // And no message holds what was sent
        assertThat(checked.errors()).allSatisfy(error -> assertThat(error.message())
                .doesNotContain(email, phone, name, url, "Acme", "contact us", "short", "secret"));
    }

    @Test
    void shouldPreferMissingFieldAsTheReasonWhenTheEmailIsMissingAndAnotherFieldIsBad() {
        final FormValidator.Checked checked = FormValidator.check("contact", null, input(Map.of(FormField.PHONE, "call me")));

        assertThat(checked.errors()).extracting(FieldError::field).containsExactly("email", "phone");
        assertThat(checked.reason()).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldBoundEveryFieldWhenValuesAreTooLong() {
        // Given each text field at its limit, and one character over it
        final Map<FormField, String> atLimit = new EnumMap<>(FormField.class);
        final Map<FormField, String> overLimit = new EnumMap<>(FormField.class);
        // 2 + 3 × 62 + 62 + 4 = 254 characters, in labels of at most 63
        atLimit.put(FormField.EMAIL, "a@" + ("b".repeat(61) + ".").repeat(3) + "c".repeat(62) + ".com");
        overLimit.put(FormField.EMAIL, "a@example.com");
        for (final FormField field : List.of(FormField.NAME, FormField.COMPANY, FormField.REGION, FormField.UTM_SOURCE,
                FormField.UTM_MEDIUM, FormField.UTM_CAMPAIGN, FormField.LEAD_ID)) {
            atLimit.put(field, "x".repeat(FormField.TEXT_MAX));
            overLimit.put(field, "x".repeat(FormField.TEXT_MAX + 1));
        }
        atLimit.put(FormField.PAGE_URL, "https://example.com/" + "p".repeat(FormField.URL_MAX - 20));
        overLimit.put(FormField.PAGE_URL, "https://example.com/" + "p".repeat(FormField.URL_MAX - 19));
        atLimit.put(FormField.PHONE, "1".repeat(FormField.PHONE_MAX));
        overLimit.put(FormField.PHONE, "1".repeat(FormField.PHONE_MAX + 1));

        // When both are checked
        final FormValidator.Checked fits = FormValidator.check("f", null, input(atLimit));
        final FormValidator.Checked overflows = FormValidator.check("f", null, input(overLimit));

        // Then the first passes, and the second names every field but the e-mail
        assertThat(fits.errors()).isEmpty();
        assertThat(overflows.errors()).extracting(FieldError::field).containsExactly("name", "phone", "company", "region",
                "utm_source", "utm_medium", "utm_campaign", "page_url", "leadId");
        assertThat(overflows.errors()).extracting(FieldError::message).contains("must be at most 200 characters",
                "must be at most 2000 characters", "must be at most 40 characters");
    }

    @Test
    void shouldRefuseTheEmailWhenItIsLongerThan254Characters() {
        // 2 + 3 × 62 + 63 + 4 = 255 characters, each label within 63
        final String email = "a@" + ("b".repeat(61) + ".").repeat(3) + "c".repeat(63) + ".com";

        final FormValidator.Checked checked = FormValidator.check("f", null, input(Map.of(FormField.EMAIL, email)));

        assertThat(checked.errors()).containsExactly(FieldError.bad("email", "must be at most 254 characters"));
    }

    @Test
    void shouldAcceptAFormIdWhenItHas1To64LettersDigitsUnderscoresOrHyphens() {
        assertThat(FormValidator.isFormId("contact")).isTrue();
        assertThat(FormValidator.isFormId("A-b_9".repeat(12) + "abcd")).isTrue();
        assertThat(FormValidator.isFormId("a".repeat(65))).isFalse();
        assertThat(FormValidator.isFormId("")).isFalse();
        assertThat(FormValidator.isFormId("contact.us")).isFalse();
        assertThat(FormValidator.isFormId("ada@example.com")).isFalse();
    }

    @Test
    void shouldAcceptAnIdempotencyKeyWhenItIsAUuidOrSimilarToken() {
        final FormInput input = input(Map.of(FormField.EMAIL, "a@b.c"));

        assertThat(FormValidator.check("f", "3f2b9c1e-0d4a-4f7e-9a57-1c2d3e4f5a6b", input).valid()).isTrue();
        assertThat(FormValidator.check("f", "order:2026.11.02_0001", input).valid()).isTrue();
        assertThat(FormValidator.check("f", "1234567", input).valid()).isFalse();
        assertThat(FormValidator.check("f", "k".repeat(129), input).valid()).isFalse();
        assertThat(FormValidator.check("f", "with space 123", input).valid()).isFalse();
    }

    @Test
    void shouldCarryFieldsSentBadlyIntoTheErrorsWhenTheBodyRepeatedOrMistypedThem() {
        // Given a body that sent the e-mail twice and the phone as a list
        final FormInput input = new FormInput(Map.of(), List.of(FieldError.bad("email", "is given more than once"),
                FieldError.bad("phone", "must be a string")));

        // Then those are the errors, and the e-mail is not also reported missing
        assertThat(FormValidator.check("f", null, input).errors()).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("email", "is given more than once"),
                        tuple("phone", "must be a string"));
    }

    private static FormInput input(final Map<FormField, String> values) {
        return new FormInput(values, List.of());
    }
}
