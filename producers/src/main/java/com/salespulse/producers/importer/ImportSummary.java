package com.salespulse.producers.importer;

import com.salespulse.events.validation.RejectReason;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of an import, once every record has been acknowledged: every line read is either
 * blank, imported, dead-lettered or skipped on resume
 * ({@code linesRead == blankLines + imported + deadLettered + skipped}). In a CSV import a "line" is a row.
 *
 * @param source               the file's name
 * @param linesRead            lines in the input
 * @param blankLines           empty or whitespace-only lines, skipped
 * @param imported             records written to the target topic
 * @param deadLettered         lines written to the dead-letter topic
 * @param deadLetteredByReason dead-lettered lines by reason (only reasons that occurred)
 * @param bytesRead            bytes in the input
 * @param elapsed              time the import took, acknowledgements included
 * @param skipped              lines skipped because a resumed import had already sent them
 */
public record ImportSummary(String source, long linesRead, long blankLines, long imported, long deadLettered,
                            Map<RejectReason, Long> deadLetteredByReason, long bytesRead, Duration elapsed, long skipped) {

    public ImportSummary {
        deadLetteredByReason = Collections.unmodifiableMap(deadLetteredByReason.isEmpty()
                ? new EnumMap<>(RejectReason.class) : new EnumMap<>(deadLetteredByReason));
    }

    /** E.g. {@code events.jsonl: 30,012 lines, 30,000 imported, 12 dead-lettered (malformed_json 3, late 0), 1.9 s}. */
    public String describe() {
        final String reasons = deadLetteredByReason.isEmpty() ? "" : deadLetteredByReason.entrySet().stream()
                .map(entry -> entry.getKey().tag() + " " + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
        final String resumed = skipped > 0 ? String.format(Locale.ROOT, ", %,d skipped (already imported)", skipped) : "";
        return String.format(Locale.ROOT, "%s: %,d lines, %,d imported, %,d dead-lettered%s, %,d blank%s, %.1f s",
                source, linesRead, imported, deadLettered, reasons, blankLines, resumed, elapsed.toMillis() / 1000.0);
    }
}
