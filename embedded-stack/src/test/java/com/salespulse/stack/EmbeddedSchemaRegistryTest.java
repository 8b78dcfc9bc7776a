package com.salespulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.registry.CachingRestSchemaRegistryClient;
import com.salespulse.events.registry.SchemaRegistryException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry's REST contract, against one stack for the class. Each test uses its own subjects,
 * so that tests do not see each other's versions.
 */
class EmbeddedSchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Version 1 of a lead. */
    private static final Schema LEAD_V1 = SchemaBuilder.record("Lead").namespace("com.salespulse.test")
            .fields().requiredString("leadId").endRecord();
    /** Adds a field with a default: it can read data written with v1 (BACKWARD compatible). */
    private static final Schema LEAD_V2 = SchemaBuilder.record("Lead").namespace("com.salespulse.test")
            .fields().requiredString("leadId").name("region").type().stringType().stringDefault("EMEA").endRecord();
    /** Adds a field without a default: it cannot read data written with v1 or v2. */
    private static final Schema LEAD_INCOMPATIBLE = SchemaBuilder.record("Lead").namespace("com.salespulse.test")
            .fields().requiredString("leadId").requiredInt("score").endRecord();

    private static EmbeddedStack stack;
    private static RegistryHttp http;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral());
        http = new RegistryHttp(stack.schemaRegistryUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldReturnExistingIdAndAddNoVersionWhenSameSchemaIsRegisteredAgain() throws Exception {
        // Given a schema registered under a subject
        final int id = http.postSchema("/subjects/again-value/versions", LEAD_V1).body().get("id").intValue();

        // When the same schema is registered under that subject again, once as is and once pretty-printed
        final RegistryHttp.Answer again = http.postSchema("/subjects/again-value/versions", LEAD_V1);
        final RegistryHttp.Answer pretty = http.post("/subjects/again-value/versions",
                JSON.createObjectNode().put("schema", JSON.readTree(LEAD_V1.toString()).toPrettyString()).toString());

        // Then both answers are the same id, and the subject still has one version
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(again.body().get("id").intValue()).isEqualTo(id);
        assertThat(pretty.body().get("id").intValue()).isEqualTo(id);
        assertThat(http.get("/subjects/again-value/versions").body()).isEqualTo(json("[1]"));
    }

    @Test
    void shouldShareOneIdWhenSameSchemaIsRegisteredUnderTwoSubjects() throws Exception {
        // Given a schema registered under one subject
        final Schema rep = record("SharedRep");
        final int first = http.postSchema("/subjects/shared-a-value/versions", rep).body().get("id").intValue();

        // When it is registered under another subject
        final int second = http.postSchema("/subjects/shared-b-value/versions", rep).body().get("id").intValue();

        // Then both subjects hold it under one global id, each as its version 1
        assertThat(second).isEqualTo(first);
        assertThat(http.get("/subjects/shared-b-value/versions/1").body().get("id").intValue()).isEqualTo(first);
        assertThat(http.get("/schemas/ids/" + first + "/versions").body())
                .isEqualTo(json("[{\"subject\":\"shared-a-value\",\"version\":1},"
                        + "{\"subject\":\"shared-b-value\",\"version\":1}]"));
    }

    @Test
    void shouldGiveOneIdWhenClientsRegisterSameSchemaUnderManySubjectsAtOnce() throws Exception {
        // Given a schema nobody registered yet, and eight clients
        final Schema schema = record("Concurrent");
        final ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            // When each registers it under its own subject at the same time
            final List<Callable<Integer>> registrations = IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<Integer>) () -> http.postSchema("/subjects/concurrent-" + i + "-value/versions", schema)
                            .body().get("id").intValue())
                    .collect(Collectors.toList());
            final Set<Integer> ids = new HashSet<>();
            for (final Future<Integer> id : clients.invokeAll(registrations, 60, TimeUnit.SECONDS)) {
                ids.add(id.get());
            }

            // Then every subject got the same id
            assertThat(ids).hasSize(1);
            assertThat(http.get("/schemas/ids/" + ids.iterator().next() + "/versions").body()).hasSize(8);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shouldServeSchemaByIdWhenRegistered() throws Exception {
        // Given a registered schema
        final int id = http.postSchema("/subjects/by-id-value/versions", LEAD_V1).body().get("id").intValue();

        // When it is fetched by id
        final RegistryHttp.Answer answer = http.get("/schemas/ids/" + id);

        // Then the answer is the same schema
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(answer.body().get("schema").textValue())).isEqualTo(LEAD_V1);
    }

    @Test
    void shouldListSubjectsVersionsAndLatestWhenSubjectEvolves() throws Exception {
        // Given a subject with version 1 and a compatible version 2
        final int v1 = http.postSchema("/subjects/evolving-value/versions", LEAD_V1).body().get("id").intValue();
        final int v2 = http.postSchema("/subjects/evolving-value/versions", LEAD_V2).body().get("id").intValue();

        // When subjects, versions and the latest version are read
        final JsonNode subjects = http.get("/subjects").body();
        final JsonNode versions = http.get("/subjects/evolving-value/versions").body();
        final JsonNode latest = http.get("/subjects/evolving-value/versions/latest").body();
        final JsonNode first = http.get("/subjects/evolving-value/versions/1").body();

        // Then the subject has two versions with two ids, and "latest" is version 2
        assertThat(v2).isNotEqualTo(v1);
        assertThat(subjects).contains(JSON.getNodeFactory().textNode("evolving-value"));
        assertThat(versions).isEqualTo(json("[1,2]"));
        assertThat(latest.get("subject").textValue()).isEqualTo("evolving-value");
        assertThat(latest.get("version").intValue()).isEqualTo(2);
        assertThat(latest.get("id").intValue()).isEqualTo(v2);
        assertThat(new Schema.Parser().parse(latest.get("schema").textValue())).isEqualTo(LEAD_V2);
        assertThat(first.get("version").intValue()).isEqualTo(1);
        assertThat(first.get("id").intValue()).isEqualTo(v1);
    }

    @Test
    void shouldFindVersionWhenLookingUpRegisteredSchemaAndRefuseUnknownOne() throws Exception {
        // Given a subject with two versions
        http.postSchema("/subjects/lookup-value/versions", LEAD_V1);
        final int v2 = http.postSchema("/subjects/lookup-value/versions", LEAD_V2).body().get("id").intValue();

        // When version 2's schema and a schema the subject does not hold are looked up
        final RegistryHttp.Answer found = http.postSchema("/subjects/lookup-value", LEAD_V2);
        final RegistryHttp.Answer missing = http.postSchema("/subjects/lookup-value", record("Unregistered"));

        // Then the first is version 2, the second is Confluent's 40403
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("version").intValue()).isEqualTo(2);
        assertThat(found.body().get("id").intValue()).isEqualTo(v2);
        assertError(missing, 404, 40403);
    }

    @Test
    void shouldAnswerCompatibilityWhenCheckedAgainstLatestVersion() throws Exception {
        // Given a subject at version 1
        http.postSchema("/subjects/compat-value/versions", LEAD_V1);

        // When a schema with a defaulted new field and one with a required new field are checked
        final RegistryHttp.Answer compatible = http.postSchema("/compatibility/subjects/compat-value/versions/latest", LEAD_V2);
        final RegistryHttp.Answer incompatible = http.postSchema("/compatibility/subjects/compat-value/versions/1", LEAD_INCOMPATIBLE);

        // Then only the first can read data written with version 1 (BACKWARD)
        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.body().get("is_compatible").booleanValue()).isTrue();
        assertThat(incompatible.status()).isEqualTo(200);
        assertThat(incompatible.body().get("is_compatible").booleanValue()).isFalse();
        assertThat(http.get("/config").body()).isEqualTo(json("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void shouldRefuseWith409AndAddNoVersionWhenSchemaIsIncompatibleWithLatest() throws Exception {
        // Given a subject at version 1
        http.postSchema("/subjects/refused-value/versions", LEAD_V1);

        // When a schema that cannot read version 1's data is registered
        final RegistryHttp.Answer answer = http.postSchema("/subjects/refused-value/versions", LEAD_INCOMPATIBLE);

        // Then it is refused as Confluent refuses it, and the subject keeps its one version
        assertError(answer, 409, 409);
        assertThat(answer.body().get("message").textValue()).contains("incompatible").contains("refused-value");
        assertThat(http.get("/subjects/refused-value/versions").body()).isEqualTo(json("[1]"));
    }

    @Test
    void shouldAnswerConfluentErrorsWhenSubjectVersionIdOrSchemaIsUnknownOrInvalid() throws Exception {
        // Given a subject with one version
        http.postSchema("/subjects/errors-value/versions", LEAD_V1);

        // When unknown things are asked for and an invalid schema is sent, then each gets Confluent's error
        assertError(http.get("/subjects/no-such-subject/versions"), 404, 40401);
        assertError(http.get("/subjects/no-such-subject/versions/latest"), 404, 40401);
        assertError(http.get("/subjects/errors-value/versions/7"), 404, 40402);
        assertError(http.get("/subjects/errors-value/versions/zero"), 422, 42202);
        assertError(http.get("/schemas/ids/999999"), 404, 40403);
        assertError(http.post("/subjects/errors-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"recrod\\\"}\"}"), 422, 42201);
        assertError(http.post("/subjects/errors-value/versions", "{\"schema\":\"x\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
        assertError(http.post("/compatibility/subjects/no-such-subject/versions/latest",
                "{\"schema\":\"\\\"string\\\"\"}"), 404, 40401);
        assertError(http.get("/no/such/route"), 404, 404);
        assertError(http.post("/subjects", "{}"), 405, 405);
    }

    @Test
    void shouldStoreRegistrationInConfluentLayoutWhenSchemaIsRegistered() throws Exception {
        // Given a registration
        final Schema rep = record("LayoutRep");
        final int id = http.postSchema("/subjects/layout-value/versions", rep).body().get("id").intValue();

        // When the _schemas topic is read
        final List<ConsumerRecord<String, String>> records =
                TestClients.readToEnd(stack.bootstrapServers(), EmbeddedSchemaRegistry.DEFAULT_TOPIC);

        // Then it holds Confluent's key and value for that version
        final ConsumerRecord<String, String> record = records.stream()
                .filter(r -> r.key().contains("\"layout-value\""))
                .findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"layout-value\",\"version\":1,\"magic\":1}");
        final JsonNode value = JSON.readTree(record.value());
        assertThat(value.get("subject").textValue()).isEqualTo("layout-value");
        assertThat(value.get("version").intValue()).isEqualTo(1);
        assertThat(value.get("id").intValue()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(value.get("schema").textValue())).isEqualTo(rep);
    }

    @Test
    void shouldServeProjectClientWhenItRegistersAndFetchesSchemas() {
        // Given the project's REST client on the registry
        try (CachingRestSchemaRegistryClient client = new CachingRestSchemaRegistryClient(stack.schemaRegistryUrl())) {
            // When it registers a schema under a subject with an odd name, and another client fetches it by id
            final int id = client.register("client test/value", LEAD_V1);
            final Schema fetched;
            try (CachingRestSchemaRegistryClient other = new CachingRestSchemaRegistryClient(stack.schemaRegistryUrl())) {
                fetched = other.schemaById(id);
            }

            // Then it gets the schema back, and an incompatible registration is refused
            assertThat(fetched).isEqualTo(LEAD_V1);
            assertThatThrownBy(() -> client.register("client test/value", LEAD_INCOMPATIBLE))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("409");
        }
    }

    /** A schema no other test registers, so that its id is this test's alone. */
    private static Schema record(final String name) {
        return SchemaBuilder.record(name).namespace("com.salespulse.test").fields().requiredString("id").endRecord();
    }

    private static void assertError(final RegistryHttp.Answer answer, final int status, final int errorCode) {
        assertThat(answer.status()).as("HTTP status").isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(answer.body().get("error_code").intValue()).as("error_code of %s", answer.body()).isEqualTo(errorCode);
        assertThat(answer.body().get("message").textValue()).isNotBlank();
    }

    private static JsonNode json(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
