package com.salespulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormInputTest {

    @Test
    void shouldReadEveryKnownFieldAndIgnoreTheRestWhenAFormIsUrlEncoded() {
        // Given what a browser sends for a plain HTML form
        final String body = "name=Ada+Lovelace&email=ada%40example.com&phone=%2B44+20+7946+0958&company=Acme%20%26%20Co"
                + "&utm_source=google&utm_medium=cpc&utm_campaign=spring%2F26&page_url=https%3A%2F%2Fexample.com%2Fp%3Fa%3D1"
                + "&region=EMEA&leadId=CRM-42&consent=on&&website=";

        // When it is read
        final FormInput input = FormInput.parse(FormInput.Format.FORM, bytes(body));

        // Then the fields are decoded, and unknown ones (consent, a honeypot) are left out
        assertThat(input.errors()).isEmpty();
        assertThat(input.values()).containsExactlyInAnyOrderEntriesOf(Map.of(FormField.NAME, "Ada Lovelace",
                FormField.EMAIL, "ada@example.com", FormField.PHONE, "+44 20 7946 0958", FormField.COMPANY, "Acme & Co",
                FormField.UTM_SOURCE, "google", FormField.UTM_MEDIUM, "cpc", FormField.UTM_CAMPAIGN, "spring/26",
                FormField.PAGE_URL, "https://example.com/p?a=1", FormField.REGION, "EMEA", FormField.LEAD_ID, "CRM-42"));
    }

    @Test
    void shouldReadUtf8WhenAFormHoldsNonAsciiText() {
        final FormInput input = FormInput.parse(FormInput.Format.FORM, bytes("name=J%C3%BCrgen+M%C3%BCller&email=j@m.de"));

        assertThat(input.values()).containsEntry(FormField.NAME, "Jürgen Müller");
    }

    @Test
    void shouldReadSnakeAndCamelCaseNamesWhenAFormIsJson() {
        // Given what a script sends
        final String body = "{\"email\":\"ada@example.com\",\"utmSource\":\"google\",\"utm_medium\":\"cpc\","
                + "\"utmCampaign\":\"spring\",\"pageUrl\":\"https://example.com/\",\"lead_id\":\"CRM-42\",\"phone\":4420794609,"
                + "\"company\":null,\"extra\":{\"ignored\":true}}";

        // When it is read
        final FormInput input = FormInput.parse(FormInput.Format.JSON, bytes(body));

        // Then both spellings land in the same fields, numbers are taken as their digits, null is absent-like
        assertThat(input.errors()).isEmpty();
        assertThat(input.values()).containsExactlyInAnyOrderEntriesOf(Map.of(FormField.EMAIL, "ada@example.com",
                FormField.UTM_SOURCE, "google", FormField.UTM_MEDIUM, "cpc", FormField.UTM_CAMPAIGN, "spring",
                FormField.PAGE_URL, "https://example.com/", FormField.LEAD_ID, "CRM-42", FormField.PHONE, "4420794609",
                FormField.COMPANY, ""));
    }

    @Test
    void shouldReportAFieldWhenItIsGivenTwiceUnderItsNameOrAlias() {
        // Given a field repeated in a form, and one given under both spellings in JSON
        final FormInput form = FormInput.parse(FormInput.Format.FORM, bytes("email=a@b.c&email=x@y.z&name=Ada"));
        final FormInput json = FormInput.parse(FormInput.Format.JSON,
                bytes("{\"email\":\"a@b.c\",\"utm_source\":\"a\",\"utmSource\":\"b\"}"));

        // Then the field has an error and no value; the other fields are read
        assertThat(form.errors()).containsExactly(FieldError.bad("email", "is given more than once"));
        assertThat(form.values()).containsOnlyKeys(FormField.NAME);
        assertThat(json.errors()).containsExactly(FieldError.bad("utm_source", "is given more than once"));
        assertThat(json.values()).containsOnlyKeys(FormField.EMAIL);
    }

    @Test
    void shouldReportAFieldWhenJsonGivesItAsSomethingOtherThanAStringOrNumber() {
        final FormInput input = FormInput.parse(FormInput.Format.JSON,
                bytes("{\"email\":[\"a@b.c\"],\"phone\":{\"n\":1},\"name\":true}"));

        assertThat(input.errors()).containsExactly(FieldError.bad("email", "must be a string"),
                FieldError.bad("phone", "must be a string"), FieldError.bad("name", "must be a string"));
        assertThat(input.values()).isEmpty();
    }

    @Test
    void shouldRefuseTheBodyWithoutQuotingItWhenJsonIsMalformed() {
        // Given bodies that are not one JSON object; the first quotes a secret address
        final InvalidRecordException broken = parseFailure(FormInput.Format.JSON, "{\"email\":\"ada@secret.example\",");
        final InvalidRecordException array = parseFailure(FormInput.Format.JSON, "[{\"email\":\"a@b.c\"}]");
        final InvalidRecordException duplicate = parseFailure(FormInput.Format.JSON, "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}");
        final InvalidRecordException trailing = parseFailure(FormInput.Format.JSON, "{\"email\":\"a@b.c\"} {}");

        // Then each is malformed JSON, and no message repeats the input
        assertThat(broken.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(broken.getMessage()).startsWith("the body is not valid JSON (line 1, column").doesNotContain("secret");
        assertThat(array.getMessage()).isEqualTo("the body is not a JSON object");
        assertThat(duplicate.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(duplicate.getMessage()).doesNotContain("d@e.f");
        assertThat(trailing.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseTheBodyWhenAFormHasABrokenPercentEscape() {
        final InvalidRecordException e = parseFailure(FormInput.Format.FORM, "email=ada%G0example.com&name=x%");

        assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(e.getMessage()).isEqualTo("the body is not valid application/x-www-form-urlencoded (a broken %-escape)");
    }

    @Test
    void shouldTellTheFormatFromTheContentTypeWhenParametersOrCaseDiffer() {
        assertThat(FormInput.Format.of("application/x-www-form-urlencoded")).isEqualTo(FormInput.Format.FORM);
        assertThat(FormInput.Format.of("Application/X-WWW-Form-URLEncoded; charset=UTF-8")).isEqualTo(FormInput.Format.FORM);
        assertThat(FormInput.Format.of("application/json;charset=utf-8")).isEqualTo(FormInput.Format.JSON);
        assertThat(FormInput.Format.of("application/vnd.crm+json")).isEqualTo(FormInput.Format.JSON);
        assertThat(FormInput.Format.of("multipart/form-data; boundary=x")).isNull();
        assertThat(FormInput.Format.of("text/plain")).isNull();
        assertThat(FormInput.Format.of(null)).isNull();
    }

    private static InvalidRecordException parseFailure(final FormInput.Format format, final String body) {
        return catchThrowableOfType(InvalidRecordException.class, () -> FormInput.parse(format, bytes(body)));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
