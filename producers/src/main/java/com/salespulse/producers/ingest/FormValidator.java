package com.salespulse.producers.ingest;

import com.salespulse.events.WebFormSubmission;
import com.salespulse.events.validation.RejectReason;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules a web-form submission must meet before it becomes a {@link WebFormSubmission}: an
 * e-mail address is required and well formed (a pragmatic check, not RFC 5322: one {@code @}, a
 * dot-separated local part, a domain of at least two labels); every value is bounded
 * ({@link FormField#maxLength()}) and free of control characters; a phone holds digits, spaces
 * and {@code + - ( ) .}; a page URL is an absolute http or https URL; the form id is
 * {@code [A-Za-z0-9_-]{1,64}}; an {@code Idempotency-Key} is {@code [A-Za-z0-9._:-]{8,128}}.
 * Surrounding white space is removed and blank values count as absent.
 *
 * <p>Error messages say what a field must be and never repeat what was sent.
 */
final class FormValidator {
    static final String FORM_ID = "formId";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Pattern FORM_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern IDEMPOTENCY_KEY_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final int LOCAL_PART_MAX = 64;
    private static final int LABEL_MAX = 63;
    private static final String LOCAL_PART_SYMBOLS = "!#$%&'*+/=?^_`{|}~.-";
    private static final String PHONE_SYMBOLS = " +-().";

    private FormValidator() {
    }

    /**
     * The outcome of checking a submission.
     *
     * @param values the cleaned values (stripped, blanks left out) of a valid submission
     * @param errors every broken rule, in field order; empty when the submission is valid
     */
    record Checked(Map<FormField, String> values, List<FieldError> errors) {

        boolean valid() {
            return errors.isEmpty();
        }

        /** The dead-letter reason: a missing required field before any other broken rule. */
        RejectReason reason() {
            return errors.stream().anyMatch(error -> error.reason() == RejectReason.MISSING_FIELD)
                    ? RejectReason.MISSING_FIELD : RejectReason.BAD_VALUE;
        }

        /** A summary naming the fields, never their values. */
        String detail() {
            return "the submission has " + errors.size() + (errors.size() == 1 ? " invalid field: " : " invalid fields: ")
                    + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        }

        /** The submission as the topic carries it; {@code submittedAt} is kept to the millisecond, as Avro does. */
        WebFormSubmission submission(final String submissionId, final String formId, final Instant receivedAt) {
            return WebFormSubmission.newBuilder()
                    .setSubmissionId(submissionId)
                    .setFormId(formId)
                    .setSubmittedAt(receivedAt.truncatedTo(ChronoUnit.MILLIS))
                    .setLeadId(values.get(FormField.LEAD_ID))
                    .setName(values.get(FormField.NAME))
                    .setEmail(values.get(FormField.EMAIL))
                    .setPhone(values.get(FormField.PHONE))
                    .setCompany(values.get(FormField.COMPANY))
                    .setRegion(values.get(FormField.REGION))
                    .setUtmSource(values.get(FormField.UTM_SOURCE))
                    .setUtmMedium(values.get(FormField.UTM_MEDIUM))
                    .setUtmCampaign(values.get(FormField.UTM_CAMPAIGN))
                    .setPageUrl(values.get(FormField.PAGE_URL))
                    .build();
        }
    }

    /**
     * Checks a submission of form {@code formId}.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key} header, or null
     */
    static Checked check(final String formId, final String idempotencyKey, final FormInput input) {
        final List<FieldError> errors = new ArrayList<>();
        if (!isFormId(formId)) {
            errors.add(FieldError.bad(FORM_ID, "must be 1 to 64 letters, digits, '_' or '-'"));
        }
        if (idempotencyKey != null && !IDEMPOTENCY_KEY_PATTERN.matcher(idempotencyKey).matches()) {
            errors.add(FieldError.bad(IDEMPOTENCY_KEY, "must be 8 to 128 letters, digits, '.', '_', ':' or '-' (a UUID is best)"));
        }
        final Map<FormField, String> values = new EnumMap<>(FormField.class);
        for (final FormField field : FormField.values()) {
            final FieldError sentBadly = input.errors().stream()
                    .filter(error -> error.field().equals(field.fieldName())).findFirst().orElse(null);
            if (sentBadly != null) {
                errors.add(sentBadly);
                continue;
            }
            final String raw = input.values().get(field);
            final String value = raw == null ? null : raw.strip();
            if (value == null || value.isEmpty()) {
                if (field == FormField.EMAIL) {
                    errors.add(FieldError.missing(field.fieldName()));
                }
                continue;
            }
            final String problem = problemOf(field, value);
            if (problem != null) {
                errors.add(FieldError.bad(field.fieldName(), problem));
            } else {
                values.put(field, value);
            }
        }
        return new Checked(Collections.unmodifiableMap(values), List.copyOf(errors));
    }

    /** Whether {@code formId} is a valid form id, {@code [A-Za-z0-9_-]{1,64}}. */
    static boolean isFormId(final String formId) {
        return formId != null && FORM_ID_PATTERN.matcher(formId).matches();
    }

    /** What is wrong with a present, stripped value, or null. */
    private static String problemOf(final FormField field, final String value) {
        if (value.codePointCount(0, value.length()) > field.maxLength()) {
            return "must be at most " + field.maxLength() + " characters";
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return switch (field) {
            case EMAIL -> isEmail(value) ? null : "must be an e-mail address such as name@example.com";
            case PHONE -> isPhone(value) ? null : "may hold only digits, spaces and + - ( ) ., with at least one digit";
            case PAGE_URL -> isWebUrl(value) ? null : "must be an absolute http or https URL";
            default -> null;
        };
    }

    /**
     * A pragmatic e-mail check: {@code local@domain} with exactly one {@code @}; the local part up to
     * 64 letters, digits and {@code !#$%&'*+/=?^_`{|}~.-}, not starting or ending with a dot nor
     * holding two in a row; the domain at least two dot-separated labels of letters, digits and
     * hyphens (1–63 each, no hyphen at either end), the last not all digits. Letters of any script
     * are accepted (internationalised addresses); quoted local parts and IP literals are not.
     */
    static boolean isEmail(final String value) {
        final int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            return false;
        }
        return isLocalPart(value.substring(0, at)) && isDomain(value.substring(at + 1));
    }

    private static boolean isLocalPart(final String local) {
        if (local.length() > LOCAL_PART_MAX || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        return local.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || LOCAL_PART_SYMBOLS.indexOf(c) >= 0);
    }

    private static boolean isDomain(final String domain) {
        final String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (final String label : labels) {
            if (label.isEmpty() || label.length() > LABEL_MAX || label.startsWith("-") || label.endsWith("-")
                    || !label.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** Digits, spaces and {@code + - ( ) .}, with at least one digit. */
    static boolean isPhone(final String value) {
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (PHONE_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return digit;
    }

    /** An absolute {@code http} or {@code https} URL with a host. */
    static boolean isWebUrl(final String value) {
        try {
            final URI uri = new URI(value);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (final URISyntaxException e) {
            return false;
        }
    }
}
