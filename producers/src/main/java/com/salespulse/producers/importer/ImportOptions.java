package com.salespulse.producers.importer;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How to read an import file.
 *
 * @param format          JSON Lines or CSV; null to decide by the file name ({@code .csv} is CSV)
 * @param profile         the column mapping of a CSV file
 * @param zone            the zone of CSV timestamps without an offset
 * @param resume          continue after the line of the file's checkpoint ({@link ImportCheckpoint})
 * @param checkpointEvery lines between checkpoints (each waits for the broker's acknowledgements)
 * @param crashAfter      test seam: stop abruptly after this many lines, as a killed process would
 *                        (no final flush, no final checkpoint); 0 for never
 */
public record ImportOptions(Format format, CsvProfile profile, ZoneId zone, boolean resume, long checkpointEvery,
                            long crashAfter) {

    /** The two kinds of import file. */
    public enum Format {
        JSON_LINES, CSV;

        public static Format named(final String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "jsonl", "json", "json-lines", "ndjson" -> JSON_LINES;
                case "csv" -> CSV;
                default -> throw new IllegalArgumentException("unknown format " + name + " (jsonl or csv)");
            };
        }
    }

    public static final long DEFAULT_CHECKPOINT_EVERY = 10_000;

    /** By file name, native CSV columns, UTC, from the start. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, CsvProfile.NATIVE, ZoneOffset.UTC, false, DEFAULT_CHECKPOINT_EVERY, 0);
    }

    public ImportOptions withFormat(final Format newFormat) {
        return new ImportOptions(newFormat, profile, zone, resume, checkpointEvery, crashAfter);
    }

    public ImportOptions withProfile(final CsvProfile newProfile) {
        return new ImportOptions(format, newProfile, zone, resume, checkpointEvery, crashAfter);
    }

    public ImportOptions withZone(final ZoneId newZone) {
        return new ImportOptions(format, profile, newZone, resume, checkpointEvery, crashAfter);
    }

    public ImportOptions withResume(final boolean newResume) {
        return new ImportOptions(format, profile, zone, newResume, checkpointEvery, crashAfter);
    }

    public ImportOptions withCheckpointEvery(final long lines) {
        return new ImportOptions(format, profile, zone, resume, lines, crashAfter);
    }

    ImportOptions withCrashAfter(final long lines) {
        return new ImportOptions(format, profile, zone, resume, checkpointEvery, lines);
    }

    /** The format of {@code file}: the one given, else CSV for a {@code .csv} name, else JSON Lines. */
    Format formatOf(final Path file) {
        if (format != null) {
            return format;
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.JSON_LINES;
    }
}
