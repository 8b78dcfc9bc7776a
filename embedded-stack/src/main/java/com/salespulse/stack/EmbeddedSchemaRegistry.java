package com.salespulse.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small schema registry speaking the subset of Confluent Schema Registry's REST API that the
 * project's serdes and Confluent-compatible clients use (see {@link RegistryHttpHandler} for the
 * routes): Avro only, global ids, BACKWARD compatibility against a subject's latest version.
 *
 * <p>Its state lives in a compacted Kafka topic ({@value #DEFAULT_TOPIC} by default) with
 * Confluent's record layout: every registration is written synchronously before it is answered,
 * and on start the topic is read to its end, so ids and versions survive a restart. It assumes it
 * is the topic's only writer while it runs.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(broker.bootstrapServers()).build().start()) {
 *     String url = registry.url();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** The topic Confluent's registry keeps its schemas in. */
    public static final String DEFAULT_TOPIC = "_schemas";
    /** The port Confluent's registry customarily listens on. */
    public static final int DEFAULT_PORT = 8081;
    /** The media type of every answer. */
    public static final String CONTENT_TYPE = RegistryHttpHandler.CONTENT_TYPE;
    private static final int HTTP_THREADS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final String bootstrapServers;
    private final String topic;
    private final int preferredPort;
    private final String bindAddress;
    private final Duration timeout;
    private final SchemaStore store = new SchemaStore();

    private SchemasTopic schemasTopic;
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    private EmbeddedSchemaRegistry(final Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.topic = builder.topic;
        this.preferredPort = builder.port;
        this.bindAddress = builder.bindAddress;
        this.timeout = builder.timeout;
    }

    /** @param bootstrapServers the Kafka cluster that holds the schema topic */
    public static Builder builder(final String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /**
     * Creates the schema topic if missing, reads it to its end, then starts serving HTTP.
     *
     * @return this registry, started
     */
    public synchronized EmbeddedSchemaRegistry start() {
        if (server != null || closed) {
            throw new IllegalStateException("an embedded schema registry starts once");
        }
        final long startNanos = System.nanoTime();
        try {
            schemasTopic = new SchemasTopic(bootstrapServers, topic, timeout);
            schemasTopic.ensureExists();
            final int restored = schemasTopic.replayInto(store);
            executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
            server = bind();
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(store, schemasTopic::append));
            server.start();
            if (preferredPort != 0 && port() != preferredPort) {
                LOG.info("Port {} is taken; the schema registry listens on port {} instead", preferredPort, port());
            }
            LOG.info("Schema registry at {} started in {} ms ({} schema versions restored from {})", url(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), restored, topic);
            return this;
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code http://localhost:PORT}, the URL clients use. */
    public synchronized String url() {
        return "http://localhost:" + port();
    }

    /** The port the registry listens on, which is the preferred one unless that was taken. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the schema registry is not running");
        }
        return server.getAddress().getPort();
    }

    /** The Kafka topic the registry stores its schemas in. */
    public String topic() {
        return topic;
    }

    /** Stops serving and closes the Kafka producer. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (schemasTopic != null) {
            schemasTopic.close();
            schemasTopic = null;
        }
    }

    /** The preferred port, or any free port when it is taken or 0. */
    private HttpServer bind() {
        try {
            final InetAddress address = InetAddress.getByName(bindAddress);
            // The wildcard check also sees a listener on another interface or on IPv6, which
            // "localhost" in url() might reach instead of this registry.
            if (preferredPort != 0 && Ports.isFree(preferredPort)) {
                try {
                    return HttpServer.create(new InetSocketAddress(address, preferredPort), 0);
                } catch (final BindException e) {
                    LOG.debug("Port {} is taken", preferredPort, e);
                }
            }
            return HttpServer.create(new InetSocketAddress(address, 0), 0);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot bind the schema registry to " + bindAddress, e);
        }
    }

    private static ThreadFactory daemonThreads() {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Options of an {@link EmbeddedSchemaRegistry}; all but the Kafka address have defaults. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private int port;
        private String bindAddress = "127.0.0.1";
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(final String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /**
         * The port to listen on if it is free (e.g. {@link #DEFAULT_PORT}); when it is taken the
         * registry takes any free port. Default 0: any free port.
         */
        public Builder port(final int preferredPort) {
            this.port = Ports.requireValid(preferredPort);
            return this;
        }

        /** The address to listen on: {@code 127.0.0.1} (default) or {@code 0.0.0.0} for every interface. */
        public Builder bindAddress(final String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The schema topic. Default {@value EmbeddedSchemaRegistry#DEFAULT_TOPIC}. */
        public Builder topic(final String name) {
            this.topic = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The bound on each Kafka operation: creating the topic, reading it, writing a schema. Default 30 s. */
        public Builder timeout(final Duration kafkaTimeout) {
            this.timeout = Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
            return this;
        }

        /** A registry with these options, not yet started. */
        public EmbeddedSchemaRegistry build() {
            return new EmbeddedSchemaRegistry(this);
        }
    }
}
