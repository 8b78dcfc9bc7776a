package com.salespulse.testkit;

import com.salespulse.stack.KafkaTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka and Confluent Schema Registry in containers on one Docker network. The registry
 * reaches the broker through a second listener on the network alias {@value #KAFKA_ALIAS}; the test
 * JVM reaches both through mapped ports.
 *
 * <p>The broker gets the embedded broker's defaults that tests notice (no automatic topic
 * creation, 4 partitions), so a test behaves the same on either stack.
 */
final class ContainersKafkaStack implements CloseableKafkaStack {
    /** Overrides the Kafka image, e.g. {@code -Dsalespulse.test.kafka.image=apache/kafka-native:4.3.1}. */
    static final String KAFKA_IMAGE_PROPERTY = "salespulse.test.kafka.image";
    /** Overrides the schema registry image. */
    static final String REGISTRY_IMAGE_PROPERTY = "salespulse.test.schema-registry.image";
    /** The same Kafka version the embedded broker runs (4.1.0 has a memory leak). */
    static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.3.1";
    static final String DEFAULT_REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.0.0";
    static final String KAFKA_ALIAS = "kafka";
    private static final int KAFKA_NETWORK_PORT = 19092;
    private static final int REGISTRY_PORT = 8081;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private final Admin admin;

    private ContainersKafkaStack(final Network network, final KafkaContainer kafka, final GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()));
    }

    /** Starts both containers with the images named by the system properties, or the defaults. */
    static ContainersKafkaStack start() {
        return start(System.getProperty(KAFKA_IMAGE_PROPERTY, DEFAULT_KAFKA_IMAGE),
                System.getProperty(REGISTRY_IMAGE_PROPERTY, DEFAULT_REGISTRY_IMAGE));
    }

    static ContainersKafkaStack start(final String kafkaImage, final String registryImage) {
        final Network network = Network.newNetwork();
        final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(kafkaImage))
                .withNetwork(network)
                .withListener(KAFKA_ALIAS + ":" + KAFKA_NETWORK_PORT)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "4");
        final GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(registryImage))
                .withNetwork(network)
                .withNetworkAliases("schema-registry")
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS",
                        "PLAINTEXT://" + KAFKA_ALIAS + ":" + KAFKA_NETWORK_PORT)
                .dependsOn(kafka)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        try {
            kafka.start();
            registry.start();
            return new ContainersKafkaStack(network, kafka, registry);
        } catch (final RuntimeException e) {
            registry.stop();
            kafka.stop();
            network.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
    }

    @Override
    public void createTopics(final Collection<NewTopic> topics) {
        KafkaTopics.createIfMissing(admin, topics, ADMIN_TIMEOUT);
    }

    @Override
    public String describe() {
        return "containers " + kafka.getDockerImageName() + " at " + bootstrapServers() + " and "
                + registry.getDockerImageName() + " at " + schemaRegistryUrl();
    }

    @Override
    public void close() {
        Utils.closeQuietly(() -> admin.close(ADMIN_TIMEOUT), "admin client");
        registry.stop();
        kafka.stop();
        network.close();
    }
}
