package com.salespulse.kpi.golden;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.json.SalesEventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The golden scenario's files in {@code src/test/resources/golden}; README.md there explains every line. */
final class GoldenFiles {
    private static final String DIRECTORY = "/golden/";

    private GoldenFiles() {
    }

    /** The roster, in file order. */
    static List<Rep> roster() {
        return lines("reps.jsonl").stream().map(RepJson::parse).toList();
    }

    /** The CRM events, in file order: the order they arrive in. */
    static List<SalesEvent> events() {
        return lines("events.jsonl").stream().map(SalesEventJson::parse).toList();
    }

    /** Every row of expected.csv, each computed by hand in README.md. */
    static List<ExpectedKpi> expected() {
        final List<String> lines = lines("expected.csv");
        if (!lines.get(0).equals(ExpectedKpi.HEADER)) {
            throw new IllegalStateException("expected.csv must start with " + ExpectedKpi.HEADER);
        }
        return lines.subList(1, lines.size()).stream().map(ExpectedKpi::parse).toList();
    }

    private static List<String> lines(final String file) {
        try (InputStream in = GoldenFiles.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIRECTORY + file);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank()).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One row of expected.csv: a KPI key and the numbers it must carry, or that it must not be published.
     *
     * @param value null for a published null value (denominator 0); ignored when not published
     */
    record ExpectedKpi(String kpi, String dimension, String dimensionValue, String window, Instant windowStart,
                       Instant windowEnd, double numerator, double denominator, Double value, boolean published) {
        static final String HEADER = "kpi,dimension,dimensionValue,window,windowStart,windowEnd,numerator,denominator,value,published";
        private static final int COLUMNS = 10;

        static ExpectedKpi parse(final String line) {
            final String[] cells = line.split(",", -1);
            if (cells.length != COLUMNS) {
                throw new IllegalArgumentException("expected.csv row without " + COLUMNS + " cells: " + line);
            }
            final boolean published = switch (cells[9]) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new IllegalArgumentException("published must be yes or no: " + line);
            };
            return new ExpectedKpi(cells[0], cells[1], cells[2], cells[3], Instant.parse(cells[4]), Instant.parse(cells[5]),
                    published ? Double.parseDouble(cells[6]) : 0, published ? Double.parseDouble(cells[7]) : 0,
                    !published || cells[8].equals("null") ? null : Double.valueOf(cells[8]), published);
        }

        /** The sales.kpi-changes key, {@code kpi|dimension|dimensionValue|window|windowStart}. */
        String key() {
            return String.join("|", kpi, dimension, dimensionValue, window, windowStart.toString());
        }

        /** The bucket part of the key, {@code dimension|dimensionValue|window|windowStart}. */
        String bucket() {
            return String.join("|", dimension, dimensionValue, window, windowStart.toString());
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** The bucket part of a published key. */
    static String bucketOf(final String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
