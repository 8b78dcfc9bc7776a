package com.salespulse.app.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.validation.RejectReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterListingTest {
    private static final String SECRET = "jane.doe@example.com";

    private final List<DeadLetterRecord> deadLetters = List.of(
            DeadLetters.fromFile(0, 0, RejectReason.MALFORMED_JSON, "event is not valid JSON", 3, "{\"email\":\"" + SECRET),
            DeadLetters.fromTopic(1, 0, RejectReason.LATE, "occurredAt is more than the grace period",
                    "sales.crm-events", SECRET.getBytes(StandardCharsets.UTF_8), SECRET.getBytes(StandardCharsets.UTF_8)),
            DeadLetters.fromTopic(1, 1, RejectReason.LATE, "occurredAt is more than the grace period",
                    "sales.crm-events", null, null));

    @Test
    void shouldCountEveryMatchButPrintOnlyUpToTheLimitWhenLimited() {
        // Given
        final DeadLetterListing listing = new DeadLetterListing(DeadLetterFilter.ALL, Map.of("1@0", "sales.crm-events"), 2,
                true);

        // When
        deadLetters.forEach(listing::add);
        final String text = print(listing);

        // Then
        assertThat(text.lines().toList()).containsExactly(
                "sales.dlq: 3 dead letters, 2 shown",
                "  late                  2",
                "  malformed_json        1",
                "",
                "POSITION  TIME                      REASON          SOURCE                 REPLAYED  DETAIL",
                "0@0       2026-11-02T10:00:00Z      malformed_json  events.jsonl:3         no        event is not valid JSON",
                "1@0       2026-11-02T10:00:00Z      late            sales.crm-events-2@17  yes       "
                        + "occurredAt is more than the grace period");
        assertThat(text).doesNotContain(SECRET);
    }

    @Test
    void shouldCountOnlyTheReasonAskedForWhenFiltered() {
        // Given
        final DeadLetterListing listing = new DeadLetterListing(new DeadLetterFilter("late", null, null), Map.of(), 10,
                false);

        // When
        deadLetters.forEach(listing::add);

        // Then
        assertThat(listing.byReason()).containsExactly(Map.entry("late", 2L));
        assertThat(listing.summaryLine("sales.dlq")).isEqualTo("sales.dlq: 2 dead letters of 3");
    }

    @Test
    void shouldWriteTheTableFieldsAsJsonWithoutKeyOrValue() throws Exception {
        // Given
        final DeadLetterListing listing = new DeadLetterListing(DeadLetterFilter.ALL, Map.of("1@0", "sales.crm-events"), 10,
                false);

        // When
        final JsonNode json = new ObjectMapper().readTree(listing.json(listing.add(deadLetters.get(1))));

        // Then
        assertThat(json.toString()).isEqualTo("{\"partition\":1,\"offset\":0,\"time\":\"2026-11-02T10:00:00Z\","
                + "\"reason\":\"late\",\"source\":\"sales.crm-events-2@17\",\"topic\":\"sales.crm-events\","
                + "\"sourcePartition\":2,\"sourceOffset\":17,\"file\":null,\"line\":null,\"replayed\":\"sales.crm-events\","
                + "\"detail\":\"occurredAt is more than the grace period\"}");
    }

    private static String print(final DeadLetterListing listing) {
        final StringWriter out = new StringWriter();
        listing.printText("sales.dlq", new PrintWriter(out));
        return out.toString();
    }
}
