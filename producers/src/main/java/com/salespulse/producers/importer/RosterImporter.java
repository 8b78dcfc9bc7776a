package com.salespulse.producers.importer;

import com.salespulse.events.Rep;
import com.salespulse.events.json.RepJson;
import com.salespulse.events.topic.Topic;
import com.salespulse.events.topic.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Loads the roster into the compacted {@code sales.reps}, keyed by repId: from a JSON Lines file
 * (one rep per line, {@link RepJson}; bad lines go to {@code sales.dlq} like the event importer's),
 * or from reps in memory, as the demo does with the generator's roster. Idempotent producer,
 * {@code acks=all}; both return once every record is acknowledged.
 */
public final class RosterImporter extends LineImporter<Rep> {
    private final Topic<String, Rep> reps;

    public RosterImporter(final Topics topics, final Map<String, ?> clientConfig) {
        this(topics.reps(), topics.dlq(), clientConfig);
    }

    public RosterImporter(final Topic<String, Rep> reps, final Topic<byte[], byte[]> deadLetters,
                          final Map<String, ?> clientConfig) {
        this(reps, deadLetters, producer(clientConfig, "salespulse-roster"));
    }

    /** An importer sending through {@code producer}, which it closes when closed. */
    public RosterImporter(final Topic<String, Rep> reps, final Topic<byte[], byte[]> deadLetters,
                          final Producer<byte[], byte[]> producer) {
        super(producer, new JsonLinesImport<>(reps, deadLetters, RepJson::parse, Rep::getRepId, producer));
        this.reps = reps;
    }

    /**
     * Publishes {@code roster} and waits for the acknowledgements.
     *
     * @return the number of reps published
     * @throws KafkaException when a record was not acknowledged
     */
    public int publish(final Collection<Rep> roster) {
        final List<Future<RecordMetadata>> sends = new ArrayList<>(roster.size());
        for (final Rep rep : roster) {
            final byte[] key = reps.keySerde().serializer().serialize(reps.name(), rep.getRepId());
            final byte[] value = reps.valueSerde().serializer().serialize(reps.name(), rep);
            sends.add(producer.send(new ProducerRecord<>(reps.name(), key, value)));
        }
        producer.flush();
        for (final Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (final ExecutionException e) {
                throw new KafkaException("roster not published to " + reps.name(), e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while publishing the roster to " + reps.name(), e);
            }
        }
        return sends.size();
    }

}
