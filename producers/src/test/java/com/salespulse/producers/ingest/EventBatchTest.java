package com.salespulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import com.salespulse.events.EventType;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchTest {
    private static final String CREATED = "{\"eventId\":\"E1\",\"type\":\"LEAD_CREATED\",\"occurredAt\":\"2026-11-02T10:00:00Z\","
            + "\"leadId\":\"L1\",\"channel\":\"paid\",\"region\":\"EMEA\"}";
    private static final String CONTACTED = "{ \"eventId\" : \"E2\", \"type\": \"LEAD_CONTACTED\", \"occurredAt\": \"2026-11-02T10:05:00Z\","
            + " \"leadId\": \"L1\", \"repId\": \"R1\", \"activity\": \"CALL\", \"crm\": {\"nested\": [1, {\"a\": \"}\"}]} }";

    @Test
    void shouldParseTheEventWhenTheBodyIsOneObject() {
        final EventBatch batch = EventBatch.parse(bytes("  " + CREATED + "\n"), 1_000);

        assertThat(batch.items()).hasSize(1);
        final EventBatch.Item item = batch.items().get(0);
        assertThat(item.valid()).isTrue();
        assertThat(item.index()).isZero();
        assertThat(item.eventId()).isEqualTo("E1");
        assertThat(item.event().getType()).isEqualTo(EventType.LEAD_CREATED);
        assertThat(text(item.raw())).isEqualTo(CREATED);
    }

    @Test
    void shouldKeepEachElementsExactBytesWhenTheBodyIsAnArray() {
        // Given an array with white space, nested values, non-ASCII text and scalars among the events
        final String unicode = "{\"eventId\":\"E3\",\"type\":\"DEAL_LOST\",\"occurredAt\":\"2026-11-02T11:00:00Z\","
                + "\"leadId\":\"L1\",\"repId\":\"R1\",\"opportunityId\":\"O1\",\"reason\":\"zu teuer – später\"}";
        final String body = "[\n  " + CREATED + " ,\n" + CONTACTED + ",\"just text\", 42 ,null,true," + unicode + "\n]";

        // When it is split
        final List<byte[]> elements = EventBatch.split(bytes(body), 1_000);

        // Then each element is exactly its bytes in the body
        assertThat(elements).extracting(EventBatchTest::text)
                .containsExactly(CREATED, CONTACTED, "\"just text\"", "42", "null", "true", unicode);
    }

    @Test
    void shouldJudgeEveryEventOnItsOwnWhenABatchMixesGoodAndBadEvents() {
        // Given a batch with good events and one of each kind of bad one
        final String body = "[" + String.join(",", CREATED,
                "{\"eventId\":\"E4\",\"type\":\"LEAD_CONTACTED\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"repId\":\"R1\",\"activity\":\"CALL\"}",
                "{\"eventId\":\"E5\",\"type\":\"LEAD_TELEPORTED\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L1\"}",
                "{\"eventId\":\"E6\",\"type\":\"LEAD_CREATED\",\"occurredAt\":\"yesterday\",\"leadId\":\"L1\",\"channel\":\"paid\",\"region\":\"EMEA\"}",
                "{\"eventId\":\"E7\",\"type\":\"CAMPAIGN_SPEND\",\"occurredAt\":\"2026-11-02T00:00:00Z\",\"channel\":\"paid\",\"amount\":-5}",
                "{\"eventId\":\"E8\",\"type\":\"NPS_RESPONSE\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L1\",\"score\":11}",
                "{\"eventId\":\"E9\",\"eventId\":\"E9\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\"2026-11-02T10:00:00Z\",\"leadId\":\"L1\"}",
                "\"not an event\"",
                CONTACTED) + "]";

        // When it is parsed
        final EventBatch batch = EventBatch.parse(bytes(body), 1_000);

        // Then each has its own outcome, in order, with the reason the importer would give
        assertThat(batch.items()).extracting(EventBatch.Item::index, EventBatch.Item::eventId, EventBatch.Item::reason)
                .containsExactly(
                        tuple(0, "E1", null),
                        tuple(1, "E4", RejectReason.MISSING_FIELD),
                        tuple(2, "E5", RejectReason.UNKNOWN_ENUM),
                        tuple(3, "E6", RejectReason.BAD_TIMESTAMP),
                        tuple(4, "E7", RejectReason.NEGATIVE_AMOUNT),
                        tuple(5, "E8", RejectReason.BAD_VALUE),
                        tuple(6, "E9", RejectReason.MALFORMED_JSON),
                        tuple(7, null, RejectReason.MALFORMED_JSON),
                        tuple(8, "E2", null));
        assertThat(batch.items().get(1).detail()).isEqualTo("LEAD_CONTACTED event lacks required field leadId");
    }

    @Test
    void shouldRefuseTheWholeBodyWithoutQuotingItWhenItIsNotOneJsonValue() {
        assertThat(failure("")).hasMessage("the body is empty");
        assertThat(failure("   ")).hasMessage("the body is empty");
        assertThat(failure("[]")).hasMessage("the body is an empty array: no events");
        assertThat(failure("[" + CREATED + ",{\"eventId\":\"ada@secret.example\"")).hasMessageStartingWith(
                "the body is not valid JSON (line 1, column").hasMessageNotContaining("secret");
        assertThat(failure(CREATED + " " + CREATED)).hasMessageStartingWith("the body holds more than one JSON value");
        assertThat(failure("not json at all")).extracting(InvalidRecordException::reason).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void shouldRefuseTheBatchWhenItHoldsMoreEventsThanTheLimit() {
        final String three = "[" + CREATED + "," + CREATED + "," + CREATED + "]";

        assertThat(EventBatch.parse(bytes(three), 3).items()).hasSize(3);
        assertThat(catchThrowableOfType(EventBatch.TooManyEvents.class, () -> EventBatch.parse(bytes(three), 2)))
                .hasMessage("a request carries at most 2 events; send the rest in further requests");
    }

    @Test
    void shouldRefuseAnEventWhenItIsLargerThanTheLimit() {
        final String huge = "{\"eventId\":\"E1\",\"type\":\"LEAD_CREATED\",\"padding\":\""
                + "x".repeat(EventBatch.MAX_EVENT_BYTES) + "\"}";

        final EventBatch.Item item = EventBatch.parse(bytes("[" + huge + "]"), 10).items().get(0);

        assertThat(item.reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(item.detail()).isEqualTo("event is larger than 65536 bytes");
        assertThat(item.raw()).hasSize(huge.length());
    }

    private static InvalidRecordException failure(final String body) {
        return catchThrowableOfType(InvalidRecordException.class, () -> EventBatch.parse(bytes(body), 1_000));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
