package com.salespulse.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.KpiChange;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;

/**
 * The JSON form of a {@link KpiChange} (DESIGN.md section 6), which is also the export format of
 * {@code salespulse replay}. Every key is always written, in the order of the design's example,
 * with {@code null} for an absent value or previous value: consumers of an export (and diffs of
 * two exports) rely on one fixed shape per line.
 */
public final class KpiChangeJson {
    private static final String WHAT = "KPI change";

    private KpiChangeJson() {
    }

    /**
     * Writes one change as compact JSON: kpi, dimension, dimensionValue, window, windowStart,
     * windowEnd, value, numerator, denominator, unit, previousValue, revision, final, emittedAt;
     * instants as ISO-8601 UTC (fraction digits only when non-zero), doubles as Java prints them.
     *
     * @throws IllegalArgumentException for a NaN or infinite number, which JSON cannot hold and which
     *                                  no KPI should compute (a zero denominator gives a null value)
     */
    public static String write(final KpiChange change) {
        return JsonSupport.writeObject(generator -> {
            generator.writeStringField("kpi", change.getKpi());
            generator.writeStringField("dimension", change.getDimension());
            generator.writeStringField("dimensionValue", change.getDimensionValue());
            generator.writeStringField("window", change.getWindow());
            JsonSupport.writeInstant(generator, "windowStart", change.getWindowStart());
            JsonSupport.writeInstant(generator, "windowEnd", change.getWindowEnd());
            writeDouble(generator, "value", change.getValue());
            writeDouble(generator, "numerator", change.getNumerator());
            writeDouble(generator, "denominator", change.getDenominator());
            generator.writeStringField("unit", change.getUnit());
            writeDouble(generator, "previousValue", change.getPreviousValue());
            generator.writeNumberField("revision", change.getRevision());
            generator.writeBooleanField("final", change.getFinal$());
            JsonSupport.writeInstant(generator, "emittedAt", change.getEmittedAt());
        });
    }

    /**
     * Parses one change, as {@link #write} writes it. {@code value} and {@code previousValue} may
     * be null or absent; {@code final} defaults to false.
     *
     * @throws InvalidRecordException {@link RejectReason#MALFORMED_JSON}, {@link RejectReason#MISSING_FIELD},
     *                                {@link RejectReason#BAD_TIMESTAMP} or {@link RejectReason#BAD_VALUE}
     */
    public static KpiChange parse(final String json) {
        final ObjectNode node = JsonSupport.readObject(json, WHAT);
        return new KpiChange(
                JsonSupport.requiredText(node, "kpi", WHAT),
                JsonSupport.requiredText(node, "dimension", WHAT),
                JsonSupport.requiredText(node, "dimensionValue", WHAT),
                JsonSupport.requiredText(node, "window", WHAT),
                JsonSupport.requiredInstant(node, "windowStart", WHAT),
                JsonSupport.requiredInstant(node, "windowEnd", WHAT),
                JsonSupport.optionalDouble(node, "value", WHAT),
                JsonSupport.requiredDouble(node, "numerator", WHAT),
                JsonSupport.requiredDouble(node, "denominator", WHAT),
                JsonSupport.requiredText(node, "unit", WHAT),
                JsonSupport.optionalDouble(node, "previousValue", WHAT),
                JsonSupport.requiredLong(node, "revision", WHAT),
                JsonSupport.bool(node, "final", WHAT),
                JsonSupport.requiredInstant(node, "emittedAt", WHAT));
    }

    private static void writeDouble(final JsonGenerator generator, final String field, final Double value)
            throws IOException {
        if (value == null) {
            generator.writeNullField(field);
            return;
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("KPI change field " + field + " is " + value + ", which JSON cannot hold");
        }
        generator.writeNumberField(field, value.doubleValue());
    }
}
