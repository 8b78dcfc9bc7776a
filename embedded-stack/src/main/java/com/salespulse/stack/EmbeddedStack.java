package com.salespulse.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The embedded Kafka stack of the demo, the replay and the integration tests: a real single-node
 * KRaft broker and, on it, a Confluent-compatible schema registry.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral())) {
 *     stack.createTopics(List.of(new NewTopic("sales.crm-events", Optional.empty(), Optional.empty())));
 *     // stack.bootstrapServers(), stack.schemaRegistryUrl()
 * }
 * }</pre>
 *
 * With a data directory the broker keeps its log in {@code DATA_DIR/kafka-logs}, and the
 * registry's schemas with it (in the {@code _schemas} topic), so a restart on the same directory
 * finds its topics, records, schema ids and versions again.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private Admin admin;

    private EmbeddedStack(final EmbeddedKafkaBroker broker, final EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts the broker, then the registry on it; stops what started when a later step fails. */
    public static EmbeddedStack start(final Options options) {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .dataDir(options.dataDir())
                .port(options.kafkaPort())
                .build()
                .start();
        final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(broker.bootstrapServers())
                .port(options.schemaRegistryPort())
                .bindAddress(options.bindAddress())
                .build();
        try {
            registry.start();
            return new EmbeddedStack(broker, registry);
        } catch (final RuntimeException e) {
            registry.close();
            broker.close();
            throw e;
        }
    }

    /** {@code localhost:PORT} of the broker. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** {@code http://localhost:PORT} of the schema registry. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public EmbeddedSchemaRegistry schemaRegistry() {
        return registry;
    }

    /**
     * Creates the topics and waits until the broker has; a topic that exists already is left as
     * it is, so calling this again with the same topics is harmless.
     *
     * @throws IllegalStateException when the broker refuses a topic for another reason or does not answer in time
     */
    public void createTopics(final Collection<NewTopic> topics) {
        KafkaTopics.createIfMissing(admin(), topics, ADMIN_TIMEOUT);
    }

    /** Stops the registry, then the broker (which deletes a temporary data directory). */
    @Override
    public void close() {
        try {
            registry.close();
            synchronized (this) {
                if (admin != null) {
                    admin.close(ADMIN_TIMEOUT);
                    admin = null;
                }
            }
        } finally {
            broker.close();
        }
    }

    /** Created on first use: a stack whose caller creates no topics needs no admin client. */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "embedded-stack-admin"));
        }
        return admin;
    }

    /**
     * How to start an {@link EmbeddedStack}.
     *
     * @param dataDir            where the broker keeps its data; null for a temporary directory deleted on close
     * @param kafkaPort          the broker's preferred port, any free port when taken; 0 for any free port
     * @param schemaRegistryPort the registry's preferred port, any free port when taken; 0 for any free port
     * @param bindAddress        the registry's listening address, {@code 127.0.0.1} or {@code 0.0.0.0}
     *                           (the broker always listens on {@code localhost})
     */
    public record Options(Path dataDir, int kafkaPort, int schemaRegistryPort, String bindAddress) {
        public Options {
            Ports.requireValid(kafkaPort);
            Ports.requireValid(schemaRegistryPort);
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        }

        /**
         * The demo's choice: the customary ports 9092 and 8081 where they are free, on
         * {@code dataDir} (null: temporary), listening on {@code 127.0.0.1}.
         */
        public static Options customaryPorts(final Path dataDir) {
            return new Options(dataDir, EmbeddedKafkaBroker.DEFAULT_PORT, EmbeddedSchemaRegistry.DEFAULT_PORT, null);
        }

        /** The tests' choice: a temporary directory and any free ports. */
        public static Options ephemeral() {
            return new Options(null, 0, 0, null);
        }

        public Options withDataDir(final Path dir) {
            return new Options(dir, kafkaPort, schemaRegistryPort, bindAddress);
        }

        public Options withKafkaPort(final int port) {
            return new Options(dataDir, port, schemaRegistryPort, bindAddress);
        }

        public Options withSchemaRegistryPort(final int port) {
            return new Options(dataDir, kafkaPort, port, bindAddress);
        }

        public Options withBindAddress(final String address) {
            return new Options(dataDir, kafkaPort, schemaRegistryPort, address);
        }
    }
}
