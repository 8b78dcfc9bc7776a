package com.salespulse.producers.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesWriterTest {
    private static final GeneratorConfig CONFIG = GeneratorConfig.of(7, 150);
    private static final List<SalesEvent> EVENTS = new CrmGenerator(CONFIG).generate();

    @Test
    void shouldWriteOneParsableLinePerEventWhenNoMalformedLinesAreAsked() throws IOException {
        final StringWriter out = new StringWriter();

        final JsonLinesWriter.Summary summary = JsonLinesWriter.of(CONFIG).writeEvents(EVENTS, out);

        final List<String> lines = out.toString().lines().toList();
        assertThat(summary.lines()).isEqualTo(EVENTS.size());
        assertThat(summary.malformedLineNumbers()).isEmpty();
        assertThat(lines).hasSize(EVENTS.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(SalesEventJson.parse(lines.get(i))).isEqualTo(EVENTS.get(i));
        }
    }

    @Test
    void shouldMixInMalformedLinesThatTheParserRejectsWhenAsked() throws IOException {
        final StringWriter out = new StringWriter();

        final JsonLinesWriter.Summary summary = JsonLinesWriter.of(CONFIG.withMalformedLines(12))
                .writeEvents(EVENTS, out);

        final List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(EVENTS.size() + 12);
        final List<Long> rejected = new ArrayList<>();
        final Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
        final List<SalesEvent> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                parsed.add(SalesEventJson.parse(lines.get(i)));
            } catch (final InvalidRecordException e) {
                rejected.add(i + 1L);
                reasons.merge(e.reason(), 1, Integer::sum);
            }
        }
        assertThat(rejected).isEqualTo(summary.malformedLineNumbers()).hasSize(12);
        // 12 lines dealt over the 5 kinds in turn: 3, 3, 2, 2, 2.
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                RejectReason.MALFORMED_JSON, 3, RejectReason.UNKNOWN_ENUM, 3, RejectReason.MISSING_FIELD, 2,
                RejectReason.NEGATIVE_AMOUNT, 2, RejectReason.BAD_TIMESTAMP, 2));
        assertThat(parsed).isEqualTo(EVENTS);
    }

    @Test
    void shouldPlaceMalformedLinesAtTheSamePositionsWhenTheSeedIsTheSame() throws IOException {
        final StringWriter first = new StringWriter();
        final StringWriter second = new StringWriter();
        final StringWriter otherSeed = new StringWriter();

        new JsonLinesWriter(7, 10).writeEvents(EVENTS, first);
        new JsonLinesWriter(7, 10).writeEvents(EVENTS, second);
        new JsonLinesWriter(8, 10).writeEvents(EVENTS, otherSeed);

        assertThat(first).hasToString(second.toString());
        assertThat(first.toString()).isNotEqualTo(otherSeed.toString());
    }

    @Test
    void shouldRejectEachMalformationWithItsReasonWhenParsed() {
        for (final JsonLinesWriter.Malformation kind : JsonLinesWriter.Malformation.values()) {
            for (final SalesEvent model : List.of(EVENTS.get(0), EVENTS.get(EVENTS.size() / 2))) {
                final String line = JsonLinesWriter.malformed(kind, model, 1);

                final InvalidRecordException rejected = catchThrowableOfType(InvalidRecordException.class,
                        () -> SalesEventJson.parse(line));

                assertThat(rejected).as("%s made from %s", kind, model.getType()).isNotNull();
                assertThat(rejected.reason()).isEqualTo(kind.reason());
            }
        }
    }

    @Test
    void shouldReadTheRosterBackWhenWrittenAsLines() throws IOException {
        final List<Rep> roster = new CrmGenerator(CONFIG).roster();
        final StringWriter out = new StringWriter();

        final int written = JsonLinesWriter.writeRoster(roster, out);

        assertThat(written).isEqualTo(roster.size());
        assertThat(out.toString().lines().map(RepJson::parse).toList()).isEqualTo(roster);
    }
}
