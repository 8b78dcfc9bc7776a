package com.salespulse.producers.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as raw bytes, so that a bad line goes to the dead-letter topic exactly as it was in
 * the file (whatever its encoding), and counts the bytes consumed for progress. A line ends at
 * {@code \n}; a {@code \r} before it is dropped. A line longer than the limit is cut: its first
 * {@code limit} bytes are returned, marked as truncated, and the rest is skipped.
 */
final class LineReader implements RecordSource {
    /** One line; {@code number} is 1-based. */
    record Line(long number, byte[] bytes, boolean truncated) {
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int end;
    private long bytesRead;
    private long lineNumber;
    private boolean eof;

    LineReader(final InputStream in, final int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Bytes consumed so far, line terminators included. */
    @Override
    public long bytesRead() {
        return bytesRead;
    }

    /** The next line, or null at the end of the input. */
    @Override
    public Line next() throws IOException {
        byte[] line = new byte[128];
        int length = 0;
        boolean truncated = false;
        boolean any = false;
        while (true) {
            if (position == end && !fill()) {
                if (!any) {
                    return null;
                }
                return finish(line, length, truncated);
            }
            any = true;
            int newline = -1;
            for (int i = position; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            final int stop = newline < 0 ? end : newline;
            final int keep = Math.min(stop - position, limit - length);
            if (keep > 0) {
                if (length + keep > line.length) {
                    line = Arrays.copyOf(line, Math.min(limit, Math.max(line.length * 2, length + keep)));
                }
                System.arraycopy(buffer, position, line, length, keep);
                length += keep;
            }
            truncated |= keep < stop - position;
            bytesRead += stop - position;
            if (newline >= 0) {
                position = newline + 1;
                bytesRead++;
                return finish(line, length, truncated);
            }
            position = end;
        }
    }

    private Line finish(final byte[] line, final int length, final boolean truncated) {
        final int trimmed = !truncated && length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Line(++lineNumber, Arrays.copyOf(line, trimmed), truncated);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        final int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            eof = true;
            return false;
        }
        position = 0;
        end = read;
        return true;
    }
}
