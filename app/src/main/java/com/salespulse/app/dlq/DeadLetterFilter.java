package com.salespulse.app.dlq;

import com.salespulse.events.validation.RejectReason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which dead letters a command works on; every part is optional (null matches all).
 *
 * @param reason      a reason tag, e.g. {@code bad_value}
 * @param since       dead letters written at or after this instant
 * @param sourceTopic dead letters from this topic (lines of import files have none)
 */
public record DeadLetterFilter(String reason, Instant since, String sourceTopic) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null);

    public boolean matches(final DeadLetterRecord record) {
        return (reason == null || reason.equals(record.reason()))
                && (since == null || !record.time().isBefore(since))
                && (sourceTopic == null || sourceTopic.equals(record.sourceTopic()));
    }

    /**
     * A reason as an operator types it ({@code bad_value}, {@code BAD_VALUE}), as its tag.
     *
     * @throws IllegalArgumentException naming the reasons there are
     */
    public static String reasonTag(final String text) {
        final String tag = text.trim().toLowerCase(Locale.ROOT);
        for (final RejectReason reason : RejectReason.values()) {
            if (reason.tag().equals(tag)) {
                return tag;
            }
        }
        throw new IllegalArgumentException("no reason '" + text + "'; reasons are "
                + Arrays.stream(RejectReason.values()).map(RejectReason::tag).collect(Collectors.joining(", ")));
    }

    /**
     * An instant as an operator types it: {@code 2026-11-02T10:00:00Z}, with an offset, or a date
     * ({@code 2026-11-02}, the start of that day in UTC).
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static Instant instant(final String text) {
        final String trimmed = text.trim();
        try {
            return Instant.parse(trimmed);
        } catch (final DateTimeException notInstant) {
            try {
                return OffsetDateTime.parse(trimmed).toInstant();
            } catch (final DateTimeException notOffset) {
                try {
                    return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (final DateTimeException notDate) {
                    throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant or date"
                            + " (e.g. 2026-11-02T10:00:00Z or 2026-11-02)", notDate);
                }
            }
        }
    }
}
