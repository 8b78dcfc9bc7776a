package com.salespulse.producers.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;

/**
 * The timestamp forms CRM exports use, turned into an {@link Instant}:
 * <ul>
 *   <li>an ISO-8601 instant or offset date-time: {@code 2026-11-02T09:00:00Z}, {@code 2026-11-02T10:00:00+01:00};</li>
 *   <li>a local date-time, with {@code T} or a space, with or without seconds:
 *       {@code 2026-11-02 09:00}, {@code 2026-11-02T09:00:00} (HubSpot's and most spreadsheets' form);</li>
 *   <li>Salesforce's US report form: {@code 11/2/2026 9:00 AM}, also {@code 11/2/2026 09:00} and {@code 11/2/2026};</li>
 *   <li>a date alone, {@code 2026-11-02}: the start of that day;</li>
 *   <li>epoch milliseconds, 11 to 13 digits ({@code 1793610000000}): HubSpot's API and some exports.</li>
 * </ul>
 * Local forms are read in the import's time zone (UTC unless told otherwise).
 */
final class ExportTimestamps {
    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            pattern("uuuu-MM-dd['T'][' ']HH:mm[:ss][.SSS]"),
            pattern("M/d/uuuu h:mm[:ss] a"),
            pattern("M/d/uuuu H:mm[:ss]"));
    private static final List<DateTimeFormatter> LOCAL_DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, pattern("M/d/uuuu"));

    private ExportTimestamps() {
    }

    /** The instant {@code text} denotes, or null when it is none of the forms above. */
    static Instant parse(final String text, final ZoneId zone) {
        final String value = text.trim();
        if (value.matches("\\d{11,13}")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (final DateTimeException notOffset) {
            // Try the local forms next.
        }
        for (final DateTimeFormatter format : LOCAL_DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, format).atZone(zone).toInstant();
            } catch (final DateTimeException notThisOne) {
                // Try the next form.
            }
        }
        for (final DateTimeFormatter format : LOCAL_DATES) {
            try {
                return LocalDate.parse(value, format).atStartOfDay(zone).toInstant();
            } catch (final DateTimeException notThisOne) {
                // Try the next form.
            }
        }
        return null;
    }

    private static DateTimeFormatter pattern(final String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.US);
    }
}
