package com.salespulse.producers.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.EventType;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.validation.RejectReason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes events and rosters as JSON Lines, one compact object per line in the form of DESIGN.md
 * section 5 ({@link SalesEventJson}, {@link RepJson}).
 *
 * <p>With {@code malformedLines > 0} it mixes that many bad lines into an events file, at
 * positions drawn from the seed, so that an import has dead letters to route: truncated JSON, an
 * unknown event type, a missing leadId, a negative amount and an unparsable time, in turn. Each
 * bad line is made from the event it precedes (with event id {@code M<n>}), so it looks like the
 * file around it.
 */
public final class JsonLinesWriter {
    private static final long MALFORMED_STREAM = 6;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How a spreadsheet export writes a time: local, day first, no zone. */
    private static final DateTimeFormatter SPREADSHEET_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneOffset.UTC);

    /** The kinds of bad line, in the order they are dealt; each names the reason it is refused with. */
    public enum Malformation {
        /** The line is cut off half-way: not JSON. */
        BAD_JSON(RejectReason.MALFORMED_JSON),
        /** An event type the contract does not know. */
        UNKNOWN_ENUM(RejectReason.UNKNOWN_ENUM),
        /** No leadId (no channel for a campaign spend). */
        MISSING_FIELD(RejectReason.MISSING_FIELD),
        /** An amount below zero. */
        NEGATIVE_AMOUNT(RejectReason.NEGATIVE_AMOUNT),
        /** A local date-time in a spreadsheet format instead of an ISO-8601 instant. */
        BAD_TIMESTAMP(RejectReason.BAD_TIMESTAMP);

        private final RejectReason reason;

        Malformation(final RejectReason reason) {
            this.reason = reason;
        }

        /** The reason {@link SalesEventJson#parse} refuses such a line with. */
        public RejectReason reason() {
            return reason;
        }
    }

    /** What was written; line numbers are 1-based. */
    public record Summary(long lines, long events, List<Long> malformedLineNumbers) {
        public Summary {
            malformedLineNumbers = List.copyOf(malformedLineNumbers);
        }
    }

    private final long seed;
    private final int malformedLines;

    /** A writer that mixes {@code malformedLines} bad lines, at positions drawn from {@code seed}, into events files. */
    public JsonLinesWriter(final long seed, final int malformedLines) {
        if (malformedLines < 0) {
            throw new IllegalArgumentException("malformedLines must be >= 0");
        }
        this.seed = seed;
        this.malformedLines = malformedLines;
    }

    /** A writer with the config's seed and {@code malformedLines}. */
    public static JsonLinesWriter of(final GeneratorConfig config) {
        return new JsonLinesWriter(config.seed(), config.malformedLines());
    }

    /** Writes {@code events}, and the bad lines, to {@code file} (UTF-8, replacing it). */
    public Summary writeEvents(final List<SalesEvent> events, final Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return writeEvents(events, out);
        }
    }

    /** Writes {@code events}, and the bad lines, to {@code out}; does not close it. */
    public Summary writeEvents(final List<SalesEvent> events, final Writer out) throws IOException {
        final BufferedWriter buffered = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
        final TreeSet<Integer> badSlots = badSlots(events.size() + malformedLines);
        final List<Long> badLines = new ArrayList<>(malformedLines);
        int next = 0;
        for (int slot = 0; slot < events.size() + malformedLines; slot++) {
            if (badSlots.contains(slot)) {
                final int ordinal = badLines.size();
                final Malformation kind = Malformation.values()[ordinal % Malformation.values().length];
                final SalesEvent model = events.isEmpty() ? placeholder() : events.get(Math.min(next, events.size() - 1));
                buffered.write(malformed(kind, model, ordinal + 1));
                badLines.add((long) slot + 1);
            } else {
                buffered.write(SalesEventJson.write(events.get(next++)));
            }
            buffered.write('\n');
        }
        buffered.flush();
        return new Summary(events.size() + (long) malformedLines, events.size(), badLines);
    }

    /** Writes the roster to {@code file} (UTF-8, replacing it); returns the number of lines. */
    public static int writeRoster(final List<Rep> reps, final Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return writeRoster(reps, out);
        }
    }

    /** Writes the roster to {@code out}; does not close it. Returns the number of lines. */
    public static int writeRoster(final List<Rep> reps, final Writer out) throws IOException {
        for (final Rep rep : reps) {
            out.write(RepJson.write(rep));
            out.write('\n');
        }
        out.flush();
        return reps.size();
    }

    /** Which of {@code total} line slots hold bad lines: a seeded draw without repetition. */
    private TreeSet<Integer> badSlots(final int total) {
        final Rng rng = Rng.of(seed, MALFORMED_STREAM, malformedLines);
        final TreeSet<Integer> slots = new TreeSet<>();
        while (slots.size() < malformedLines) {
            slots.add(rng.between(0, total - 1));
        }
        return slots;
    }

    /** A bad line made from {@code model}. */
    static String malformed(final Malformation kind, final SalesEvent model, final int ordinal) {
        final ObjectNode node = asObject(model);
        node.put("eventId", "M" + ordinal);
        switch (kind) {
            case BAD_JSON -> {
                final String text = node.toString();
                return text.substring(0, text.length() / 2);
            }
            case UNKNOWN_ENUM -> node.put("type", "LEAD_TELEPORTED");
            case MISSING_FIELD -> node.remove(model.getType() == EventType.CAMPAIGN_SPEND ? "channel" : "leadId");
            case NEGATIVE_AMOUNT -> {
                final BigDecimal amount = model.getAmount() == null ? BigDecimal.valueOf(250) : model.getAmount();
                node.put("amount", amount.negate().stripTrailingZeros().toPlainString());
            }
            case BAD_TIMESTAMP -> node.put("occurredAt", SPREADSHEET_TIME.format(model.getOccurredAt()));
            default -> throw new IllegalStateException("unhandled " + kind);
        }
        return node.toString();
    }

    private static ObjectNode asObject(final SalesEvent event) {
        try {
            return (ObjectNode) MAPPER.readTree(SalesEventJson.write(event));
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model of bad lines in a file with no events. */
    private static SalesEvent placeholder() {
        return SalesEvent.newBuilder()
                .setEventId("M0")
                .setType(EventType.LEAD_CREATED)
                .setOccurredAt(GeneratorConfig.DEFAULT_START)
                .setLeadId("L1")
                .setChannel("organic")
                .setRegion("EMEA")
                .build();
    }
}
