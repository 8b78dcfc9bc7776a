package com.salespulse.kpi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The filters of the Prometheus registry, on meters named as Micrometer's {@code KafkaStreamsMetrics}
 * binder names Kafka's metrics ({@code kafka.<group less "-metrics">.<name>}, dashes as dots).
 * MetricsScrapeIT lints a real pipeline's scrape with promtool.
 */
class PrometheusMetersTest {
    private static final Tags KAFKA_CLIENT =
            Tags.of("client.id", "salespulse-StreamThread-1-producer", "kafka.version", "4.3.1");

    private final PrometheusMeterRegistry registry = PrometheusMeters.create();

    @Test
    void shouldServeTheJvmAndProcessMetersWhenCreated() {
        assertThat(metricNames()).contains("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_usage", "process_uptime_seconds",
                "process_files_open_files");
    }

    @Test
    void shouldDenyMetersWhenTheirNameCarriesNanosecondsOrMilliseconds() {
        // Given Kafka meters in ns and ms, as promlint sees them: "metric names should not contain abbreviated units"
        FunctionCounter.builder("kafka.producer.txn.commit.time.ns.total", this, x -> 5).tags(KAFKA_CLIENT)
                .description("Total time in nanoseconds").register(registry);
        FunctionCounter.builder("kafka.stream.thread.blocked.time.ns.total", this, x -> 5).tags(KAFKA_CLIENT)
                .description("Blocked time").register(registry);
        Gauge.builder("kafka.consumer.io.wait.time.ns.avg", () -> 1).tags(KAFKA_CLIENT).description("I/O wait")
                .register(registry);
        Gauge.builder("kafka.app.info.start.time.ms", () -> 1).tags(KAFKA_CLIENT).description("Start time")
                .register(registry);
        // and a Kafka meter whose name only looks alike
        Gauge.builder("kafka.producer.io.wait.ratio", () -> 0.5).tags(KAFKA_CLIENT).description("I/O wait ratio")
                .register(registry);

        // When scraped
        final List<String> names = metricNames();

        // Then neither those nor Micrometer's process.cpu.time (base unit ns) are there; the ratio is
        assertThat(names).noneMatch(name -> name.matches(".*_(ns|ms)(_.*)?")).contains("kafka_producer_io_wait_ratio")
                .doesNotContain("process_cpu_time_ns_total");
    }

