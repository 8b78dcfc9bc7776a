package com.salespulse.producers.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends records and waits for the broker's acknowledgements: an endpoint answers success only for
 * a record Kafka has acknowledged ({@code acks=all}), so a client that got no success may send
 * again, and the pipeline's deduplication makes the second copy harmless.
 */
final class Acks {
    private Acks() {
    }

    /** What became of one record: its position on the topic, or why it was not acknowledged. */
    record Ack(RecordMetadata metadata, Throwable failure) {

        boolean acknowledged() {
            return metadata != null;
        }

        /** {@code topic-partition@offset}, what logs may say about a record. */
        String position() {
            return metadata == null ? "-" : metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
        }

        /** The failure's kind, which carries no payload (unlike a serializer's message could). */
        String failureKind() {
            return failure == null ? "" : failure.getClass().getSimpleName();
        }
    }

    /** Sends {@code record}; a send the producer refuses at once (closed, no metadata in time) fails the future. */
    static CompletableFuture<RecordMetadata> send(final Producer<byte[], byte[]> producer,
                                                  final ProducerRecord<byte[], byte[]> record) {
        final CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    acked.completeExceptionally(exception);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (final RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Waits for {@code sent} until {@code deadlineNanos} ({@link System#nanoTime()}). */
    static Ack await(final CompletableFuture<RecordMetadata> sent, final long deadlineNanos) {
        try {
            final long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            return new Ack(sent.get(remaining, TimeUnit.NANOSECONDS), null);
        } catch (final ExecutionException e) {
            return new Ack(null, e.getCause());
        } catch (final TimeoutException e) {
            return new Ack(null, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ack(null, e);
        }
    }

    /** The deadline {@code timeout} from now, for {@link #await}. */
    static long deadline(final Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
