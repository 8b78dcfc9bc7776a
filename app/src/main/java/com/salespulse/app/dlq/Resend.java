package com.salespulse.app.dlq;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.json.SalesEventJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.producers.EventKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What sending a dead letter back means, decided from the dead letter alone.
 *
 * <ul>
 *   <li>A record from an event topic ({@link Topics#isReplayable}) goes back to that topic with
 *       its original key and value bytes, unchanged: the fix is in the pipeline or its
 *       configuration (a currency rate, a longer grace), not in the record.</li>
 *   <li>A line of an import file never was a record: the importer stored the raw line. It is parsed
 *       again, and goes to {@code sales.crm-events} as Avro under its lead's key only if it now
 *       parses (after a fix to the parser); otherwise it stays where it is. Roster lines never parse
 *       as events: the fix for a rep is to import the corrected roster.</li>
 *   <li>Anything else stays: a roster record (an old rep sent back would overwrite a newer one in the
 *       compacted roster), a record of an internal topic, a dead letter without a value.</li>
 * </ul>
 */
public final class Resend {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What to do with one dead letter. */
    public sealed interface Outcome permits Send, Skip {
    }

    /** Send {@code key} and {@code value} to {@code topic}. */
    public record Send(String topic, byte[] key, byte[] value) implements Outcome {
    }

    /**
     * Leave the dead letter where it is.
     *
     * @param cause why, from a small set of phrases (it is a summary's key)
     */
    public record Skip(String cause) implements Outcome {
    }

    private final Topics topics;

    public Resend(final Topics topics) {
        this.topics = topics;
    }

    public Outcome of(final DeadLetterRecord deadLetter) {
        if (deadLetter.value() == null) {
            return new Skip("no value to send");
        }
        if (!deadLetter.sourceTopic().isEmpty()) {
            return topics.isReplayable(deadLetter.sourceTopic())
                    ? new Send(deadLetter.sourceTopic(), deadLetter.key(), deadLetter.value())
                    : new Skip("not from an event topic");
        }
        if (deadLetter.isFromFile()) {
            return importLine(deadLetter);
        }
        return new Skip("no source");
    }

    private Outcome importLine(final DeadLetterRecord deadLetter) {
        final Topic<String, SalesEvent> events = topics.crmEvents();
        final SalesEvent event;
        final byte[] value;
        try {
            event = SalesEventJson.parse(text(deadLetter.value()));
            value = events.valueSerde().serializer().serialize(events.name(), event);
        } catch (final InvalidRecordException stillInvalid) {
            return new Skip("line still invalid: " + stillInvalid.reason().tag());
        } catch (final IllegalArgumentException notEncodable) {
            return new Skip("line still invalid: not encodable");
        }
        final byte[] key = events.keySerde().serializer().serialize(events.name(), EventKeys.keyOf(event));
        return new Send(events.name(), key, value);
    }

    /** The line as the importer read it: UTF-8, without a byte-order mark (which only the first line has). */
    private static String text(final byte[] line) {
        final boolean bom = line.length >= UTF8_BOM.length
                && Arrays.equals(line, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
        return bom ? new String(line, UTF8_BOM.length, line.length - UTF8_BOM.length, StandardCharsets.UTF_8)
                : new String(line, StandardCharsets.UTF_8);
    }
}