    @Test
    void shouldRenameGaugesWhenTheirNameEndsInCount() {
        // Given gauges that promlint reads as a summary's _count
        for (final String client : List.of("admin.client", "consumer", "producer")) {
            Gauge.builder("kafka." + client + ".connection.count", () -> 2).tags(KAFKA_CLIENT)
                    .description("The current number of active connections.").register(registry);
        }
        Gauge.builder("kafka.stream.task.active.buffer.count", () -> 3).tags(KAFKA_CLIENT).tag("task.id", "0_1")
                .description("The count of buffered records").register(registry);

        // When scraped
        final String scrape = registry.scrape();

        // Then they count under names without the suffix, values unchanged
        assertThat(scrape).contains("kafka_admin_client_connections{", "kafka_consumer_connections{",
                "kafka_producer_connections{", "kafka_stream_task_active_buffered_records{", "system_cpu_processors ");
        assertThat(metricNames()).noneMatch(name -> name.endsWith("_count"));
        assertThat(registry.get("kafka.producer.connections").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void shouldDescribeKafkaMetersWhenKafkaGivesNoDescription() {
        // Given Kafka's per-broker latency, which comes without a description
        Gauge.builder("kafka.producer.node.request.latency.avg", () -> 4).tags(KAFKA_CLIENT).tag("node.id", "node-1")
                .description("").register(registry);

        // When scraped, then it has help text
        assertThat(registry.scrape()).contains(
                "# HELP kafka_producer_node_request_latency_avg Kafka client metric producer.node.request.latency.avg\n");
    }

    @Test
    void shouldDenyRocksDbOpenFilesWhenKafkaReportsItAsANegativeCounter() {
        // Given the deprecated number-open-files, -1 since Kafka 4 and bound as a counter
        FunctionCounter.builder("kafka.stream.state.number.open.files", this, x -> -1).tags(KAFKA_CLIENT)
                .tag("rocksdb.state.id", "reps-store").description("Number of currently open files").register(registry);

        // When scraped, then the scrape works and does not hold it
        assertThat(metricNames()).doesNotContain("kafka_stream_state_number_open_files_total");
    }

    @Test
    void shouldKeepKafkaTagsWhenTheyAreBoundedByTheDeployment() {
        // Given a Kafka meter tagged by client, thread, task, topic and partition
        Gauge.builder("kafka.consumer.fetch.manager.records.lag", () -> 7)
                .tags(KAFKA_CLIENT).tags("thread.id", "salespulse-StreamThread-1", "task.id", "0_1",
                        "topic", "sales.crm-events", "partition", "1")
                .description("The latest lag of the partition").register(registry);

        // When scraped, then every tag is a label
        assertThat(registry.scrape()).contains("kafka_consumer_fetch_manager_records_lag{"
                + "client_id=\"salespulse-StreamThread-1-producer\",kafka_version=\"4.3.1\",partition=\"1\","
                + "task_id=\"0_1\",thread_id=\"salespulse-StreamThread-1\",topic=\"sales.crm-events\"} 7.0");
    }

    @Test
    void shouldDropTagsWhenTheyNameALeadOrAPerson() {
        // Given counters tagged by lead, event, e-mail address and phone number
        Counter.builder("salespulse.test.touches").tags("type", "LEAD_CONTACTED", "leadId", "L17", "eventId", "E9")
                .register(registry).increment();
        Counter.builder("salespulse.test.touches").tags("type", "LEAD_CONTACTED", "leadId", "L18", "eventId", "E10")
                .register(registry).increment();
        Counter.builder("salespulse.test.contacts").tags("email", "ann@example.com", "phone", "+44 20 7946 0000",
                "lead.id", "L19").register(registry).increment();

        // When scraped
        final String scrape = registry.scrape();

        // Then the personal tags are gone and the series they split are one
        assertThat(scrape).contains("salespulse_test_touches_total{type=\"LEAD_CONTACTED\"} 2.0",
                "salespulse_test_contacts_total 1.0");
        assertThat(scrape).doesNotContain("\"L17\"", "\"L19\"", "\"E9\"", "@", "+44");
    }

    @Test
    void shouldServeKpiValuesOnlyWhenTheDimensionIsBounded() {
        // Given KPI gauges by org, region, team, channel and rep
        for (final String dimension : List.of("org", "region", "team", "channel", "rep")) {
            Gauge.builder("salespulse.kpi.value", () -> 0.25).tags("kpi", "win_rate", "dimension", dimension,
                    "value", dimension.equals("org") ? "all" : "X1", "window", "P1D").register(registry);
        }

        // and KPI changes counted by dimension kind, where rep is one bounded value
        Counter.builder("salespulse.kpi.changes").tags("dimension", "rep", "final", "false").register(registry)
                .increment();

        // When scraped
        final String scrape = registry.scrape();

        // Then every KPI gauge dimension but rep has its series, and the counter is untouched
        final List<String> series = scrape.lines().filter(line -> line.startsWith("salespulse_kpi_value{")).toList();
        assertThat(series).hasSize(4).noneMatch(line -> line.contains("dimension=\"rep\""));
        assertThat(scrape).contains("salespulse_kpi_changes_total{dimension=\"rep\",final=\"false\"} 1.0");
    }

    /** The metric families of a scrape, as its TYPE lines name them. */
    private List<String> metricNames() {
        return registry.scrape().lines().filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2]).collect(Collectors.toList());
    }
}
