package com.salespulse.producers.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a posted form body, read without any HTTP machinery: an
 * {@code application/x-www-form-urlencoded} body (what a plain HTML form sends) or a JSON object
 * (what a script sends). Values are kept as sent; {@link FormValidator} judges them.
 *
 * @param values the fields the product reads, by field
 * @param errors fields that were sent twice (under a name and its alias, or repeated) or, in JSON,
 *               as something other than a string or a number
 */
record FormInput(Map<FormField, String> values, List<FieldError> errors) {
    static final String FORM_URLENCODED = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    FormInput {
        final Map<FormField, String> copy = new EnumMap<>(FormField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
        errors = List.copyOf(errors);
    }

    /** The kinds of body a form may be posted as. */
    enum Format {
        FORM, JSON;

        /**
         * The format of a {@code Content-Type}, or null when it is neither form-urlencoded nor JSON
         * (multipart form data included: forms that upload nothing need not send it).
         */
        static Format of(final String contentType) {
            final String media = mediaType(contentType);
            if (FORM_URLENCODED.equals(media)) {
                return FORM;
            }
            if (FormInput.JSON.equals(media) || (media.startsWith("application/") && media.endsWith("+json"))) {
                return JSON;
            }
            return null;
        }
    }

    /** The media type of a {@code Content-Type} header without its parameters, in lower case; "" when absent. */
    static String mediaType(final String contentType) {
        if (contentType == null) {
            return "";
        }
        final int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code body} in {@code format}.
     *
     * @throws InvalidRecordException {@link RejectReason#MALFORMED_JSON} for a JSON body that is not
     *                                one JSON object, {@link RejectReason#BAD_VALUE} for a form body
     *                                with a broken percent-encoding; messages hold no values
     */
    static FormInput parse(final Format format, final byte[] body) {
        return format == Format.FORM ? parseForm(body) : parseJson(body);
    }

    private static FormInput parseForm(final byte[] body) {
        final Reader reader = new Reader();
        final String text = new String(body, StandardCharsets.UTF_8);
        for (final String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            final int equals = pair.indexOf('=');
            final String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            final String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            reader.put(name, value);
        }
        return reader.input();
    }

    private static String decode(final String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    "the body is not valid " + FORM_URLENCODED + " (a broken %-escape)");
        }
    }

    private static FormInput parseJson(final byte[] body) {
        final JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (final JsonProcessingException e) {
            // Jackson's message quotes the input: only its position is kept.
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "the body is not valid JSON" + at(e.getLocation()));
        } catch (final IOException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "the body is not a JSON object");
        }
        final Reader reader = new Reader();
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            final JsonNode value = field.getValue();
            if (value.isNull()) {
                reader.put(field.getKey(), "");
            } else if (value.isTextual() || value.isNumber()) {
                reader.put(field.getKey(), value.asText());
            } else {
                reader.wrongType(field.getKey());
            }
        }
        return reader.input();
    }

    private static String at(final JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Collects the known fields of a body and the errors of fields sent twice or with the wrong type. */
    private static final class Reader {
        private final Map<FormField, String> values = new EnumMap<>(FormField.class);
        private final Map<FormField, Boolean> seen = new EnumMap<>(FormField.class);
        private final List<FieldError> errors = new ArrayList<>();

        void put(final String name, final String value) {
            final FormField field = FormField.named(name);
            if (field != null && firstTime(field)) {
                values.put(field, value);
            }
        }

        void wrongType(final String name) {
            final FormField field = FormField.named(name);
            if (field != null && firstTime(field)) {
                errors.add(FieldError.bad(field.fieldName(), "must be a string"));
            }
        }

        private boolean firstTime(final FormField field) {
            if (seen.put(field, Boolean.TRUE) == null) {
                return true;
            }
            values.remove(field);
            if (errors.stream().noneMatch(error -> error.field().equals(field.fieldName()))) {
                errors.add(FieldError.bad(field.fieldName(), "is given more than once"));
            }
            return false;
        }

        FormInput input() {
            return new FormInput(values, errors);
        }
    }
}
