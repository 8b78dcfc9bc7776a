package com.salespulse.app.dlq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code salespulse dlq list} shows: a count per reason of the dead letters that match, then
 * one line per dead letter (up to a limit) with its position, time, reason, source, whether it
 * was sent back, and detail. Never the key or the value: they may hold e-mail addresses and phone
 * numbers, so the listing keeps neither.
 */
public final class DeadLetterListing {
    private static final JsonFactory JSON = new JsonFactory();

    private final DeadLetterFilter filter;
    private final Map<String, String> replayed;
    private final long limit;
    private final boolean keepLines;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final List<DeadLetterRecord> shown = new ArrayList<>();
    private long read;
    private long matched;
    private long lines;

    /**
     * @param replayed  positions of dead letters sent back already, to the topic each went to
     * @param limit     the most lines to show; the counts cover every match
     * @param keepLines whether to keep the lines for {@link #printText}; JSON Lines are printed as they come
     */
    public DeadLetterListing(final DeadLetterFilter filter, final Map<String, String> replayed, final long limit,
                             final boolean keepLines) {
        this.filter = filter;
        this.replayed = replayed;
        this.limit = limit;
        this.keepLines = keepLines;
    }

    /**
     * Counts {@code record} if it matches, and returns it, without key and value, while the limit
     * allows one more line; null otherwise.
     */
    public DeadLetterRecord add(final DeadLetterRecord record) {
        read++;
        if (!filter.matches(record)) {
            return null;
        }
        matched++;
        byReason.merge(record.reason().isEmpty() ? "(none)" : record.reason(), 1L, Long::sum);
        if (lines >= limit) {
            return null;
        }
        lines++;
        final DeadLetterRecord withoutPayload = new DeadLetterRecord(record.partition(), record.offset(), record.time(),
                record.reason(), record.detail(), record.sourceTopic(), record.sourcePartition(), record.sourceOffset(),
                record.file(), record.line(), null, null);
        if (keepLines) {
            shown.add(withoutPayload);
        }
        return withoutPayload;
    }

    public long read() {
        return read;
    }

    public long matched() {
        return matched;
    }

    public Map<String, Long> byReason() {
        return Collections.unmodifiableMap(byReason);
    }

    /** E.g. {@code sales.dlq: 5 dead letters (bad_value 1, late 1, malformed_json 3)}. */
    public String summaryLine(final String topic) {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d dead letter%s",
                topic, matched, matched == 1 ? "" : "s"));
        if (matched != read) {
            line.append(String.format(Locale.ROOT, " of %,d", read));
        }
        if (lines < matched) {
            line.append(String.format(Locale.ROOT, ", %,d shown", lines));
        }
        return line.toString();
    }

    /** The summary, the count per reason, then a table of the dead letters kept. */
    public void printText(final String topic, final PrintWriter out) {
        out.println(summaryLine(topic));
        final int reasonWidth = Math.max("REASON".length(),
                byReason.keySet().stream().mapToInt(String::length).max().orElse(0));
        byReason.forEach((reason, count) ->
                out.println(String.format(Locale.ROOT, "  %-" + reasonWidth + "s %,8d", reason, count)));
        if (shown.isEmpty()) {
            out.flush();
            return;
        }
        out.println();
        final int positionWidth = width("POSITION", shown.stream().map(DeadLetterRecord::position).toList());
        final int sourceWidth = width("SOURCE", shown.stream().map(DeadLetterRecord::source).toList());
        final String format = "%-" + positionWidth + "s  %-24s  %-" + reasonWidth + "s  %-" + sourceWidth + "s  %-8s  %s";
        out.println(String.format(Locale.ROOT, format, "POSITION", "TIME", "REASON", "SOURCE", "REPLAYED", "DETAIL")
                .stripTrailing());
        for (final DeadLetterRecord record : shown) {
            out.println(String.format(Locale.ROOT, format, record.position(), record.time(), record.reason(),
                    record.source(), replayed.containsKey(record.position()) ? "yes" : "no", record.printableDetail())
                    .stripTrailing());
        }
        out.flush();
    }

    /**
     * One dead letter as a line of JSON, the same fields as the table: {@code partition},
     * {@code offset}, {@code time}, {@code reason}, {@code source}, {@code topic},
     * {@code sourcePartition}, {@code sourceOffset}, {@code file}, {@code line}, {@code replayed}
     * (the topic it was sent back to, or null) and {@code detail}.
     */
    public String json(final DeadLetterRecord record) {
        final StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            json.writeStringField("time", record.time().toString());
            json.writeStringField("reason", record.reason());
            json.writeStringField("source", record.source());
            writeOptional(json, "topic", record.sourceTopic());
            writeOptionalNumber(json, "sourcePartition", record.sourcePartition());
            writeOptionalNumber(json, "sourceOffset", record.sourceOffset());
            writeOptional(json, "file", record.file());
            writeOptionalNumber(json, "line", record.line());
            writeOptional(json, "replayed", replayed.getOrDefault(record.position(), ""));
            json.writeStringField("detail", record.printableDetail());
            json.writeEndObject();
        } catch (final IOException e) {
            // A StringWriter does not fail.
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeOptional(final JsonGenerator json, final String field, final String value)
            throws IOException {
        if (value.isEmpty()) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    /** A header that should hold a number, as a number; as the text it is when it does not. */
    private static void writeOptionalNumber(final JsonGenerator json, final String field, final String value)
            throws IOException {
        if (value.isEmpty()) {
            json.writeNullField(field);
            return;
        }
        try {
            json.writeNumberField(field, Long.parseLong(value));
        } catch (final NumberFormatException e) {
            json.writeStringField(field, value);
        }
    }

    private static int width(final String title, final List<String> values) {
        return Math.max(title.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
