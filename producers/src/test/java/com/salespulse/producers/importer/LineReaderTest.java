package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void shouldSplitOnNewlinesAndDropCarriageReturnsWhenReadingLines() throws IOException {
        final byte[] input = "a\r\n\nbc\nlast".getBytes(StandardCharsets.UTF_8);

        final List<LineReader.Line> lines = readAll(new LineReader(new ByteArrayInputStream(input), 100));

        assertThat(lines).extracting(line -> new String(line.bytes(), StandardCharsets.UTF_8))
                .containsExactly("a", "", "bc", "last");
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldCountEveryByteWhenTheInputEndsWithANewline() throws IOException {
        final byte[] input = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
        final LineReader reader = new LineReader(new ByteArrayInputStream(input), 100);

        final List<LineReader.Line> lines = readAll(reader);

        assertThat(lines).hasSize(2);
        assertThat(reader.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void shouldCutTheLineAndGoOnWithTheNextWhenALineExceedsTheLimit() throws IOException {
        final String longLine = "x".repeat(200_000);
        final byte[] input = (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8);

        final List<LineReader.Line> lines = readAll(new LineReader(new ByteArrayInputStream(input), 1_000));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(0).bytes()).hasSize(1_000);
        assertThat(new String(lines.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("short");
        assertThat(lines.get(1).truncated()).isFalse();
    }

    private static List<LineReader.Line> readAll(final LineReader reader) throws IOException {
        final List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
