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

    /** Time left at the current byte rate, or null when the size is unknown or nothing was read yet. */
    public Duration eta() {
        if (totalBytes <= 0 || bytesRead <= 0 || elapsed.isZero()) {
            return null;
        }
        final double left = (double) Math.max(0, totalBytes - bytesRead) / bytesRead;
        return Duration.ofMillis((long) (elapsed.toMillis() * left));
    }

    /**
     * A progress bar {@code width} cells wide with percent, lines, rate and ETA, e.g.
     * {@code [#######.............]  35%  12,000 lines  48,000 lines/s  ETA 0:42}; without a known
     * size, only lines, megabytes and rate.
     */
    public String bar(final int width) {
        if (fraction() < 0) {
            return String.format(Locale.ROOT, "%,d lines  %.1f MB  %,.0f lines/s", linesRead, bytesRead / 1e6,
                    linesPerSecond());
        }
        final int filled = (int) Math.round(fraction() * width);
        final Duration eta = eta();
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d lines  %,.0f lines/s  ETA %s", "#".repeat(filled),
                ".".repeat(width - filled), fraction() * 100, linesRead, linesPerSecond(),
                eta == null ? "?" : clock(eta));
    }

    /** {@code 0:42}, {@code 12:05}, {@code 1:02:03}. */
    static String clock(final Duration duration) {
        final long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** E.g. {@code events.jsonl: 12,000 lines, 3.1 of 9.8 MB (32%), 48,000 lines/s}. */
    public String describe() {
        final String size = totalBytes > 0
                ? String.format(Locale.ROOT, "%.1f of %.1f MB (%.0f%%)", bytesRead / 1e6, totalBytes / 1e6, fraction() * 100)
                : String.format(Locale.ROOT, "%.1f MB", bytesRead / 1e6);
        return String.format(Locale.ROOT, "%s: %,d lines, %s, %,.0f lines/s", source, linesRead, size, linesPerSecond());
    }
}
