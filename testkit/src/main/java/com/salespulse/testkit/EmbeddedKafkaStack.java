package com.salespulse.testkit;

import com.salespulse.stack.EmbeddedStack;
import java.util.Collection;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack (in-JVM KRaft broker and schema registry) on a temporary directory and free
 * ports.
 *
 * <p>While it runs, a fatal broker fault that would halt or exit the JVM throws instead: the test
 * run then reports a failure rather than a forked JVM that vanished without a word.
 */
final class EmbeddedKafkaStack implements CloseableKafkaStack {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaStack.class);
    private final EmbeddedStack stack;

    private EmbeddedKafkaStack(final EmbeddedStack stack) {
        this.stack = stack;
    }

    static EmbeddedKafkaStack start() {
        Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
        Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
        try {
            return new EmbeddedKafkaStack(EmbeddedStack.start(EmbeddedStack.Options.ephemeral()));
        } catch (final RuntimeException e) {
            resetExitProcedures();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    @Override
    public void createTopics(final Collection<NewTopic> topics) {
        stack.createTopics(topics);
    }

    @Override
    public String describe() {
        return "embedded KRaft broker at " + bootstrapServers() + " and schema registry at " + schemaRegistryUrl();
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            resetExitProcedures();
        }
    }

    private static void refuse(final String what, final int status, final String message) {
        LOG.error("The embedded Kafka broker asked to {} the JVM with status {}: {}", what, status, message);
        throw new IllegalStateException("the embedded Kafka broker asked to " + what + " the JVM with status "
                + status + ": " + message);
    }

    private static void resetExitProcedures() {
        Exit.resetHaltProcedure();
        Exit.resetExitProcedure();
    }
}
