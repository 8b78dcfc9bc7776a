package com.salespulse.producers.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The events of a CRM webhook body, read without any HTTP machinery: one event object, or a JSON
 * array of them. Each element is kept as the exact bytes it had in the body (what the dead-letter
 * topic holds when it is refused) and parsed on its own with {@link SalesEventJson#parse}, so one
 * bad event never spoils its neighbours and every event is judged by the same rules as an import.
 *
 * @param items the events in body order
 */
record EventBatch(List<Item> items) {
    /** Larger elements are not events; they would not fit a Kafka record of the default size anyway. */
    static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final int MAX_ECHOED_ID_CHARS = 200;

    /** The splitter neither builds trees nor checks duplicate keys: each event's own parse does. */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper LENIENT = new ObjectMapper();

    EventBatch {
        items = List.copyOf(items);
    }

    /**
     * One element of the body.
     *
     * @param index   its position in the body (0 for a single object)
     * @param raw     its bytes as they were in the body
     * @param event   the parsed, valid event; null when refused
     * @param eventId the event's id, also of a refused event when it has a short textual one; else null
     * @param reason  why it was refused; null when valid
     * @param detail  the refusal, naming fields and types, never values; null when valid
     */
    record Item(int index, byte[] raw, SalesEvent event, String eventId, RejectReason reason, String detail) {

        boolean valid() {
            return event != null;
        }

        /** The same element, refused after parsing (e.g. it cannot be encoded for the topic). */
        Item refused(final RejectReason why, final String because) {
            return new Item(index, raw, null, eventId, why, because);
        }
    }

    /** A body with more events than one request may carry. */
    static final class TooManyEvents extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyEvents(final int limit) {
            super("a request carries at most " + limit + " events; send the rest in further requests");
        }
    }

    /**
     * Splits and parses {@code body}.
     *
     * @param maxEvents the most events a body may hold
     * @throws InvalidRecordException {@link RejectReason#MALFORMED_JSON} when the body is not one JSON
     *                                value (an object or an array), or an empty array
     * @throws TooManyEvents          when the array holds more than {@code maxEvents} elements
     */
    static EventBatch parse(final byte[] body, final int maxEvents) {
        final List<Item> items = new ArrayList<>();
        for (final byte[] raw : split(body, maxEvents)) {
            items.add(item(items.size(), raw));
        }
        return new EventBatch(items);
    }

    /** The elements of the body: the one object, or each element of the array. */
    static List<byte[]> split(final byte[] body, final int maxEvents) {
        final List<byte[]> elements = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "the body is empty");
            }
            if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (elements.size() == maxEvents) {
                        throw new TooManyEvents(maxEvents);
                    }
                    elements.add(element(parser, body));
                }
                if (elements.isEmpty()) {
                    throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "the body is an empty array: no events");
                }
            } else {
                elements.add(element(parser, body));
            }
            if (parser.nextToken() != null) {
                throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                        "the body holds more than one JSON value" + at(parser.currentTokenLocation()));
            }
        } catch (final JsonProcessingException e) {
            // Jackson's message quotes the input: only the position is kept.
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON,
                    "the body is not valid JSON" + at(e.getLocation()));
        } catch (final IOException e) {
            throw new InvalidRecordException(RejectReason.MALFORMED_JSON, "the body is not valid JSON");
        }
        return elements;
    }

    /** The bytes of the value the parser is at, from its first byte to its last. */
    private static byte[] element(final JsonParser parser, final byte[] body) throws IOException {
        final long start = parser.currentTokenLocation().getByteOffset();
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            // Scalars are read lazily; reading the text moves the parser past the value's last byte.
            parser.getText();
        }
        final long end = parser.currentLocation().getByteOffset();
        return Arrays.copyOfRange(body, (int) start, (int) end);
    }

    private static Item item(final int index, final byte[] raw) {
        if (raw.length > MAX_EVENT_BYTES) {
            return new Item(index, raw, null, null, RejectReason.BAD_VALUE,
                    "event is larger than " + MAX_EVENT_BYTES + " bytes");
        }
        final String json = new String(raw, StandardCharsets.UTF_8);
        try {
            final SalesEvent event = SalesEventJson.parse(json);
            return new Item(index, raw, event, event.getEventId(), null, null);
        } catch (final InvalidRecordException e) {
            return new Item(index, raw, null, eventIdOf(json), e.reason(), e.getMessage());
        } catch (final RuntimeException e) {
            // A parser bug must not fail the batch either; the class name carries no payload.
            return new Item(index, raw, null, eventIdOf(json), RejectReason.BAD_VALUE,
                    "cannot be parsed: " + e.getClass().getSimpleName());
        }
    }

    /** The eventId of a refused element, so that the CRM can tell which one it was; null if it has none worth echoing. */
    private static String eventIdOf(final String json) {
        try {
            final JsonNode node = LENIENT.readTree(json);
            final JsonNode id = node == null ? null : node.get("eventId");
            if (id != null && id.isTextual() && !id.textValue().isBlank() && id.textValue().length() <= MAX_ECHOED_ID_CHARS) {
                return id.textValue();
            }
            return null;
        } catch (final JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static String at(final JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
