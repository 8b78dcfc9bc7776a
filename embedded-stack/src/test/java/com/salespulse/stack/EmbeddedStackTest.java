package com.salespulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedStackTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStackTest.class);
    private static final Schema EVENT_V1 = SchemaBuilder.record("Event").namespace("com.salespulse.test")
            .fields().requiredString("eventId").endRecord();
    private static final Schema EVENT_V2 = SchemaBuilder.record("Event").namespace("com.salespulse.test")
            .fields().requiredString("eventId").optionalString("note").endRecord();
    private static final Schema REP = SchemaBuilder.record("Rep").namespace("com.salespulse.test")
            .fields().requiredString("repId").endRecord();

    @Test
    void shouldKeepSchemaIdsVersionsAndTopicsWhenStackRestartsOnSameDataDir(@TempDir final Path dataDir) throws Exception {
        // Given a stack on a persistent data dir with a topic and two versions of one subject
        final int v1;
        final int v2;
        final long firstStart = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral().withDataDir(dataDir))) {
            LOG.info("Stack started on a new data dir in {} ms", millisSince(firstStart));
            stack.createTopics(List.of(new NewTopic("stack-restart", Optional.empty(), Optional.empty())));
            final RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());
            v1 = http.postSchema("/subjects/stack-restart-value/versions", EVENT_V1).body().get("id").intValue();
            v2 = http.postSchema("/subjects/stack-restart-value/versions", EVENT_V2).body().get("id").intValue();
        }

        // When a new stack starts on the same data dir
        final long restart = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral().withDataDir(dataDir))) {
            LOG.info("Stack restarted on an existing data dir in {} ms", millisSince(restart));
            final RegistryHttp http = new RegistryHttp(stack.schemaRegistryUrl());

            // Then the schemas keep their ids and versions, a new schema gets a new id, and the topic is still there
            final JsonNode latest = http.get("/subjects/stack-restart-value/versions/latest").body();
            assertThat(latest.get("version").intValue()).isEqualTo(2);
            assertThat(latest.get("id").intValue()).isEqualTo(v2);
            assertThat(http.get("/subjects/stack-restart-value/versions/1").body().get("id").intValue()).isEqualTo(v1);
            assertThat(new Schema.Parser().parse(http.get("/schemas/ids/" + v1).body().get("schema").textValue()))
                    .isEqualTo(EVENT_V1);
            assertThat(http.postSchema("/subjects/stack-restart-value/versions", EVENT_V1).body().get("id").intValue())
                    .isEqualTo(v1);
            assertThat(http.postSchema("/subjects/stack-restart-rep-value/versions", REP).body().get("id").intValue())
                    .isGreaterThan(Math.max(v1, v2));
            assertThat(topicNames(stack.bootstrapServers())).contains("stack-restart");
        }
    }

    @Test
    void shouldLeaveExistingTopicAloneWhenTopicsAreCreatedAgain() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral())) {
            // Given a topic with 2 partitions
            stack.createTopics(List.of(new NewTopic("stack-again", 2, (short) 1)));

            // When it is created again with another partition count, next to a new topic
            stack.createTopics(List.of(new NewTopic("stack-again", 6, (short) 1),
                    new NewTopic("stack-new", Optional.empty(), Optional.empty())));

            // Then both exist, and the first kept its 2 partitions
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of("stack-again", "stack-new")).allTopicNames()
                        .get(30, TimeUnit.SECONDS))
                        .hasEntrySatisfying("stack-again", description -> assertThat(description.partitions()).hasSize(2))
                        .containsKey("stack-new");
            }
        }
    }

    private static Set<String> topicNames(final String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static long millisSince(final long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
