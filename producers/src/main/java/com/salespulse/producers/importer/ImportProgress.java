package com.salespulse.producers.importer;

import java.time.Duration;
import java.util.Locale;

/**
 * How far an import has come, for a progress line.
 *
 * @param source     the file's name
 * @param linesRead  lines read so far, blank ones included
 * @param bytesRead  bytes read so far
 * @param totalBytes the input's size, or -1 when unknown
 * @param elapsed    time since the import started
 */
public record ImportProgress(String source, long linesRead, long bytesRead, long totalBytes, Duration elapsed) {

    /** Share of the input read, 0..1, or -1 when the size is unknown. */
    public double fraction() {
        return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes);
    }

    public double linesPerSecond() {
        final double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : linesRead / seconds;
    }

    /** E.g. {@code events.jsonl: 12,000 lines, 3.1 of 9.8 MB (32%), 48,000 lines/s}. */
    public String describe() {
        final String size = totalBytes > 0
                ? String.format(Locale.ROOT, "%.1f of %.1f MB (%.0f%%)", bytesRead / 1e6, totalBytes / 1e6, fraction() * 100)
                : String.format(Locale.ROOT, "%.1f MB", bytesRead / 1e6);
        return String.format(Locale.ROOT, "%s: %,d lines, %s, %,.0f lines/s", source, linesRead, size, linesPerSecond());
    }
}
