package com.salespulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaBrokerTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerTest.class);
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldDeliverRecordsInOrderWhenProducedToCreatedTopic() throws Exception {
        // Given a topic with one partition, so that the order of the records is defined
        createTopic(broker.bootstrapServers(), new NewTopic("broker-roundtrip", 1, (short) 1));

        // When two records are produced
        TestClients.produce(broker.bootstrapServers(), "broker-roundtrip", orderedMap("L1", "created", "L2", "contacted"));

        // Then a consumer reads both, in order
        final List<ConsumerRecord<String, String>> records =
                TestClients.consume(broker.bootstrapServers(), "broker-roundtrip", 2);
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(
                        tuple("L1", "created"),
                        tuple("L2", "contacted"));
    }

    @Test
    void shouldUseSingleNodeDefaultsWhenTopicIsCreatedWithoutSettings() throws Exception {
        try (Admin admin = admin(broker.bootstrapServers())) {
            // Given a topic created without a partition count or replication factor
            admin.createTopics(List.of(new NewTopic("broker-defaults", Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);

            // When its description and the broker's settings are read
            final int partitions = admin.describeTopics(List.of("broker-defaults")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("broker-defaults").partitions().size();
            final ConfigResource brokerResource =
                    new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(EmbeddedKafkaBroker.NODE_ID));
            final Config config = admin.describeConfigs(List.of(brokerResource)).all()
                    .get(30, TimeUnit.SECONDS).get(brokerResource);

            // Then it has the broker's 4 default partitions, and topics are never created implicitly
            assertThat(partitions).isEqualTo(4);
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
            assertThat(config.get("transaction.state.log.min.isr").value()).isEqualTo("1");
        }
    }

    @Test
    void shouldKeepRecordsAndClusterIdWhenRestartedOnSameDataDir(@TempDir final Path dataDir) throws Exception {
        // Given a broker on a persistent data dir with a topic holding two records
        final String clusterId;
        final long firstStart = System.nanoTime();
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            LOG.info("Broker started on a new data dir in {} ms", millisSince(firstStart));
            clusterId = first.clusterId();
            createTopic(first.bootstrapServers(), new NewTopic("broker-restart", 1, (short) 1));
            TestClients.produce(first.bootstrapServers(), "broker-restart", orderedMap("R1", "one", "R2", "two"));
        }

        // When a new broker starts on the same data dir
        final long restart = System.nanoTime();
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            LOG.info("Broker restarted on an existing data dir in {} ms", millisSince(restart));

            // Then it is the same cluster and the topic still holds both records
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(TestClients.consume(second.bootstrapServers(), "broker-restart", 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("one", "two");
        }
        assertThat(dataDir.resolve("kafka-logs").resolve("meta.properties")).exists();
    }

    @Test
    void shouldChooseAnotherPortWhenPreferredPortIsTaken() throws Exception {
        // Given a port something already listens on
        try (ServerSocket taken = new ServerSocket(0)) {
            // When that port is preferred
            final int chosen = Ports.preferredOrFree(taken.getLocalPort());

            // Then another, free port is chosen
            assertThat(chosen).isNotEqualTo(taken.getLocalPort()).isPositive();
        }
    }

    @Test
    void shouldKeepPreferredPortWhenItIsFree() {
        // Given a port that is free
        final int free = Ports.free();

        // When it is preferred, then it is chosen
        assertThat(Ports.preferredOrFree(free)).isEqualTo(free);
    }

    private static void createTopic(final String bootstrapServers, final NewTopic topic) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(final String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static Map<String, String> orderedMap(final String k1, final String v1, final String k2, final String v2) {
        final Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static long millisSince(final long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
