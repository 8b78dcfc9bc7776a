package com.salespulse.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The field readers and writers the JSON forms share, so that a field means the same in an event,
 * a rep and a KPI change, and every malformed field maps to the same {@link RejectReason}.
 *
 * <p>No message carries a payload value, and no exception from Jackson or {@code java.time} is
 * kept as a cause: their messages quote the offending input, and leads carry e-mail addresses and
 * phone numbers. Messages name the record kind and the field; positions are given as line and
 * column.
 */
final class JsonSupport {
    /** Scale of every Avro decimal in the schemas ({@code decimal(24, 4)}). */
    static final int DECIMAL_SCALE = 4;
    /** Digits left of the point that {@code decimal(24, 4)} holds. */
    static final int DECIMAL_INTEGER_DIGITS = 20;
    private static final int MAX_DECIMAL_CHARS = 100;

    /**
     * The one mapper of the JSON forms. Floats are read as {@link BigDecimal} so that money keeps
     * its digits; duplicate keys and trailing tokens are errors, because "which of two types wins"
     * must not depend on a parser setting.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonSupport() {
    }

    /** Parses {@code json} as one JSON object. */
    static ObjectNode readObject(final String json, final String what) {
        if (json == null) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, what + " is empty");
        }
        final JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (final JsonProcessingException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, what + " is not valid JSON" + at(e.getLocation()));
        } catch (final NumberFormatException e) {
            // Valid JSON grammar, but a number BigDecimal cannot hold: an exponent beyond an int (1e9999999999).
            // Jackson throws this one unwrapped, while it builds the tree.
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " holds a number out of range");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * A string field; absent, null and blank are all null. Integral numbers are taken as their digits
     * (CRM ids). A string holding half of a surrogate pair (U+D800 to U+DFFF alone, which JSON's
     * escapes allow) is refused: it has no UTF-8 form, and Avro would write it as {@code ?}, so that
     * two different ids became one.
     */
    static String text(final ObjectNode node, final String field, final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value)) {
            return null;
        }
        if (value.isTextual()) {
            final String text = value.textValue();
            if (hasLoneSurrogate(text)) {
                throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field
                        + " holds half of a UTF-16 surrogate pair, which is not text");
            }
            return text.isBlank() ? null : text;
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not a string");
    }

    /** A string field that must be present and not blank. */
    static String requiredText(final ObjectNode node, final String field, final String what) {
        final String value = text(node, field, what);
        if (value == null) {
            throw missing(field, what);
        }
        return value;
    }

    /** An enum field; a value outside the enum's symbols is {@link RejectReason#UNKNOWN_ENUM}. */
    static <E extends Enum<E>> E enumValue(final ObjectNode node, final String field, final Class<E> type,
                                           final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value) || (value.isTextual() && value.textValue().isBlank())) {
            return null;
        }
        if (value.isTextual()) {
            for (final E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.textValue())) {
                    return constant;
                }
            }
        }
        // The symbols, not the value: an unknown value is input and may be anything.
        throw new InvalidRecordException(RejectReason.UNKNOWN_ENUM, what + " field " + field + " is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /**
     * An instant field in ISO-8601, with {@code Z} or an offset; cut to milliseconds, because the
     * Avro form ({@code timestamp-millis}) keeps no more and a record must read back equal.
     */
    static Instant instant(final ObjectNode node, final String field, final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value) || (value.isTextual() && value.textValue().isBlank())) {
            return null;
        }
        if (!value.isTextual()) {
            throw badTimestamp(field, what);
        }
        final Instant parsed = parseIsoInstant(value.textValue().trim());
        if (parsed == null) {
            throw badTimestamp(field, what);
        }
        try {
            // Years beyond what epoch millis hold would fail later, at the Avro encoder.
            parsed.toEpochMilli();
        } catch (final ArithmeticException e) {
            throw badTimestamp(field, what);
        }
        return parsed.truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code 2026-11-02T10:00:00Z}, or with an offset ({@code +01:00}); null when neither. */
    private static Instant parseIsoInstant(final String text) {
        try {
            return Instant.parse(text);
        } catch (final DateTimeException notZulu) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (final DateTimeException notOffset) {
                return null;
            }
        }
    }

    /** A required instant field. */
    static Instant requiredInstant(final ObjectNode node, final String field, final String what) {
        final Instant value = instant(node, field, what);
        if (value == null) {
            throw missing(field, what);
        }
        return value;
    }

    /**
     * A decimal field, from a JSON number or a string, at the schemas' scale 4. More than four
     * decimal places would need rounding, and money is not rounded silently; more than twenty
     * integer digits do not fit {@code decimal(24, 4)}.
     */
    static BigDecimal decimal(final ObjectNode node, final String field, final String what) {
        final BigDecimal raw = rawDecimal(node, field, what);
        if (raw == null) {
            return null;
        }
        // Strip first: a huge exponent ("1e999999999") must be refused before setScale builds its digits.
        final BigDecimal stripped = raw.stripTrailingZeros();
        if (stripped.precision() - stripped.scale() > DECIMAL_INTEGER_DIGITS) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field
                    + " has more than " + DECIMAL_INTEGER_DIGITS + " integer digits");
        }
        if (stripped.scale() > DECIMAL_SCALE) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field
                    + " has more than " + DECIMAL_SCALE + " decimal places");
        }
        return stripped.setScale(DECIMAL_SCALE, RoundingMode.UNNECESSARY);
    }

    /** An int field, from a JSON number or a string, that must be a whole number. */
    static Integer integer(final ObjectNode node, final String field, final String what) {
        final BigDecimal raw = rawDecimal(node, field, what);
        if (raw == null) {
            return null;
        }
        try {
            return raw.intValueExact();
        } catch (final ArithmeticException e) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not a whole number");
        }
    }

    /** A required long field, given as a JSON integer. */
    static long requiredLong(final ObjectNode node, final String field, final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value)) {
            throw missing(field, what);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not a whole number");
        }
        return value.longValue();
    }

    /** A double field given as a JSON number; null when absent or null. */
    static Double optionalDouble(final ObjectNode node, final String field, final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not a number");
        }
        final double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is out of range");
        }
        return number;
    }

    /** A required double field given as a JSON number. */
    static double requiredDouble(final ObjectNode node, final String field, final String what) {
        final Double value = optionalDouble(node, field, what);
        if (value == null) {
            throw missing(field, what);
        }
        return value;
    }

    /** A boolean field given as a JSON boolean; absent or null is {@code false}. */
    static boolean bool(final ObjectNode node, final String field, final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not true or false");
        }
        return value.booleanValue();
    }

    static InvalidRecordException missing(final String field, final String what) {
        return new InvalidRecordException(RejectReason.MISSING_FIELD, what + " lacks required field " + field);
    }

    /** Writes an object with {@code body} and returns it as compact JSON. */
    static String writeObject(final JsonWriter body) {
        final StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (final IOException e) {
            // A StringWriter does not fail; a generator error here is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A decimal as a JSON number in plain notation without trailing zeros: 1200.5, not 1200.5000 or 1.2005E+3. */
    static void writeDecimal(final JsonGenerator generator, final String field, final BigDecimal value) throws IOException {
        generator.writeFieldName(field);
        generator.writeNumber(value.stripTrailingZeros().toPlainString());
    }

    /** An instant in ISO-8601 UTC, with as many fraction digits as it has (none, 3, 6 or 9). */
    static void writeInstant(final JsonGenerator generator, final String field, final Instant value) throws IOException {
        generator.writeStringField(field, DateTimeFormatter.ISO_INSTANT.format(value));
    }

    /** Writes a string field only when it has a value. */
    static void writeTextIfPresent(final JsonGenerator generator, final String field, final String value)
            throws IOException {
        if (value != null) {
            generator.writeStringField(field, value);
        }
    }

    /** Writes an enum field, by its symbol, only when it has a value. */
    static void writeEnumIfPresent(final JsonGenerator generator, final String field, final Enum<?> value)
            throws IOException {
        if (value != null) {
            generator.writeStringField(field, value.name());
        }
    }

    /** The body of a JSON object, written field by field in the order of the contract. */
    @FunctionalInterface
    interface JsonWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    private static BigDecimal rawDecimal(final ObjectNode node, final String field, final String what) {
        final JsonNode value = node.get(field);
        if (isAbsent(value) || (value.isTextual() && value.textValue().isBlank())) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            final String text = value.textValue().trim();
            // Parsing digits costs quadratic time; no amount needs more than a few dozen characters.
            if (text.length() > MAX_DECIMAL_CHARS) {
                throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is too long for a number");
            }
            try {
                return new BigDecimal(text);
            } catch (final NumberFormatException e) {
                throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not a number");
            }
        }
        throw new InvalidRecordException(RejectReason.BAD_VALUE, what + " field " + field + " is not a number");
    }

    private static boolean hasLoneSurrogate(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbsent(final JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static InvalidRecordException badTimestamp(final String field, final String what) {
        return new InvalidRecordException(RejectReason.BAD_TIMESTAMP,
                what + " field " + field + " is not an ISO-8601 instant (e.g. 2026-11-02T10:00:00Z)");
    }

    private static String at(final JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
