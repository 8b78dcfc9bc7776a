package com.salespulse.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in this JVM: one KRaft process that is both broker and
 * controller, listening on {@code localhost}.
 *
 * <p>The log directory is formatted only when it holds no {@code meta.properties}, so a persistent
 * directory keeps its cluster id, topics and records across restarts; re-formatting it would fail.
 * Without a data directory the broker runs in a temporary directory that {@link #close()} deletes.
 *
 * <p>Single-node settings: replication factor 1 and min ISR 1 for the internal topics (offsets,
 * transaction state, share-coordinator state), no initial rebalance delay, automatic topic
 * creation off (topics are created explicitly), 4 partitions by default, and a small log-cleaner
 * dedupe buffer so that it fits a small heap. Any of these can be overridden with
 * {@link Builder#brokerProperty(String, String)}.
 *
 * <p>These are Kafka's internal server classes ({@code kafka.server.KafkaRaftServer},
 * {@code org.apache.kafka.metadata.storage.Formatter}); the Kafka version is pinned in the parent
 * pom because they change between releases.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** The port Kafka customarily listens on. */
    public static final int DEFAULT_PORT = 9092;
    static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "localhost";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final boolean temporary;
    private final int preferredPort;
    private final Duration startTimeout;
    private final Map<String, String> overrides;
    private final boolean quietLogging;

    private Path dataDir;
    private KafkaRaftServer server;
    private int port = -1;
    private String clusterId;
    private boolean closed;

    private EmbeddedKafkaBroker(final Builder builder) {
        this.temporary = builder.dataDir == null;
        this.dataDir = temporary ? null : builder.dataDir.toAbsolutePath();
        this.preferredPort = builder.port;
        this.startTimeout = builder.startTimeout;
        this.overrides = Map.copyOf(builder.overrides);
        this.quietLogging = builder.quietLogging;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the log directory if it is new, starts the broker and waits until it answers an
     * Admin {@code describeCluster} with itself as a live node.
     *
     * @return this broker, started
     * @throws IllegalStateException when it was started or closed before, or did not come up in time
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null || closed) {
            throw new IllegalStateException("an embedded broker starts once; build a new one on the same data dir to restart");
        }
        if (quietLogging) {
            KafkaLogLevels.quietBrokerLoggers();
        }
        final long startNanos = System.nanoTime();
        if (temporary) {
            dataDir = createTempDir();
        }
        final Path logDir = logDir();
        try {
            Files.createDirectories(logDir);
            port = Ports.preferredOrFree(preferredPort);
            if (preferredPort != 0 && port != preferredPort) {
                LOG.info("Port {} is taken; the Kafka broker listens on port {} instead", preferredPort, port);
            }
            final KafkaConfig config = new KafkaConfig(serverProperties(logDir, port, Ports.freeOtherThan(port)), false);
            final boolean formatted = formatIfNew(logDir);
            clusterId = readClusterId(logDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady(startNanos);
            LOG.info("Kafka broker at {} started in {} ms ({} log dir {}, cluster id {})", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    formatted ? "new" : "existing", logDir, clusterId);
            return this;
        } catch (final IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + logDir, e);
        } catch (final RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** {@code localhost:PORT}, the address producers, consumers and admin clients connect to. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return HOST + ":" + port;
    }

    /** The port the broker listens on, which is the preferred one unless that was taken. */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The KRaft cluster id, stable for the life of a persistent data directory. */
    public synchronized String clusterId() {
        requireStarted();
        return clusterId;
    }

    /**
     * The directory the broker keeps its data in (its log directory is {@code kafka-logs} inside);
     * null for a temporary broker that has not started.
     */
    public synchronized Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down, waits until it has, and deletes a temporary data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        final long startNanos = System.nanoTime();
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
                LOG.info("Kafka broker at {}:{} stopped in {} ms", HOST, port,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            }
        } finally {
            server = null;
            if (temporary && dataDir != null) {
                deleteQuietly(dataDir);
            }
        }
    }

    private Path logDir() {
        return dataDir.resolve("kafka-logs");
    }

    private Properties serverProperties(final Path logDir, final int brokerPort, final int controllerPort) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // A static voter set: the controller may take a different free port on every start.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDir.toString());

        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "4");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        // 50 partitions (the default) cost seconds on the first consumer group of a fresh broker.
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "4");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The default takes 128 MiB of heap; 8 MiB holds the offsets of ~300 K keys per cleaning pass.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));

        props.putAll(overrides);
        final Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    /** Formats a new log directory with a fresh cluster id; an existing one is left alone. */
    private static boolean formatIfNew(final Path logDir) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            return false;
        }
        try (PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(silent)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
            return true;
        } catch (final Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
        }
    }

    private static String readClusterId(final Path logDir) throws IOException {
        final Properties meta = new Properties();
        try (var in = Files.newInputStream(logDir.resolve(META_PROPERTIES))) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    private void awaitReady(final long startNanos) {
        final long deadline = startNanos + startTimeout.toNanos();
        final Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        Exception last = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                try {
                    final Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get(2, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == NODE_ID)) {
                        return;
                    }
                } catch (final ExecutionException | TimeoutException e) {
                    last = e;
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
                }
                pause();
            }
        }
        throw new IllegalStateException("the embedded Kafka broker at " + HOST + ":" + port
                + " did not answer describeCluster within " + startTimeout, last);
    }

    /** A short pause between readiness probes, so that a broker that answers without itself is not hammered. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the embedded Kafka broker is not running");
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (final RuntimeException e) {
            LOG.warn("Cannot stop the embedded Kafka broker after a failed start", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("salespulse-kafka-");
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded Kafka broker", e);
        }
    }

    private static void deleteQuietly(final Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (final IOException e) {
            LOG.warn("Cannot delete the temporary Kafka data directory {}", dir, e);
        }
    }

    /** Options of an {@link EmbeddedKafkaBroker}; every one has a default. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private boolean quietLogging = true;

        private Builder() {
        }

        /**
         * A persistent data directory, created if missing, kept on close. Default: none, which
         * means a temporary directory deleted on close.
         */
        public Builder dataDir(final Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * The port to listen on if it is free (e.g. {@link #DEFAULT_PORT}); when it is taken the
         * broker takes any free port. Default 0: any free port.
         */
        public Builder port(final int preferredPort) {
            this.port = Ports.requireValid(preferredPort);
            return this;
        }

        /** How long {@link #start()} waits for the broker to answer. Default 60 s. */
        public Builder startTimeout(final Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Sets or overrides one broker setting (a {@code server.properties} key). */
        public Builder brokerProperty(final String key, final String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Whether the broker's own loggers default to WARN when the application logs through
         * Logback and has not set their level. Default true: at INFO a broker logs thousands of lines.
         */
        public Builder quietLogging(final boolean quiet) {
            this.quietLogging = quiet;
            return this;
        }

        /** A broker with these options, not yet started. */
        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
