package com.salespulse.producers.importer;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a CSV export (RFC 4180: a header row, quoted fields that may hold commas, quotes and
 * line breaks), each turned by a {@link CsvProfile} into the JSON form of an event. A record's
 * number is the line its row starts on (the header is line 1), so that a dead letter points at the
 * row in the file; its bytes are the row's JSON form, which is also what a dead letter carries. A row
 * whose values are all blank is returned empty, and counted as blank.
 */
final class CsvRows implements RecordSource {
    private static final CsvMapper CSV = new CsvMapper();

    private final CountingStream counted;
    private final CsvParser parser;
    private final CsvProfile profile;
    private final ZoneId zone;
    private List<String> header;

    CsvRows(final InputStream in, final CsvProfile profile, final ZoneId zone) throws IOException {
        this.counted = new CountingStream(in);
        this.parser = (CsvParser) CSV.getFactory().createParser(counted);
        this.parser.enable(CsvParser.Feature.TRIM_SPACES);
        this.profile = profile;
        this.zone = zone;
    }

    @Override
    public LineReader.Line next() throws IOException {
        if (header == null) {
            final Row first = row();
            if (first == null) {
                return null;
            }
            // A byte-order mark (Excel writes one) is not part of the first column's name.
            header = first.values.stream().map(name -> name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
        }
        final Row row = row();
        if (row == null) {
            return null;
        }
        final Map<String, String> byColumn = new HashMap<>();
        boolean blank = true;
        for (int i = 0; i < row.values.size() && i < header.size(); i++) {
            byColumn.putIfAbsent(header.get(i), row.values.get(i));
            blank &= row.values.get(i).isBlank();
        }
        final byte[] json = blank ? new byte[0]
                : profile.toJson(byColumn, zone).toString().getBytes(StandardCharsets.UTF_8);
        return new LineReader.Line(row.line, json, false);
    }

    @Override
    public long bytesRead() {
        return counted.count;
    }

    private Row row() throws IOException {
        // Without a schema, the parser gives each row as an array of strings.
        JsonToken token = parser.nextToken();
        while (token != null && token != JsonToken.START_ARRAY) {
            token = parser.nextToken();
        }
        if (token == null) {
            return null;
        }
        // The parser places a row's START_ARRAY at the end of the row before; its first value is where it starts.
        long line = parser.currentLocation().getLineNr();
        final List<String> values = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (values.isEmpty()) {
                line = parser.currentTokenLocation().getLineNr();
            }
            values.add(parser.getText());
        }
        return new Row(line, values);
    }

    private record Row(long line, List<String> values) {
    }

    /** Bytes handed to the parser; it reads ahead in blocks, which is precise enough for progress. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(final InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            final int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
